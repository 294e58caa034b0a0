package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.IntOrString;
import io.kube4j.api.validation.Json;
import java.util.List;

/** Rules shared by the apps/v1 workloads that keep a pod template running (Deployment, ReplicaSet, StatefulSet, DaemonSet). */
final class Workloads {

  private Workloads() {}

  /** Replicas, minReadySeconds, selector against template, template as a pod with restartPolicy Always. */
  static void validateCommon(JsonNode spec, FieldPath specPath, String selectorKind, String kind, List<FieldError> errs) {
    Checks.nonNegative(spec, "replicas", specPath, errs);
    Checks.nonNegative(spec, "minReadySeconds", specPath, errs);
    PodTemplates.validateSelector(spec, specPath, selectorKind, errs);
    var template = Json.object(spec, "template");
    PodTemplates.validate(template, specPath.child("template"), errs);
    if (template != null) {
      PodTemplates.requireRestartAlways(template, specPath.child("template"), errs);
      PodTemplates.forbidActiveDeadline(template, specPath.child("template"), kind, errs);
    }
  }

  /** maxUnavailable/maxSurge: integers or percentages, at most 100% unavailable, not both zero. */
  static void validateRollingBudget(JsonNode rolling, FieldPath path, List<FieldError> errs) {
    var maxUnavailable = Json.get(rolling, "maxUnavailable");
    var maxSurge = Json.get(rolling, "maxSurge");
    errs.addAll(IntOrString.validatePositiveOrPercent(maxUnavailable, path.child("maxUnavailable")));
    errs.addAll(IntOrString.validatePositiveOrPercent(maxSurge, path.child("maxSurge")));
    errs.addAll(IntOrString.validateNotMoreThan100Percent(maxUnavailable, path.child("maxUnavailable")));
    if (IntOrString.isZero(maxUnavailable) && IntOrString.isZero(maxSurge)) {
      errs.add(FieldError.invalid(path.child("maxUnavailable").value(), Json.goValue(maxUnavailable),
          "may not be 0 when `maxSurge` is 0"));
    }
  }

  /** Status counters must be non-negative, as upstream's workload status validation requires. */
  static void validateStatusCounts(ObjectNode object, List<String> counters, List<FieldError> errs) {
    var status = Json.object(object, "status");
    var path = FieldPath.root("status");
    for (String counter : counters) {
      Checks.nonNegative(status, counter, path, errs);
    }
    Checks.nonNegative(status, "observedGeneration", path, errs);
    var replicas = Json.longValue(status, "replicas");
    for (String counter : List.of("updatedReplicas", "readyReplicas", "availableReplicas", "fullyLabeledReplicas",
        "currentReplicas")) {
      var value = Json.longValue(status, counter);
      if (counters.contains(counter) && value != null && replicas != null && value > replicas) {
        errs.add(FieldError.invalid(path.child(counter).value(), value, "cannot be greater than status.replicas"));
      }
    }
  }
}
