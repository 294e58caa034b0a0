package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/**
 * Pods: upstream's defaults (including what the Priority admission plugin adds), {@code status.phase: Pending} and
 * the QoS class on create, spec validation, and the narrow set of spec changes an update may make.
 */
final class PodStrategy extends KindStrategy {
  static final String UPDATE_MESSAGE = "pod updates may not change fields other than `spec.containers[*].image`,"
      + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
      + "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

  private static final FieldPath SPEC = FieldPath.root("spec");

  PodStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    PodSpecDefaults.applyToPod(Json.objectOrCreate(object, "spec"));
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    var status = object.putObject("status");
    status.put("phase", "Pending");
    status.put("qosClass", PodSpecDefaults.qosClass(Json.object(object, "spec")));
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    PodSpecValidation.validate(Json.object(object, "spec"), SPEC, errs);
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var oldSpec = Json.object(old, "spec");
    if (spec == null || oldSpec == null) {
      return;
    }
    var oldDeadline = Json.longValue(oldSpec, "activeDeadlineSeconds");
    var newDeadline = Json.longValue(spec, "activeDeadlineSeconds");
    if (oldDeadline != null) {
      if (newDeadline == null) {
        errs.add(FieldError.invalid(SPEC.child("activeDeadlineSeconds").value(), null,
            "must not update from a positive integer to nil value"));
      } else if (newDeadline > oldDeadline) {
        errs.add(FieldError.invalid(SPEC.child("activeDeadlineSeconds").value(), newDeadline,
            "must be less than or equal to previous value"));
      }
    }
    var oldTolerations = Json.objects(oldSpec, "tolerations");
    var newTolerations = Json.objects(spec, "tolerations");
    for (ObjectNode t : oldTolerations) {
      var key = withoutSeconds(t);
      if (newTolerations.stream().noneMatch(n -> Json.sameValue(withoutSeconds(n), key))) {
        errs.add(FieldError.forbidden(SPEC.child("tolerations").value(),
            "existing toleration can not be modified except its tolerationSeconds"));
        break;
      }
    }
    var munged = spec.deepCopy();
    copyImages(munged, oldSpec, "containers");
    copyImages(munged, oldSpec, "initContainers");
    copyField(munged, oldSpec, "activeDeadlineSeconds");
    copyField(munged, oldSpec, "tolerations");
    var oldGrace = Json.longValue(oldSpec, "terminationGracePeriodSeconds");
    var newGrace = Json.longValue(spec, "terminationGracePeriodSeconds");
    if (oldGrace != null && oldGrace < 0 && newGrace != null && newGrace == 1) {
      copyField(munged, oldSpec, "terminationGracePeriodSeconds");
    }
    // Scheduling gates may only be removed, which is how a pod gets released to the scheduler.
    var oldGates = Json.get(oldSpec, "schedulingGates");
    var newGates = Json.get(spec, "schedulingGates");
    if (newGates == null || newGates.isEmpty() || (oldGates != null && containsAll(oldGates, newGates))) {
      copyField(munged, oldSpec, "schedulingGates");
    }
    if (!Json.sameValue(normalized(munged), normalized(oldSpec))) {
      errs.add(FieldError.forbidden(SPEC.value(), UPDATE_MESSAGE));
    }
  }

  private static boolean containsAll(JsonNode all, JsonNode some) {
    for (JsonNode n : some) {
      boolean found = false;
      for (JsonNode a : all) {
        found |= Json.sameValue(a, n);
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static ObjectNode withoutSeconds(ObjectNode toleration) {
    var copy = toleration.deepCopy();
    copy.remove("tolerationSeconds");
    return (ObjectNode) normalized(copy);
  }

  private static void copyImages(ObjectNode munged, ObjectNode oldSpec, String list) {
    var now = Json.objects(munged, list);
    var before = Json.objects(oldSpec, list);
    if (now.size() != before.size()) {
      return;
    }
    for (int i = 0; i < now.size(); i++) {
      now.get(i).set("image", before.get(i).get("image"));
    }
  }

  private static void copyField(ObjectNode munged, ObjectNode oldSpec, String field) {
    var v = oldSpec.get(field);
    if (v == null) {
      munged.remove(field);
    } else {
      munged.set(field, v.deepCopy());
    }
  }

  /** Drops nulls and empty containers so that a missing field and its Go zero value compare equal. */
  static JsonNode normalized(JsonNode node) {
    if (node instanceof ObjectNode o) {
      var out = Json.NODES.objectNode();
      for (var e : o.properties()) {
        var v = normalized(e.getValue());
        if (v != null) {
          out.set(e.getKey(), v);
        }
      }
      return out;
    }
    if (node instanceof ArrayNode a) {
      if (a.isEmpty()) {
        return null;
      }
      var out = Json.NODES.arrayNode();
      for (JsonNode e : a) {
        var v = normalized(e);
        out.add(v == null ? Json.NODES.nullNode() : v);
      }
      return out;
    }
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual() && node.textValue().isEmpty()) {
      return null;
    }
    if (node.isBoolean() && !node.booleanValue()) {
      return null;
    }
    return node;
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var status = Json.object(object, "status");
    var path = FieldPath.root("status");
    var nominated = Json.text(status, "nominatedNodeName");
    if (!nominated.isEmpty()) {
      Checks.format(nominated, path.child("nominatedNodeName"), io.kube4j.api.validation.Names::dns1123Subdomain, errs);
    }
    for (String list : List.of("podIPs", "hostIPs")) {
      var ips = Json.objects(status, list);
      var seen = new java.util.HashSet<String>();
      for (int i = 0; i < ips.size(); i++) {
        var ip = Json.text(ips.get(i), "ip");
        var p = path.child(list).index(i).child("ip");
        Checks.format(ip, p, io.kube4j.api.validation.Names::ip, errs);
        if (!seen.add(ip)) {
          errs.add(FieldError.duplicate(p.value(), ip));
        }
      }
    }
    Checks.oneOf(status, "phase", path, List.of("Failed", "Pending", "Running", "Succeeded", "Unknown"), errs);
  }

  @Override
  public List<String> warnings(ObjectNode object) {
    var warnings = new java.util.ArrayList<>(super.warnings(object));
    warnings.addAll(PodSpecWarnings.of(Json.object(object, "spec"), SPEC));
    return warnings;
  }
}
