package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/**
 * discovery.k8s.io/v1 EndpointSlices: ports default to TCP with an empty name; an address type, and 1–100
 * addresses of that type per endpoint; the address type never changes.
 */
final class EndpointSliceStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");

  EndpointSliceStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    for (ObjectNode port : Json.objects(object, "ports")) {
      Json.putIfAbsent(port, "name", "");
      Json.putIfEmpty(port, "protocol", "TCP");
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var type = Json.text(object, "addressType");
    if (type.isEmpty()) {
      errs.add(FieldError.required("addressType", ""));
    } else if (!ADDRESS_TYPES.contains(type)) {
      errs.add(FieldError.notSupported("addressType", type, ADDRESS_TYPES));
    }
    var endpoints = Json.objects(object, "endpoints");
    for (int i = 0; i < endpoints.size(); i++) {
      var ep = FieldPath.root("endpoints").index(i);
      var addresses = Json.strings(endpoints.get(i), "addresses");
      if (addresses.isEmpty()) {
        errs.add(FieldError.required(ep.child("addresses").value(), "must contain at least 1 address"));
      } else if (addresses.size() > 100) {
        errs.add(new FieldError(FieldError.Type.TOO_MANY, ep.child("addresses").value(), addresses.size(),
            "must have at most 100 items"));
      }
      for (int j = 0; j < addresses.size(); j++) {
        var a = addresses.get(j);
        var ap = ep.child("addresses").index(j);
        switch (type) {
          case "IPv4" -> {
            if (!Names.isIpv4(a)) {
              errs.add(FieldError.invalid(ap.value(), a, "must be a valid IPv4 address"));
            }
          }
          case "IPv6" -> {
            if (!Names.isIpv6(a)) {
              errs.add(FieldError.invalid(ap.value(), a, "must be a valid IPv6 address"));
            }
          }
          case "FQDN" -> Checks.format(a, ap, Names::dns1123Subdomain, errs);
          default -> { }
        }
      }
    }
    var ports = Json.objects(object, "ports");
    for (int i = 0; i < ports.size(); i++) {
      var pp = FieldPath.root("ports").index(i);
      var name = Json.text(ports.get(i), "name");
      if (!name.isEmpty()) {
        Checks.format(name, pp.child("name"), Names::dns1123Label, errs);
      }
      Checks.oneOf(ports.get(i), "protocol", pp, PodSpecValidation.PROTOCOLS, errs);
      var port = Json.longValue(ports.get(i), "port");
      if (port != null) {
        for (String msg : Names.portNumber(port)) {
          errs.add(FieldError.invalid(pp.child("port").value(), port, msg));
        }
      }
    }
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Checks.immutable(Json.get(object, "addressType"), Json.get(old, "addressType"), FieldPath.root("addressType"), errs);
  }
}
