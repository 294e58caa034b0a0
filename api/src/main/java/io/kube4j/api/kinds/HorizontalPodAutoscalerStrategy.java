package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/**
 * autoscaling/v2 HorizontalPodAutoscalers (the storage version): one replica minimum and 80% CPU utilisation by
 * default, scaling behaviour filled in when given, and the replica bounds and metric shapes upstream checks.
 */
final class HorizontalPodAutoscalerStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> METRIC_TYPES = List.of("ContainerResource", "External", "Object", "Pods", "Resource");

  HorizontalPodAutoscalerStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    Json.putIfAbsent(spec, "minReplicas", 1);
    if (Json.size(spec, "metrics") == 0) {
      var metric = spec.putArray("metrics").addObject();
      metric.put("type", "Resource");
      var resource = metric.putObject("resource");
      resource.put("name", "cpu");
      resource.putObject("target").put("type", "Utilization").put("averageUtilization", 80);
    }
    for (ObjectNode metric : Json.objects(spec, "metrics")) {
      for (String source : List.of("resource", "containerResource", "pods", "object", "external")) {
        var target = Json.object(Json.object(metric, source), "target");
        Quantities.canonicalizeValue(target, "value");
        Quantities.canonicalizeValue(target, "averageValue");
      }
    }
    var behavior = Json.object(spec, "behavior");
    if (behavior != null) {
      var up = Json.objectOrCreate(behavior, "scaleUp");
      Json.putIfAbsent(up, "stabilizationWindowSeconds", 0);
      Json.putIfEmpty(up, "selectPolicy", "Max");
      if (Json.size(up, "policies") == 0) {
        var policies = up.putArray("policies");
        policies.addObject().put("type", "Pods").put("value", 4).put("periodSeconds", 15);
        policies.addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
      }
      var down = Json.objectOrCreate(behavior, "scaleDown");
      Json.putIfEmpty(down, "selectPolicy", "Max");
      if (Json.size(down, "policies") == 0) {
        down.putArray("policies").addObject().put("type", "Percent").put("value", 100).put("periodSeconds", 15);
      }
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var target = Json.object(spec, "scaleTargetRef");
    var tp = SPEC.child("scaleTargetRef");
    if (Json.text(target, "kind").isEmpty()) {
      errs.add(FieldError.required(tp.child("kind").value(), ""));
    }
    var name = Json.text(target, "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(tp.child("name").value(), ""));
    } else {
      Checks.format(name, tp.child("name"), Names::pathSegmentName, errs);
    }
    var min = Json.longValue(spec, "minReplicas");
    if (min != null && min < 1) {
      errs.add(FieldError.invalid(SPEC.child("minReplicas").value(), min, "must be greater than or equal to 1"));
    }
    var max = Json.longValue(spec, "maxReplicas");
    if (max == null || max < 1) {
      errs.add(FieldError.invalid(SPEC.child("maxReplicas").value(), max == null ? 0 : max, "must be greater than 0"));
    } else if (min != null && max < min) {
      errs.add(FieldError.invalid(SPEC.child("maxReplicas").value(), max, "must be greater than or equal to `minReplicas`"));
    }
    var metrics = Json.objects(spec, "metrics");
    for (int i = 0; i < metrics.size(); i++) {
      validateMetric(metrics.get(i), SPEC.child("metrics").index(i), errs);
    }
    var behavior = Json.object(spec, "behavior");
    for (String direction : List.of("scaleUp", "scaleDown")) {
      var rules = Json.object(behavior, direction);
      if (rules == null) {
        continue;
      }
      var rp = SPEC.child("behavior", direction);
      var window = Json.longValue(rules, "stabilizationWindowSeconds");
      if (window != null && (window < 0 || window > 3600)) {
        errs.add(FieldError.invalid(rp.child("stabilizationWindowSeconds").value(), window,
            window < 0 ? "must be greater than or equal to zero" : "must be less than or equal to 3600"));
      }
      Checks.oneOf(rules, "selectPolicy", rp, List.of("Disabled", "Max", "Min"), errs);
      var policies = Json.objects(rules, "policies");
      for (int i = 0; i < policies.size(); i++) {
        var pp = rp.child("policies").index(i);
        Checks.oneOf(policies.get(i), "type", pp, List.of("Percent", "Pods"), errs);
        Checks.positive(policies.get(i), "value", pp, errs);
        var period = Json.longValue(policies.get(i), "periodSeconds");
        if (period == null || period <= 0 || period > 1800) {
          errs.add(FieldError.invalid(pp.child("periodSeconds").value(), period == null ? 0 : period,
              period != null && period > 1800 ? "must be less than or equal to 1800" : "must be greater than zero"));
        }
      }
    }
  }

  private static void validateMetric(JsonNode metric, FieldPath p, List<FieldError> errs) {
    var type = Json.text(metric, "type");
    if (type.isEmpty()) {
      errs.add(FieldError.required(p.child("type").value(), "must specify a metric source type"));
      return;
    }
    if (!METRIC_TYPES.contains(type)) {
      errs.add(FieldError.notSupported(p.child("type").value(), type, METRIC_TYPES));
      return;
    }
    var field = Character.toLowerCase(type.charAt(0)) + type.substring(1);
    var source = Json.object(metric, field);
    if (source == null) {
      errs.add(FieldError.required(p.child(field).value(), "must populate information for the given metric source"));
      return;
    }
    var sp = p.child(field);
    if (type.equals("Resource") || type.equals("ContainerResource")) {
      Checks.required(source, "name", sp, errs);
      if (type.equals("ContainerResource")) {
        Checks.required(source, "container", sp, errs);
      }
    }
    var target = Json.object(source, "target");
    if (target == null) {
      errs.add(FieldError.required(sp.child("target").value(), ""));
      return;
    }
    var tp = sp.child("target");
    var targetType = Json.text(target, "type");
    switch (targetType) {
      case "Utilization" -> {
        var u = Json.longValue(target, "averageUtilization");
        if (u == null) {
          errs.add(FieldError.required(tp.child("averageUtilization").value(), "must set either a target raw value or a target utilization"));
        } else if (u <= 0) {
          errs.add(FieldError.invalid(tp.child("averageUtilization").value(), u, "must be greater than 0"));
        }
      }
      case "Value", "AverageValue" -> {
        var f = targetType.equals("Value") ? "value" : "averageValue";
        var q = Checks.quantity(Json.get(target, f), tp.child(f), errs);
        if (q == null && !Json.has(target, f)) {
          errs.add(FieldError.required(tp.child(f).value(), ""));
        } else if (q != null && q.signum() <= 0) {
          errs.add(FieldError.invalid(tp.child(f).value(), q.toString(), "must be positive"));
        }
      }
      default -> errs.add(FieldError.notSupported(tp.child("type").value(), targetType, List.of("AverageValue", "Utilization", "Value")));
    }
  }
}
