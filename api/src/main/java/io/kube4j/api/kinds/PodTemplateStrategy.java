package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/** core/v1 PodTemplates: a pod template defaulted and validated like those inside workloads, any restart policy. */
final class PodTemplateStrategy extends KindStrategy {
  PodTemplateStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    PodTemplates.applyDefaults(object);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    PodTemplates.validate(object.get("template"), FieldPath.root("template"), errs);
  }
}
