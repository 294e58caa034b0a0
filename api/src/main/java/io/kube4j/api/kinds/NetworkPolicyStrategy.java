package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.IntOrString;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.LabelSelectorValidation;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/**
 * networking.k8s.io/v1 NetworkPolicies: policy types inferred from the rules, TCP ports by default, and peers that
 * are either selectors or an IP block.
 */
final class NetworkPolicyStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");

  NetworkPolicyStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    for (String direction : List.of("ingress", "egress")) {
      for (ObjectNode rule : Json.objects(spec, direction)) {
        for (ObjectNode port : Json.objects(rule, "ports")) {
          Json.putIfEmpty(port, "protocol", "TCP");
        }
      }
    }
    if (Json.size(spec, "policyTypes") == 0) {
      var types = spec.putArray("policyTypes");
      types.add("Ingress");
      if (Json.size(spec, "egress") > 0) {
        types.add("Egress");
      }
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    errs.addAll(LabelSelectorValidation.validate(Json.get(spec, "podSelector"), SPEC.child("podSelector")));
    var types = Json.strings(spec, "policyTypes");
    for (int i = 0; i < types.size(); i++) {
      if (!List.of("Ingress", "Egress").contains(types.get(i))) {
        errs.add(FieldError.notSupported(SPEC.child("policyTypes").index(i).value(), types.get(i), List.of("Ingress", "Egress")));
      }
    }
    if (types.size() > 2) {
      errs.add(FieldError.invalid(SPEC.child("policyTypes").value(), new Json.Rendered(types.toString()),
          "may not specify more than two policyTypes"));
    }
    for (String direction : List.of("ingress", "egress")) {
      var rules = Json.objects(spec, direction);
      for (int i = 0; i < rules.size(); i++) {
        var rp = SPEC.child(direction).index(i);
        var ports = Json.objects(rules.get(i), "ports");
        for (int j = 0; j < ports.size(); j++) {
          var port = ports.get(j);
          var pp = rp.child("ports").index(j);
          Checks.oneOf(port, "protocol", pp, PodSpecValidation.PROTOCOLS, errs);
          errs.addAll(IntOrString.validatePort(Json.get(port, "port"), pp.child("port")));
          var endPort = Json.longValue(port, "endPort");
          if (endPort != null) {
            var start = Json.get(port, "port");
            if (start == null || !start.isIntegralNumber()) {
              errs.add(FieldError.required(pp.child("port").value(), "must be specified when endPort is specified"));
            } else if (endPort < start.longValue()) {
              errs.add(FieldError.invalid(pp.child("endPort").value(), endPort, "must be greater than or equal to `port`"));
            }
          }
        }
        var peerField = direction.equals("ingress") ? "from" : "to";
        var peers = Json.objects(rules.get(i), peerField);
        for (int j = 0; j < peers.size(); j++) {
          var peer = peers.get(j);
          var pp = rp.child(peerField).index(j);
          boolean selectors = Json.has(peer, "podSelector") || Json.has(peer, "namespaceSelector");
          var ipBlock = Json.object(peer, "ipBlock");
          if (selectors && ipBlock != null) {
            errs.add(FieldError.forbidden(pp.value(), "may not specify more than 1 peer type"));
          } else if (!selectors && ipBlock == null) {
            errs.add(FieldError.required(pp.value(), "must specify a peer"));
          }
          errs.addAll(LabelSelectorValidation.validate(Json.get(peer, "podSelector"), pp.child("podSelector")));
          errs.addAll(LabelSelectorValidation.validate(Json.get(peer, "namespaceSelector"), pp.child("namespaceSelector")));
          if (ipBlock != null) {
            var cidr = Json.text(ipBlock, "cidr");
            if (cidr.isEmpty()) {
              errs.add(FieldError.required(pp.child("ipBlock", "cidr").value(), ""));
            } else if (!NodeStrategy.isCidr(cidr)) {
              errs.add(FieldError.invalid(pp.child("ipBlock", "cidr").value(), cidr,
                  "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
            }
            var except = Json.strings(ipBlock, "except");
            for (int k = 0; k < except.size(); k++) {
              if (!NodeStrategy.isCidr(except.get(k))) {
                errs.add(FieldError.invalid(pp.child("ipBlock", "except").index(k).value(), except.get(k),
                    "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
              }
            }
          }
        }
      }
    }
  }
}
