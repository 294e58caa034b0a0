package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/**
 * scheduling.k8s.io/v1 PriorityClasses: preemption by default, user values up to one billion, 'system-' names
 * reserved, and value and preemption policy fixed once created.
 */
final class PriorityClassStrategy extends KindStrategy {
  static final long HIGHEST_USER_DEFINABLE = 1_000_000_000L;
  private static final List<String> SYSTEM_CLASSES = List.of("system-node-critical", "system-cluster-critical");

  PriorityClassStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    Json.putIfEmpty(object, "preemptionPolicy", "PreemptLowerPriority");
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var name = Json.text(Json.object(object, "metadata"), "name");
    var value = Json.longValue(object, "value");
    if (SYSTEM_CLASSES.contains(name)) {
      return;
    }
    if (name.startsWith("system-")) {
      errs.add(FieldError.forbidden("metadata.name", "priority class names with 'system-' prefix are reserved"));
    }
    if (value != null && value > HIGHEST_USER_DEFINABLE) {
      errs.add(FieldError.forbidden("value", "maximum allowed value of a user defined priority is " + HIGHEST_USER_DEFINABLE));
    }
    Checks.oneOf(object, "preemptionPolicy", io.kube4j.api.validation.FieldPath.root(""),
        List.of("Never", "PreemptLowerPriority"), errs);
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    if (!Checks.sameJson(Json.get(object, "value"), Json.get(old, "value"))) {
      errs.add(FieldError.forbidden("value", "may not be changed in an update."));
    }
    Checks.immutable(Json.get(object, "preemptionPolicy"), Json.get(old, "preemptionPolicy"),
        io.kube4j.api.validation.FieldPath.root("preemptionPolicy"), errs);
  }
}
