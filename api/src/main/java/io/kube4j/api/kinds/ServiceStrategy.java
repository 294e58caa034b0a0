package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.IntOrString;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import io.kube4j.api.validation.ObjectMetaValidation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/**
 * Services: type, affinity, traffic-policy, IP-family and port defaults; port, type and IP validation; and, on
 * update, keeping the allocated cluster IPs and node ports when a client (e.g. {@code kubectl apply}) omits them,
 * as upstream's service registry does. IP and node-port allocation itself belongs to the registry; this class only
 * checks that requested values are well-formed and, for node ports, in the default range.
 */
public final class ServiceStrategy extends KindStrategy {
  /** The default {@code --service-node-port-range} of an API server. */
  public static final int NODE_PORT_MIN = 30000;
  public static final int NODE_PORT_MAX = 32767;

  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");

  ServiceStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS1035_LABEL);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    Json.putIfEmpty(spec, "sessionAffinity", "None");
    if (Json.text(spec, "sessionAffinity").equals("ClientIP")) {
      var clientIp = Json.objectOrCreate(Json.objectOrCreate(spec, "sessionAffinityConfig"), "clientIP");
      Json.putIfAbsent(clientIp, "timeoutSeconds", 10800);
    }
    Json.putIfEmpty(spec, "type", "ClusterIP");
    var type = Json.text(spec, "type");
    for (ObjectNode port : Json.objects(spec, "ports")) {
      Json.putIfEmpty(port, "protocol", "TCP");
      var target = Json.get(port, "targetPort");
      if (target == null || (target.isNumber() && target.intValue() == 0) || (target.isTextual() && target.textValue().isEmpty())) {
        port.set("targetPort", port.get("port"));
      }
    }
    if (type.equals("NodePort") || type.equals("LoadBalancer")) {
      Json.putIfEmpty(spec, "externalTrafficPolicy", "Cluster");
    }
    if (!type.equals("ExternalName")) {
      Json.putIfEmpty(spec, "internalTrafficPolicy", "Cluster");
      var clusterIp = Json.text(spec, "clusterIP");
      boolean headlessWithoutSelector = clusterIp.equals("None") && Json.size(spec, "selector") == 0;
      Json.putIfEmpty(spec, "ipFamilyPolicy", headlessWithoutSelector ? "RequireDualStack" : "SingleStack");
      if (Json.size(spec, "ipFamilies") == 0) {
        var families = spec.putArray("ipFamilies");
        var ips = Json.strings(spec, "clusterIPs");
        if (ips.isEmpty() && !clusterIp.isEmpty()) {
          ips = List.of(clusterIp);
        }
        if (ips.isEmpty() || ips.getFirst().equals("None")) {
          families.add("IPv4");
        } else {
          for (String ip : ips) {
            families.add(Names.isIpv6(ip) ? "IPv6" : "IPv4");
          }
        }
      }
    }
    if (type.equals("LoadBalancer")) {
      Json.putIfAbsent(spec, "allocateLoadBalancerNodePorts", true);
    }
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    object.set("status", Json.NODES.objectNode().set("loadBalancer", Json.NODES.objectNode()));
    normalizeClusterIps(Json.objectOrCreate(object, "spec"));
  }

  private static void normalizeClusterIps(ObjectNode spec) {
    var clusterIp = Json.text(spec, "clusterIP");
    if (!clusterIp.isEmpty() && Json.size(spec, "clusterIPs") == 0) {
      spec.putArray("clusterIPs").add(clusterIp);
    } else if (clusterIp.isEmpty() && Json.size(spec, "clusterIPs") > 0) {
      spec.put("clusterIP", Json.strings(spec, "clusterIPs").getFirst());
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode object, ObjectNode old) {
    var spec = Json.objectOrCreate(object, "spec");
    var oldSpec = Json.object(old, "spec");
    if (needsClusterIp(oldSpec) && needsClusterIp(spec)) {
      if (Json.text(spec, "clusterIP").isEmpty() && Json.has(oldSpec, "clusterIP")) {
        spec.set("clusterIP", oldSpec.get("clusterIP").deepCopy());
      }
      if (Json.size(spec, "clusterIPs") == 0 && Json.size(oldSpec, "clusterIPs") > 0) {
        spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
      }
    }
    // a client that changed only the singular clusterIP (an old client, or a patch) means the plural one too
    var clusterIp = Json.text(spec, "clusterIP");
    if (!clusterIp.equals(Json.text(oldSpec, "clusterIP")) && Json.strings(spec, "clusterIPs").equals(Json.strings(oldSpec, "clusterIPs"))) {
      if (clusterIp.isEmpty()) {
        spec.remove("clusterIPs");
      } else {
        spec.putArray("clusterIPs").add(clusterIp);
      }
    }
    if (needsNodePorts(oldSpec) && needsNodePorts(spec)) {
      var used = nodePorts(spec);
      var byName = new HashMap<String, Long>();
      for (ObjectNode p : Json.objects(oldSpec, "ports")) {
        var np = Json.longValue(p, "nodePort");
        if (np != null) {
          byName.put(Json.text(p, "name"), np);
        }
      }
      for (ObjectNode p : Json.objects(spec, "ports")) {
        var np = Json.longValue(p, "nodePort");
        var oldValue = byName.get(Json.text(p, "name"));
        if ((np == null || np == 0) && oldValue != null && !used.contains(oldValue)) {
          p.put("nodePort", oldValue.intValue());
        }
      }
      var health = Json.longValue(spec, "healthCheckNodePort");
      if ((health == null || health == 0) && Json.has(oldSpec, "healthCheckNodePort")
          && "Local".equals(Json.text(spec, "externalTrafficPolicy")) && Json.text(spec, "type").equals("LoadBalancer")) {
        spec.set("healthCheckNodePort", oldSpec.get("healthCheckNodePort"));
      }
    }
    dropTypeDependentFields(spec, oldSpec);
    normalizeClusterIps(spec);
  }

  /**
   * A change of type to one that does not use a field drops the value the server allocated or defaulted for it, unless
   * the client changed that value too (then validation tells them), as upstream's service storage does.
   */
  private static void dropTypeDependentFields(ObjectNode spec, JsonNode oldSpec) {
    if (needsClusterIp(oldSpec) && !needsClusterIp(spec)) {
      if (Json.text(spec, "clusterIP").equals(Json.text(oldSpec, "clusterIP"))
          && Json.strings(spec, "clusterIPs").equals(Json.strings(oldSpec, "clusterIPs"))) {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
      }
      dropIfUnchanged(spec, oldSpec, "ipFamilies");
      dropIfUnchanged(spec, oldSpec, "ipFamilyPolicy");
    }
    if (needsNodePorts(oldSpec) && !needsNodePorts(spec) && nodePorts(spec).equals(nodePorts(oldSpec))) {
      for (ObjectNode p : Json.objects(spec, "ports")) {
        p.remove("nodePort");
      }
    }
    var oldType = Json.text(oldSpec, "type");
    var type = Json.text(spec, "type");
    if (oldType.equals("LoadBalancer") && !type.equals("LoadBalancer")) {
      dropIfUnchanged(spec, oldSpec, "healthCheckNodePort");
      dropIfUnchanged(spec, oldSpec, "allocateLoadBalancerNodePorts");
      dropIfUnchanged(spec, oldSpec, "loadBalancerClass");
    }
    if (externallyAccessible(oldSpec) && !externallyAccessible(spec)) {
      dropIfUnchanged(spec, oldSpec, "externalTrafficPolicy");
    }
    if (type.equals("ExternalName")) {
      spec.remove("internalTrafficPolicy");
    }
  }

  private static void dropIfUnchanged(ObjectNode spec, JsonNode oldSpec, String field) {
    if (java.util.Objects.equals(spec.get(field), oldSpec.get(field))) {
      spec.remove(field);
    }
  }

  private static boolean externallyAccessible(JsonNode spec) {
    var type = Json.text(spec, "type");
    return type.equals("NodePort") || type.equals("LoadBalancer")
        || (type.equals("ClusterIP") && Json.size(spec, "externalIPs") > 0);
  }

  private static HashSet<Long> nodePorts(JsonNode spec) {
    var used = new HashSet<Long>();
    for (ObjectNode p : Json.objects(spec, "ports")) {
      var np = Json.longValue(p, "nodePort");
      if (np != null && np != 0) {
        used.add(np);
      }
    }
    return used;
  }

  private static boolean needsClusterIp(JsonNode spec) {
    return spec != null && !Json.text(spec, "type").equals("ExternalName");
  }

  private static boolean needsNodePorts(JsonNode spec) {
    var type = Json.text(spec, "type");
    return type.equals("NodePort") || (type.equals("LoadBalancer") && !Json.has(spec, "allocateLoadBalancerNodePorts"))
        || (type.equals("LoadBalancer") && Json.bool(spec, "allocateLoadBalancerNodePorts"));
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var type = Json.text(spec, "type");
    if (type.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("type").value(), ""));
    } else {
      Checks.oneOf(spec, "type", SPEC, TYPES, errs);
    }
    var clusterIps = Json.strings(spec, "clusterIPs");
    var clusterIp = Json.text(spec, "clusterIP");
    boolean headless = clusterIp.equals("None");
    if (type.equals("ExternalName")) {
      var externalName = Json.text(spec, "externalName");
      if (externalName.isEmpty()) {
        errs.add(FieldError.required(SPEC.child("externalName").value(), ""));
      } else {
        var trimmed = externalName.endsWith(".") ? externalName.substring(0, externalName.length() - 1) : externalName;
        Checks.format(trimmed, SPEC.child("externalName"), Names::dns1123Subdomain, errs);
      }
      if (!clusterIp.isEmpty() || !clusterIps.isEmpty()) {
        errs.add(FieldError.forbidden(SPEC.child("clusterIPs").value(), "may not be set for `type` ExternalName"));
      }
      if (Json.size(spec, "ipFamilies") > 0) {
        errs.add(FieldError.forbidden(SPEC.child("ipFamilies").value(), "may not be set for `type` ExternalName"));
      }
      if (Json.has(spec, "ipFamilyPolicy")) {
        errs.add(FieldError.forbidden(SPEC.child("ipFamilyPolicy").value(), "may not be set for `type` ExternalName"));
      }
    } else {
      if (!clusterIp.isEmpty() && !clusterIps.isEmpty() && !clusterIp.equals(clusterIps.getFirst())) {
        errs.add(FieldError.invalid(SPEC.child("clusterIPs").value(), new Json.Rendered(goStrings(clusterIps)),
            "first value must match `clusterIP`"));
      }
      var all = clusterIps.isEmpty() && !clusterIp.isEmpty() ? List.of(clusterIp) : clusterIps;
      for (int i = 0; i < all.size(); i++) {
        var ip = all.get(i);
        if (ip.equals("None")) {
          if (i > 0 || all.size() > 1) {
            errs.add(FieldError.invalid(SPEC.child("clusterIPs").value(), new Json.Rendered(goStrings(all)),
                "'None' must be the first and only value"));
          }
          continue;
        }
        Checks.format(ip, SPEC.child("clusterIPs").index(i), Names::ip, errs);
      }
      if (headless && (type.equals("NodePort") || type.equals("LoadBalancer"))) {
        errs.add(FieldError.invalid(SPEC.child("clusterIPs").index(0).value(), "None",
            "may not be set to 'None' for " + type + " services"));
      }
    }
    validatePorts(spec, type, headless, errs);
    errs.addAll(ObjectMetaValidation.labels(Json.get(spec, "selector"), SPEC.child("selector")));
    Checks.oneOf(spec, "sessionAffinity", SPEC, List.of("ClientIP", "None"), errs);
    if (Json.text(spec, "sessionAffinity").equals("ClientIP")) {
      var timeout = Json.longValue(Json.object(Json.object(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds");
      if (timeout != null && (timeout <= 0 || timeout > 86400)) {
        errs.add(FieldError.invalid(SPEC.child("sessionAffinityConfig", "clientIP", "timeoutSeconds").value(), timeout,
            "must be greater than 0 and less than 86400"));
      }
    } else if (Json.has(spec, "sessionAffinityConfig")) {
      errs.add(FieldError.invalid(SPEC.child("sessionAffinityConfig").value(), new Json.Rendered(spec.get("sessionAffinityConfig").toString()),
          "must not be set when session affinity is None"));
    }
    if (Json.has(spec, "externalTrafficPolicy")) {
      if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
        errs.add(FieldError.invalid(SPEC.child("externalTrafficPolicy").value(), Json.text(spec, "externalTrafficPolicy"),
            "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
      } else {
        Checks.oneOf(spec, "externalTrafficPolicy", SPEC, List.of("Cluster", "Local"), errs);
      }
    }
    Checks.oneOf(spec, "internalTrafficPolicy", SPEC, List.of("Cluster", "Local"), errs);
    Checks.oneOf(spec, "ipFamilyPolicy", SPEC, List.of("PreferDualStack", "RequireDualStack", "SingleStack"), errs);
    var families = Json.strings(spec, "ipFamilies");
    for (int i = 0; i < families.size(); i++) {
      if (!List.of("IPv4", "IPv6").contains(families.get(i))) {
        errs.add(FieldError.notSupported(SPEC.child("ipFamilies").index(i).value(), families.get(i), List.of("IPv4", "IPv6")));
      }
    }
    var externalIps = Json.strings(spec, "externalIPs");
    for (int i = 0; i < externalIps.size(); i++) {
      Checks.format(externalIps.get(i), SPEC.child("externalIPs").index(i), Names::ip, errs);
    }
  }

  private static void validatePorts(JsonNode spec, String type, boolean headless, List<FieldError> errs) {
    var ports = Json.objects(spec, "ports");
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.add(FieldError.required(SPEC.child("ports").value(), ""));
    }
    var names = new HashSet<String>();
    var portKeys = new HashSet<String>();
    var nodePortKeys = new HashSet<String>();
    for (int i = 0; i < ports.size(); i++) {
      var port = ports.get(i);
      var p = SPEC.child("ports").index(i);
      var name = Json.text(port, "name");
      if (ports.size() > 1 && name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").value(), ""));
      } else if (!name.isEmpty()) {
        Checks.format(name, p.child("name"), Names::dns1123Label, errs);
        if (!names.add(name)) {
          errs.add(FieldError.duplicate(p.child("name").value(), name));
        }
      }
      var number = Json.longValue(port, "port");
      for (String msg : Names.portNumber(number == null ? 0 : number)) {
        errs.add(FieldError.invalid(p.child("port").value(), number == null ? 0 : number, msg));
      }
      var protocol = Json.text(port, "protocol");
      if (protocol.isEmpty()) {
        errs.add(FieldError.required(p.child("protocol").value(), ""));
      } else {
        Checks.oneOf(port, "protocol", p, PodSpecValidation.PROTOCOLS, errs);
      }
      errs.addAll(IntOrString.validatePort(Json.get(port, "targetPort"), p.child("targetPort")));
      if (!portKeys.add(protocol + "/" + number)) {
        errs.add(FieldError.duplicate(p.value(), new Json.Rendered("core.ServicePort{Name:\"" + name
            + "\", Protocol:\"" + protocol + "\", Port:" + number + "}")));
      }
      var nodePort = Json.longValue(port, "nodePort");
      if (nodePort != null && nodePort != 0) {
        if (type.equals("ClusterIP") || type.equals("ExternalName")) {
          errs.add(FieldError.forbidden(p.child("nodePort").value(), "may not be used when `type` is '" + type + "'"));
          continue;
        }
        for (String msg : Names.portNumber(nodePort)) {
          errs.add(FieldError.invalid(p.child("nodePort").value(), nodePort, msg));
        }
        if (!nodePortKeys.add(protocol + "/" + nodePort)) {
          errs.add(FieldError.duplicate(p.child("nodePort").value(), nodePort));
        }
      }
    }
    errs.addAll(nodePortRangeErrors(spec, NODE_PORT_MIN, NODE_PORT_MAX));
  }

  /** Requested node ports outside the API server's node-port range, with the allocator's message. */
  public static List<FieldError> nodePortRangeErrors(JsonNode spec, int min, int max) {
    var errs = new ArrayList<FieldError>();
    var type = Json.text(spec, "type");
    if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
      return errs;
    }
    var ports = Json.objects(spec, "ports");
    for (int i = 0; i < ports.size(); i++) {
      var nodePort = Json.longValue(ports.get(i), "nodePort");
      if (nodePort != null && nodePort != 0 && (nodePort < min || nodePort > max)) {
        errs.add(FieldError.invalid(SPEC.child("ports").index(i).child("nodePort").value(), nodePort,
            "provided port is not in the valid range. The range of valid ports is " + min + "-" + max));
      }
    }
    return errs;
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var oldSpec = Json.object(old, "spec");
    if (!needsClusterIp(spec) || !needsClusterIp(oldSpec)) {
      return;
    }
    var now = Json.strings(spec, "clusterIPs");
    var before = Json.strings(oldSpec, "clusterIPs");
    if (!before.isEmpty() && !now.isEmpty() && !now.getFirst().equals(before.getFirst())) {
      errs.add(FieldError.invalid(SPEC.child("clusterIPs").index(0).value(), new Json.Rendered(goStrings(now)),
          "may not change once set"));
    } else if (!before.isEmpty() && now.isEmpty()) {
      errs.add(FieldError.invalid(SPEC.child("clusterIPs").index(0).value(), new Json.Rendered(goStrings(now)),
          "primary clusterIP can not be unset"));
    }
    var families = Json.strings(spec, "ipFamilies");
    var oldFamilies = Json.strings(oldSpec, "ipFamilies");
    if (!families.isEmpty() && !oldFamilies.isEmpty() && !families.getFirst().equals(oldFamilies.getFirst())) {
      errs.add(FieldError.invalid(SPEC.child("ipFamilies").index(0).value(), new Json.Rendered(goStrings(families)),
          "may not change once set"));
    }
  }

  private static String goStrings(List<String> values) {
    var sb = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i > 0 ? ", " : "").append('"').append(values.get(i)).append('"');
    }
    return sb.append('}').toString();
  }
}
