package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.HashSet;
import java.util.List;

/**
 * Nodes: allocatable defaults to capacity, taints are validated, and pod CIDRs and the provider ID may only go from
 * unset to set. Nodes may carry status on create (the kubelet registers itself that way).
 */
final class NodeStrategy extends KindStrategy {
  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  NodeStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var status = Json.object(object, "status");
    Quantities.canonicalizeList(status, "capacity");
    Quantities.canonicalizeList(status, "allocatable");
    var capacity = Json.object(status, "capacity");
    if (capacity != null && !Json.has(status, "allocatable")) {
      status.set("allocatable", capacity.deepCopy());
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var taints = Json.objects(spec, "taints");
    var seen = new HashSet<String>();
    for (int i = 0; i < taints.size(); i++) {
      var t = taints.get(i);
      var p = SPEC.child("taints").index(i);
      var key = Json.text(t, "key");
      if (key.isEmpty()) {
        errs.add(FieldError.required(p.child("key").value(), ""));
      } else {
        Checks.format(key, p.child("key"), Names::qualifiedName, errs);
      }
      Checks.format(Json.text(t, "value"), p.child("value"), Names::labelValue, errs);
      var effect = Json.text(t, "effect");
      if (effect.isEmpty()) {
        errs.add(FieldError.required(p.child("effect").value(), ""));
      } else if (!TAINT_EFFECTS.contains(effect)) {
        errs.add(FieldError.notSupported(p.child("effect").value(), effect, TAINT_EFFECTS));
      }
      if (!seen.add(key + ":" + effect)) {
        errs.add(FieldError.duplicate(p.value(), new Json.Rendered(t.toString())));
      }
    }
    var cidrs = Json.strings(spec, "podCIDRs");
    for (int i = 0; i < cidrs.size(); i++) {
      if (!isCidr(cidrs.get(i))) {
        errs.add(FieldError.invalid(SPEC.child("podCIDRs").index(i).value(), cidrs.get(i),
            "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
      }
    }
    var cidr = Json.text(spec, "podCIDR");
    if (!cidr.isEmpty() && !cidrs.isEmpty() && !cidr.equals(cidrs.getFirst())) {
      errs.add(FieldError.invalid(SPEC.child("podCIDRs").value(), cidr, "first value must match `podCIDR`"));
    }
    var status = Json.object(object, "status");
    for (String list : List.of("capacity", "allocatable")) {
      for (var e : Json.entries(status, list)) {
        Checks.nonNegativeQuantity(Json.get(Json.get(status, list), e.getKey()),
            FieldPath.root("status").child(list).key(e.getKey()), errs);
      }
    }
  }

  static boolean isCidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return false;
    }
    var ip = value.substring(0, slash);
    var bits = value.substring(slash + 1);
    if (bits.isEmpty() || !bits.chars().allMatch(Character::isDigit) || bits.length() > 3) {
      return false;
    }
    int n = Integer.parseInt(bits);
    return (Names.isIpv4(ip) && n <= 32) || (Names.isIpv6(ip) && n <= 128);
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var oldSpec = Json.object(old, "spec");
    var oldCidrs = Json.strings(oldSpec, "podCIDRs");
    if (!oldCidrs.isEmpty() && !oldCidrs.equals(Json.strings(spec, "podCIDRs"))) {
      errs.add(FieldError.forbidden(SPEC.child("podCIDRs").value(), "node updates may not change podCIDR except from \"\" to valid"));
    }
    var oldProvider = Json.text(oldSpec, "providerID");
    if (!oldProvider.isEmpty() && !oldProvider.equals(Json.text(spec, "providerID"))) {
      errs.add(FieldError.forbidden(SPEC.child("providerID").value(), "node updates may not change providerID except from \"\" to valid"));
    }
  }
}
