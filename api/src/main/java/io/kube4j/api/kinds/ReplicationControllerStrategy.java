package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.ObjectMetaValidation;
import java.util.List;

/**
 * core/v1 ReplicationControllers: the selector (a plain label map) and the object's labels default to the
 * template's labels; the selector must select the template.
 */
final class ReplicationControllerStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");

  ReplicationControllerStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    var template = Json.object(spec, "template");
    var templateLabels = Json.object(Json.object(template, "metadata"), "labels");
    if (templateLabels != null && !templateLabels.isEmpty()) {
      if (Json.size(spec, "selector") == 0) {
        spec.set("selector", templateLabels.deepCopy());
      }
      var meta = Json.objectOrCreate(object, "metadata");
      if (Json.size(meta, "labels") == 0) {
        meta.set("labels", templateLabels.deepCopy());
      }
    }
    Json.putIfAbsent(spec, "replicas", 1);
    PodTemplates.applyDefaults(spec);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    Checks.nonNegative(spec, "replicas", SPEC, errs);
    Checks.nonNegative(spec, "minReadySeconds", SPEC, errs);
    var selector = Json.object(spec, "selector");
    if (selector == null || selector.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("selector").value(), ""));
    } else {
      errs.addAll(ObjectMetaValidation.labels(selector, SPEC.child("selector")));
    }
    var template = Json.object(spec, "template");
    if (template == null) {
      errs.add(FieldError.required(SPEC.child("template").value(), ""));
      return;
    }
    var labels = Json.object(Json.object(template, "metadata"), "labels");
    if (selector != null && !selector.isEmpty()) {
      for (var e : selector.properties()) {
        if (labels == null || !labels.has(e.getKey()) || !labels.get(e.getKey()).asText().equals(e.getValue().asText())) {
          errs.add(FieldError.invalid(SPEC.child("template", "metadata", "labels").value(), Json.goStringMap(labels),
              "`selector` does not match template `labels`"));
          break;
        }
      }
    }
    PodTemplates.validate(template, SPEC.child("template"), errs);
    PodTemplates.requireRestartAlways(template, SPEC.child("template"), errs);
    PodTemplates.forbidActiveDeadline(template, SPEC.child("template"), "ReplicationController", errs);
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Workloads.validateStatusCounts(object, List.of("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas"), errs);
  }
}
