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

/** networking.k8s.io/v1 Ingresses: hosts (wildcards allowed), typed paths, and exactly one backend of each kind. */
final class IngressStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");

  IngressStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    object.putObject("status").putObject("loadBalancer");
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var rules = Json.objects(spec, "rules");
    var defaultBackend = Json.object(spec, "defaultBackend");
    if (rules.isEmpty() && defaultBackend == null) {
      errs.add(FieldError.invalid(SPEC.value(), new Json.Rendered(String.valueOf(spec)),
          "either `defaultBackend` or `rules` must be specified"));
    }
    if (defaultBackend != null) {
      validateBackend(defaultBackend, SPEC.child("defaultBackend"), errs);
    }
    Checks.subdomain(spec, "ingressClassName", SPEC, errs);
    for (int i = 0; i < rules.size(); i++) {
      var r = rules.get(i);
      var p = SPEC.child("rules").index(i);
      var host = Json.text(r, "host");
      if (!host.isEmpty()) {
        validateHost(host, p.child("host"), errs);
      }
      var http = Json.object(r, "http");
      if (http == null) {
        continue;
      }
      var paths = Json.objects(http, "paths");
      if (paths.isEmpty()) {
        errs.add(FieldError.required(p.child("http", "paths").value(), ""));
      }
      for (int j = 0; j < paths.size(); j++) {
        var path = paths.get(j);
        var pp = p.child("http", "paths").index(j);
        var pathType = Json.text(path, "pathType");
        var value = Json.text(path, "path");
        if (pathType.isEmpty()) {
          errs.add(FieldError.required(pp.child("pathType").value(), "pathType must be specified"));
        } else if (!PATH_TYPES.contains(pathType)) {
          errs.add(FieldError.notSupported(pp.child("pathType").value(), pathType, PATH_TYPES));
        } else if (!pathType.equals("ImplementationSpecific") || !value.isEmpty()) {
          if (!value.startsWith("/")) {
            errs.add(FieldError.invalid(pp.child("path").value(), value, "must be an absolute path"));
          }
        }
        var backend = Json.object(path, "backend");
        if (backend == null) {
          errs.add(FieldError.required(pp.child("backend").value(), ""));
        } else {
          validateBackend(backend, pp.child("backend"), errs);
        }
      }
    }
    var tls = Json.objects(spec, "tls");
    for (int i = 0; i < tls.size(); i++) {
      var hosts = Json.strings(tls.get(i), "hosts");
      for (int j = 0; j < hosts.size(); j++) {
        validateHost(hosts.get(j), SPEC.child("tls").index(i).child("hosts").index(j), errs);
      }
    }
  }

  private static void validateHost(String host, FieldPath p, List<FieldError> errs) {
    if (Names.isIp(host)) {
      errs.add(FieldError.invalid(p.value(), host, "must be a DNS name, not an IP address"));
      return;
    }
    if (host.startsWith("*.")) {
      if (!Names.dns1123Subdomain(host.substring(2)).isEmpty()) {
        errs.add(FieldError.invalid(p.value(), host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a "
            + "valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an "
            + "alphanumeric character (e.g. '*.example.com', regex used for validation is "
            + "'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
      }
      return;
    }
    Checks.format(host, p, Names::dns1123Subdomain, errs);
  }

  private static void validateBackend(JsonNode backend, FieldPath p, List<FieldError> errs) {
    var service = Json.object(backend, "service");
    var resource = Json.object(backend, "resource");
    if (service != null && resource != null) {
      errs.add(FieldError.invalid(p.value(), "", "cannot set both resource and service backends"));
      return;
    }
    if (resource != null) {
      Checks.required(resource, "kind", p.child("resource"), errs);
      Checks.required(resource, "name", p.child("resource"), errs);
      return;
    }
    if (service == null) {
      errs.add(FieldError.invalid(p.value(), "", "resource or service backend is required"));
      return;
    }
    var sp = p.child("service");
    var name = Json.text(service, "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(sp.child("name").value(), ""));
    } else {
      Checks.format(name, sp.child("name"), Names::dns1035Label, errs);
    }
    var port = Json.object(service, "port");
    var portName = Json.text(port, "name");
    var portNumber = Json.longValue(port, "number");
    boolean hasNumber = portNumber != null && portNumber != 0;
    if (!portName.isEmpty() && hasNumber) {
      errs.add(FieldError.invalid(sp.child("port").value(), new Json.Rendered(String.valueOf(port)),
          "cannot set both port name & port number"));
    } else if (!portName.isEmpty()) {
      Checks.format(portName, sp.child("port", "name"), Names::ianaSvcName, errs);
    } else if (hasNumber) {
      for (String msg : Names.portNumber(portNumber)) {
        errs.add(FieldError.invalid(sp.child("port", "number").value(), portNumber, msg));
      }
    } else {
      errs.add(FieldError.required(sp.child("port").value(), "port name or number is required"));
    }
  }
}
