package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/** apps/v1 ReplicaSets: one replica by default, a selector that matches the template and never changes. */
final class ReplicaSetStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");

  ReplicaSetStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    Json.putIfAbsent(spec, "replicas", 1);
    PodTemplates.applyDefaults(spec);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    Workloads.validateCommon(Json.object(object, "spec"), SPEC, "ReplicaSet", "ReplicaSet", errs);
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Workloads.validateStatusCounts(object, List.of("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas"), errs);
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Checks.immutable(Json.get(Json.object(object, "spec"), "selector"), Json.get(Json.object(old, "spec"), "selector"),
        SPEC.child("selector"), errs);
  }
}
