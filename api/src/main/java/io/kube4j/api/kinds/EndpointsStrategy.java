package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/** core/v1 Endpoints: TCP ports by default; valid addresses, named ports when several, valid port numbers. */
final class EndpointsStrategy extends KindStrategy {
  EndpointsStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    for (ObjectNode subset : Json.objects(object, "subsets")) {
      for (ObjectNode port : Json.objects(subset, "ports")) {
        Json.putIfEmpty(port, "protocol", "TCP");
      }
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var subsets = Json.objects(object, "subsets");
    for (int i = 0; i < subsets.size(); i++) {
      var s = subsets.get(i);
      var sp = FieldPath.root("subsets").index(i);
      for (String list : List.of("addresses", "notReadyAddresses")) {
        var addresses = Json.objects(s, list);
        for (int j = 0; j < addresses.size(); j++) {
          var ip = Json.text(addresses.get(j), "ip");
          var ap = sp.child(list).index(j).child("ip");
          Checks.format(ip, ap, Names::ip, errs);
          var hostname = Json.text(addresses.get(j), "hostname");
          if (!hostname.isEmpty()) {
            Checks.format(hostname, sp.child(list).index(j).child("hostname"), Names::dns1123Label, errs);
          }
        }
      }
      var ports = Json.objects(s, "ports");
      for (int j = 0; j < ports.size(); j++) {
        var port = ports.get(j);
        var pp = sp.child("ports").index(j);
        var name = Json.text(port, "name");
        if (ports.size() > 1 && name.isEmpty()) {
          errs.add(FieldError.required(pp.child("name").value(), ""));
        } else if (!name.isEmpty()) {
          Checks.format(name, pp.child("name"), Names::dns1123Label, errs);
        }
        var number = Json.longValue(port, "port");
        for (String msg : Names.portNumber(number == null ? 0 : number)) {
          errs.add(FieldError.invalid(pp.child("port").value(), number == null ? 0 : number, msg));
        }
        Checks.oneOf(port, "protocol", pp, PodSpecValidation.PROTOCOLS, errs);
      }
    }
  }
}
