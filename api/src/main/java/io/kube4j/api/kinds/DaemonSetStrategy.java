package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.IntOrString;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/** apps/v1 DaemonSets: rolling updates one node at a time without surge by default; an immutable selector. */
final class DaemonSetStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");

  DaemonSetStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    var update = Json.objectOrCreate(spec, "updateStrategy");
    Json.putIfEmpty(update, "type", "RollingUpdate");
    if (Json.text(update, "type").equals("RollingUpdate")) {
      var rolling = Json.objectOrCreate(update, "rollingUpdate");
      if (!Json.has(rolling, "maxUnavailable")) {
        rolling.put("maxUnavailable", 1);
      }
      if (!Json.has(rolling, "maxSurge")) {
        rolling.put("maxSurge", 0);
      }
    }
    Json.putIfAbsent(spec, "revisionHistoryLimit", 10);
    PodTemplates.applyDefaults(spec);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    Checks.nonNegative(spec, "minReadySeconds", SPEC, errs);
    Checks.nonNegative(spec, "revisionHistoryLimit", SPEC, errs);
    PodTemplates.validateSelector(spec, SPEC, "daemonset", errs);
    var template = Json.object(spec, "template");
    PodTemplates.validate(template, SPEC.child("template"), errs);
    if (template != null) {
      PodTemplates.requireRestartAlways(template, SPEC.child("template"), errs);
      PodTemplates.forbidActiveDeadline(template, SPEC.child("template"), "DaemonSet", errs);
    }
    var update = Json.object(spec, "updateStrategy");
    var up = SPEC.child("updateStrategy");
    var type = Json.text(update, "type");
    switch (type) {
      case "OnDelete" -> { }
      case "RollingUpdate" -> {
        var rolling = Json.object(update, "rollingUpdate");
        if (rolling == null) {
          errs.add(FieldError.required(up.child("rollingUpdate").value(), ""));
        } else {
          var rp = up.child("rollingUpdate");
          var maxUnavailable = Json.get(rolling, "maxUnavailable");
          var maxSurge = Json.get(rolling, "maxSurge");
          errs.addAll(IntOrString.validatePositiveOrPercent(maxUnavailable, rp.child("maxUnavailable")));
          errs.addAll(IntOrString.validatePositiveOrPercent(maxSurge, rp.child("maxSurge")));
          errs.addAll(IntOrString.validateNotMoreThan100Percent(maxUnavailable, rp.child("maxUnavailable")));
          errs.addAll(IntOrString.validateNotMoreThan100Percent(maxSurge, rp.child("maxSurge")));
          boolean unavailableZero = IntOrString.isZero(maxUnavailable);
          boolean surgeZero = IntOrString.isZero(maxSurge);
          if (unavailableZero && surgeZero) {
            errs.add(FieldError.invalid(rp.child("maxUnavailable").value(), Json.goValue(maxUnavailable),
                "may not be 0 when `maxSurge` is 0"));
          } else if (!unavailableZero && !surgeZero) {
            errs.add(FieldError.invalid(rp.child("maxSurge").value(), Json.goValue(maxSurge),
                "may not be set when maxUnavailable is non-zero"));
          }
        }
      }
      default -> errs.add(FieldError.notSupported(up.child("type").value(), type, List.of("OnDelete", "RollingUpdate")));
    }
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Workloads.validateStatusCounts(object, List.of("currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady", "updatedNumberScheduled", "numberAvailable", "numberUnavailable"), errs);
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Checks.immutable(Json.get(Json.object(object, "spec"), "selector"), Json.get(Json.object(old, "spec"), "selector"),
        SPEC.child("selector"), errs);
  }
}
