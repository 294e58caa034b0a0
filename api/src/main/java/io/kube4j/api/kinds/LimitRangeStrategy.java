package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Quantity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LimitRanges: container defaults filled from max (limits) and from default or min (requests), as upstream's
 * defaulting does, and the order min ≤ defaultRequest ≤ default ≤ max checked per resource.
 */
final class LimitRangeStrategy extends KindStrategy {
  private static final FieldPath LIMITS = FieldPath.root("spec").child("limits");
  private static final List<String> TYPES = List.of("Container", "PersistentVolumeClaim", "Pod");

  LimitRangeStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    for (ObjectNode item : Json.objects(Json.object(object, "spec"), "limits")) {
      for (String field : List.of("max", "min", "default", "defaultRequest", "maxLimitRequestRatio")) {
        Quantities.canonicalizeList(item, field);
      }
      if (!Json.text(item, "type").equals("Container")) {
        continue;
      }
      var defaults = Json.objectOrCreate(item, "default");
      var defaultRequests = Json.objectOrCreate(item, "defaultRequest");
      copyMissing(Json.object(item, "max"), defaults);
      copyMissing(defaults, defaultRequests);
      copyMissing(Json.object(item, "min"), defaultRequests);
    }
  }

  private static void copyMissing(ObjectNode from, ObjectNode to) {
    if (from == null) {
      return;
    }
    for (var e : from.properties()) {
      if (!to.has(e.getKey())) {
        to.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var items = Json.objects(Json.object(object, "spec"), "limits");
    for (int i = 0; i < items.size(); i++) {
      var item = items.get(i);
      var p = LIMITS.index(i);
      var type = Json.text(item, "type");
      if (!TYPES.contains(type)) {
        errs.add(FieldError.notSupported(p.child("type").value(), type, TYPES));
      }
      var min = quantities(item, "min", p, errs);
      var max = quantities(item, "max", p, errs);
      var defaults = quantities(item, "default", p, errs);
      var defaultRequests = quantities(item, "defaultRequest", p, errs);
      if (type.equals("Pod") && (!defaults.isEmpty() || !defaultRequests.isEmpty())) {
        errs.add(FieldError.forbidden(p.child(defaults.isEmpty() ? "defaultRequest" : "default").value(),
            "may not be specified when `type` is 'Pod'"));
      }
      for (var e : min.entrySet()) {
        var k = e.getKey();
        var mx = max.get(k);
        if (mx != null && e.getValue().compareTo(mx) > 0) {
          errs.add(FieldError.invalid(p.child("min").key(k).value(), e.getValue().toString(),
              "min value " + e.getValue() + " is greater than max value " + mx));
        }
      }
      for (var e : defaultRequests.entrySet()) {
        var k = e.getKey();
        var d = defaults.get(k);
        var mn = min.get(k);
        var mx = max.get(k);
        if (mn != null && e.getValue().compareTo(mn) < 0) {
          errs.add(FieldError.invalid(p.child("defaultRequest").key(k).value(), e.getValue().toString(),
              "min value " + mn + " is greater than default request value " + e.getValue()));
        }
        if (d != null && e.getValue().compareTo(d) > 0) {
          errs.add(FieldError.invalid(p.child("defaultRequest").key(k).value(), e.getValue().toString(),
              "default request value " + e.getValue() + " is greater than default limit value " + d));
        }
        if (mx != null && e.getValue().compareTo(mx) > 0) {
          errs.add(FieldError.invalid(p.child("defaultRequest").key(k).value(), e.getValue().toString(),
              "default request value " + e.getValue() + " is greater than max value " + mx));
        }
      }
      for (var e : defaults.entrySet()) {
        var k = e.getKey();
        var mn = min.get(k);
        var mx = max.get(k);
        if (mn != null && e.getValue().compareTo(mn) < 0) {
          errs.add(FieldError.invalid(p.child("default").key(k).value(), e.getValue().toString(),
              "min value " + mn + " is greater than default value " + e.getValue()));
        }
        if (mx != null && e.getValue().compareTo(mx) > 0) {
          errs.add(FieldError.invalid(p.child("default").key(k).value(), e.getValue().toString(),
              "default value " + e.getValue() + " is greater than max value " + mx));
        }
      }
    }
  }

  private static Map<String, Quantity> quantities(JsonNode item, String field, FieldPath p, List<FieldError> errs) {
    var out = new HashMap<String, Quantity>();
    for (var e : Json.entries(item, field)) {
      var q = Checks.quantity(Json.get(Json.get(item, field), e.getKey()), p.child(field).key(e.getKey()), errs);
      if (q != null) {
        out.put(e.getKey(), q);
      }
    }
    return out;
  }
}
