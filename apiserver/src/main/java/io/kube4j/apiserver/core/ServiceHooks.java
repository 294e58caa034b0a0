package io.kube4j.apiserver.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.registry.StoreHooks;
import io.kube4j.machinery.errors.ApiException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Allocates a Service's cluster IP from the service CIDR and its node ports from the node-port range,
 * as upstream's service REST does: a requested value must be in range and free (else 422), an omitted
 * one is picked; node ports survive updates that omit them and are released when the type no longer
 * needs them.
 *
 * <p>What is allocated is derived from the stored services plus the allocations of creates still in
 * flight, under one lock; correct for a single API server (several servers on one etcd need a shared
 * allocation record, which comes with high availability).
 */
public final class ServiceHooks implements StoreHooks {

  private final ServiceNetwork network;
  private final Set<Long> ipsInFlight = new HashSet<>();
  private final Set<Integer> portsInFlight = new HashSet<>();

  public ServiceHooks(ServiceNetwork network) {
    this.network = network;
  }

  @Override
  public synchronized void beforeCreate(ResourceStore store, ObjectNode service, boolean dryRun) {
    var spec = spec(service);
    var type = Metadata.text(spec, "type");
    var used = usage(store, null);
    if (type.equals("ExternalName")) {
      return;
    }
    var requested = Metadata.text(spec, "clusterIP");
    if (requested.isEmpty() && spec.path("clusterIPs").isArray() && !spec.path("clusterIPs").isEmpty()) {
      requested = spec.path("clusterIPs").get(0).asText();
    }
    if (requested.equals("None")) {
      setClusterIp(spec, "None");
    } else if (requested.isEmpty()) {
      var ip = network.freeIp(used.ips(), ipsInFlight).orElseThrow(() -> new ApiException(ApiException.Reason.INTERNAL_ERROR, 500,
          "failed to allocate a serviceIP: range is full", ApiException.Details.NONE));
      if (!dryRun) {
        ipsInFlight.add(ip);
      }
      setClusterIp(spec, ServiceNetwork.format(ip));
    } else {
      var ip = ServiceNetwork.parse(requested);
      if (ip.isEmpty() || !network.contains(ip.get())) {
        throw invalid(service, FieldError.invalid("spec.clusterIPs", "[]string{\"" + requested + "\"}",
            "failed to allocate IP " + requested + ": the provided IP (" + requested + ") is not in the valid range. The range of valid IPs is "
                + network.cidr()));
      }
      if (used.ips().contains(ip.get()) || ipsInFlight.contains(ip.get())) {
        throw invalid(service, FieldError.invalid("spec.clusterIPs", "[]string{\"" + requested + "\"}",
            "failed to allocate IP " + requested + ": provided IP is already allocated"));
      }
      if (!dryRun) {
        ipsInFlight.add(ip.get());
      }
      setClusterIp(spec, requested);
    }
    allocateNodePorts(service, spec, used.ports(), Map.of(), dryRun);
  }

  @Override
  public synchronized void release(ResourceStore store, ObjectNode service, boolean dryRun) {
    var spec = spec(service);
    ServiceNetwork.parse(Metadata.text(spec, "clusterIP")).ifPresent(ipsInFlight::remove);
    for (var port : spec.path("ports")) {
      portsInFlight.remove(port.path("nodePort").asInt(0));
    }
  }

  @Override
  public synchronized void beforeUpdate(ResourceStore store, ObjectNode service, ObjectNode old, boolean dryRun) {
    var spec = spec(service);
    var oldSpec = old.path("spec");
    // the strategy has already restored a cluster IP the update omitted; only node ports remain to allocate
    var previous = new HashMap<String, Integer>();
    for (var p : oldSpec.path("ports")) {
      if (p.path("nodePort").asInt(0) > 0) {
        previous.put(p.path("port").asInt() + "/" + p.path("protocol").asText("TCP"), p.path("nodePort").asInt());
      }
    }
    var used = usage(store, Metadata.uid(old));
    allocateNodePorts(service, spec, used.ports(), previous, dryRun);
  }

