package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/** apps/v1 Deployments: replicas, rolling-update budgets, history and progress deadline defaults; an immutable selector. */
final class DeploymentStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");

  DeploymentStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    Json.putIfAbsent(spec, "replicas", 1);
    var strategy = Json.objectOrCreate(spec, "strategy");
    Json.putIfEmpty(strategy, "type", "RollingUpdate");
    if (Json.text(strategy, "type").equals("RollingUpdate")) {
      var rolling = Json.objectOrCreate(strategy, "rollingUpdate");
      if (!Json.has(rolling, "maxUnavailable")) {
        rolling.put("maxUnavailable", "25%");
      }
      if (!Json.has(rolling, "maxSurge")) {
        rolling.put("maxSurge", "25%");
      }
    }
    Json.putIfAbsent(spec, "revisionHistoryLimit", 10);
    Json.putIfAbsent(spec, "progressDeadlineSeconds", 600);
    PodTemplates.applyDefaults(spec);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    Workloads.validateCommon(spec, SPEC, "deployment", "Deployment", errs);
    Checks.nonNegative(spec, "revisionHistoryLimit", SPEC, errs);
    var strategy = Json.object(spec, "strategy");
    var sp = SPEC.child("strategy");
    var type = Json.text(strategy, "type");
    switch (type) {
      case "" -> errs.add(FieldError.required(sp.child("type").value(), ""));
      case "Recreate" -> {
        if (Json.has(strategy, "rollingUpdate")) {
          errs.add(FieldError.forbidden(sp.child("rollingUpdate").value(),
              "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        var rolling = Json.object(strategy, "rollingUpdate");
        if (rolling != null) {
          Workloads.validateRollingBudget(rolling, sp.child("rollingUpdate"), errs);
        }
      }
      default -> errs.add(FieldError.notSupported(sp.child("type").value(), type, List.of("Recreate", "RollingUpdate")));
    }
    var deadline = Json.longValue(spec, "progressDeadlineSeconds");
    if (deadline != null) {
      Checks.nonNegative(spec, "progressDeadlineSeconds", SPEC, errs);
      var minReady = Json.longValue(spec, "minReadySeconds");
      if (deadline <= (minReady == null ? 0 : minReady)) {
        errs.add(FieldError.invalid(SPEC.child("progressDeadlineSeconds").value(), deadline,
            "must be greater than minReadySeconds"));
      }
    }
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Workloads.validateStatusCounts(object, List.of("replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"), errs);
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Checks.immutable(Json.get(Json.object(object, "spec"), "selector"), Json.get(Json.object(old, "spec"), "selector"),
        SPEC.child("selector"), errs);
  }
}