  private void allocateNodePorts(ObjectNode service, ObjectNode spec, Set<Integer> used, Map<String, Integer> previous, boolean dryRun) {
    var type = Metadata.text(spec, "type");
    boolean needsNodePorts = type.equals("NodePort") || (type.equals("LoadBalancer") && spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
    var ports = spec.path("ports");
    if (!(ports instanceof ArrayNode array)) {
      return;
    }
    var taken = new HashSet<>(used);
    for (int i = 0; i < array.size(); i++) {
      var port = (ObjectNode) array.get(i);
      int requested = port.path("nodePort").asInt(0);
      if (!needsNodePorts) {
        if (requested != 0 && !type.equals("LoadBalancer")) {
          port.remove("nodePort");
        }
        continue;
      }
      if (requested == 0) {
        requested = previous.getOrDefault(port.path("port").asInt() + "/" + port.path("protocol").asText("TCP"), 0);
        if (requested != 0 && !taken.contains(requested)) {
          port.put("nodePort", requested);
          taken.add(requested);
          continue;
        }
        int picked = network.freeNodePort(taken, portsInFlight).orElseThrow(() -> new ApiException(ApiException.Reason.INTERNAL_ERROR, 500,
            "failed to allocate a nodePort: range is full", ApiException.Details.NONE));
        port.put("nodePort", picked);
        taken.add(picked);
        if (!dryRun) {
          portsInFlight.add(picked);
        }
        continue;
      }
      if (!network.nodePortInRange(requested)) {
        throw invalid(service, FieldError.invalid("spec.ports[" + i + "].nodePort", requested,
            "provided port is not in the valid range. The range of valid ports is " + network.nodePortMin() + "-" + network.nodePortMax()));
      }
      boolean ownPrevious = previous.containsValue(requested);
      if (!ownPrevious && (taken.contains(requested) || portsInFlight.contains(requested))) {
        throw invalid(service, FieldError.invalid("spec.ports[" + i + "].nodePort", requested, "provided port is already allocated"));
      }
      taken.add(requested);
      if (!dryRun && !ownPrevious) {
        portsInFlight.add(requested);
      }
    }
  }

  /** What the stored services use, except the one with uid {@code exceptUid}; forgets in-flight allocations that are now stored. */
  private Usage usage(ResourceStore store, String exceptUid) {
    var ips = new HashSet<Long>();
    var ports = new HashSet<Integer>();
    for (var svc : store.list("", io.kube4j.apiserver.registry.ListOptions.all()).items()) {
      if (exceptUid != null && exceptUid.equals(Metadata.uid(svc))) {
        continue;
      }
      var spec = svc.path("spec");
      for (JsonNode ip : spec.path("clusterIPs")) {
        ServiceNetwork.parse(ip.asText()).ifPresent(ips::add);
      }
      ServiceNetwork.parse(Metadata.text(spec, "clusterIP")).ifPresent(ips::add);
      for (var p : spec.path("ports")) {
        if (p.path("nodePort").asInt(0) > 0) {
          ports.add(p.path("nodePort").asInt());
        }
      }
    }
    ipsInFlight.removeAll(ips);
    portsInFlight.removeAll(ports);
    return new Usage(ips, ports);
  }

  private record Usage(Set<Long> ips, Set<Integer> ports) {}

  private static void setClusterIp(ObjectNode spec, String ip) {
    spec.put("clusterIP", ip);
    var ips = spec.putArray("clusterIPs");
    ips.add(ip);
  }

  private static ObjectNode spec(ObjectNode service) {
    var spec = service.get("spec");
    return spec instanceof ObjectNode o ? o : service.putObject("spec");
  }

  private static ApiException invalid(ObjectNode service, FieldError error) {
    return ApiException.invalid("", "Service", Metadata.name(service), List.of(error));
  }
}
