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
import java.util.function.Supplier;
import java.time.Clock;
import io.kube4j.storage.Storage;

/**
 * Allocates a Service's cluster IP from the service CIDR and its node ports from the node-port range,
 * as upstream's service REST does: a requested value must be in range and free (else 422), an omitted
 * one is picked; node ports survive updates that omit them and are released when the type no longer
 * needs them.
 *
 * <p>Candidates are picked from what the stored services do not use; the pick is then reserved in the
 * store ({@link ServiceReservations}). The reservation covers a create still in flight, here or on
 * another API server on the same etcd, until its Service is stored: a pick someone reserved first is
 * skipped (or, when the client asked for it, refused as already allocated), and a deleted Service's
 * reservations are released with it.
 */
public final class ServiceHooks implements StoreHooks {

  private static final int RESERVATION_ATTEMPTS = 16;

  private final ServiceNetwork network;
  private final ServiceReservations reservations;

  /**
   * @param storage where reservations are kept (the store all servers share)
   * @param services the Service store (looked up late: stores are built in any order)
   */
  public ServiceHooks(ServiceNetwork network, Storage storage, Clock clock, Supplier<ResourceStore> services) {
    this.network = network;
    this.reservations = new ServiceReservations(storage, clock, ServiceReservations.DEFAULT_GRACE,
        (owner, kind, value) -> services.get().find(owner.namespace(), owner.name())
            .filter(svc -> Metadata.uid(svc).equals(owner.uid()))
            .map(svc -> uses(svc, kind, value))
            .orElse(false));
  }

  private static boolean uses(ObjectNode service, ServiceReservations.Kind kind, String value) {
    var spec = service.path("spec");
    return switch (kind) {
      case CLUSTER_IP -> Metadata.text(spec, "clusterIP").equals(value);
      case NODE_PORT -> {
        for (var port : spec.path("ports")) {
          if (String.valueOf(port.path("nodePort").asInt(0)).equals(value)) {
            yield true;
          }
        }
        yield false;
      }
    };
  }

  private static ServiceReservations.Owner owner(ObjectNode service) {
    return new ServiceReservations.Owner(Metadata.namespace(service), Metadata.name(service), Metadata.uid(service));
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
      var skipped = new HashSet<Long>();
      for (int attempt = 1; ; attempt++) {
        var ip = network.freeIp(used.ips(), skipped).orElseThrow(() -> new ApiException(ApiException.Reason.INTERNAL_ERROR, 500,
            "failed to allocate a serviceIP: range is full", ApiException.Details.NONE));
        if (dryRun || reservations.reserve(ServiceReservations.Kind.CLUSTER_IP, ServiceNetwork.format(ip), owner(service))) {
          setClusterIp(spec, ServiceNetwork.format(ip));
          break;
        }
        skipped.add(ip); // another create, here or on another server, reserved it first
        if (attempt == RESERVATION_ATTEMPTS) {
          throw new ApiException(ApiException.Reason.INTERNAL_ERROR, 500,
              "failed to allocate a serviceIP: " + attempt + " free-looking addresses were reserved by other servers", ApiException.Details.NONE);
        }
      }
    } else {
      var ip = ServiceNetwork.parse(requested);
      if (ip.isEmpty() || !network.contains(ip.get())) {
        throw invalid(service, FieldError.invalid("spec.clusterIPs", "[]string{\"" + requested + "\"}",
            "failed to allocate IP " + requested + ": the provided IP (" + requested + ") is not in the valid range. The range of valid IPs is "
                + network.cidr()));
      }
      var reservedElsewhere = dryRun
          ? reservations.heldByAnother(ServiceReservations.Kind.CLUSTER_IP, requested, Metadata.uid(service))
          : !reservations.reserve(ServiceReservations.Kind.CLUSTER_IP, requested, owner(service));
      if (used.ips().contains(ip.get()) || reservedElsewhere) {
        if (!dryRun && !reservedElsewhere) {
          reservations.release(ServiceReservations.Kind.CLUSTER_IP, requested, Metadata.uid(service));
        }
        throw invalid(service, FieldError.invalid("spec.clusterIPs", "[]string{\"" + requested + "\"}",
            "failed to allocate IP " + requested + ": provided IP is already allocated"));
      }
      setClusterIp(spec, requested);
    }
    try {
      allocateNodePorts(service, spec, used.ports(), Map.of(), dryRun);
    } catch (RuntimeException e) {
      release(store, service, dryRun);
      throw e;
    }
  }

  @Override
  public synchronized void release(ResourceStore store, ObjectNode service, boolean dryRun) {
    if (!dryRun) {
      releaseReservations(service);
    }
  }

  @Override
  public void afterDelete(ResourceStore store, ObjectNode service) {
    releaseReservations(service);
  }

  private void releaseReservations(ObjectNode service) {
    var spec = service.path("spec");
    var uid = Metadata.uid(service);
    var ip = Metadata.text(spec, "clusterIP");
    if (ServiceNetwork.parse(ip).isPresent()) {
      reservations.release(ServiceReservations.Kind.CLUSTER_IP, ip, uid);
    }
    for (var port : spec.path("ports")) {
      int nodePort = port.path("nodePort").asInt(0);
      if (nodePort > 0) {
        reservations.release(ServiceReservations.Kind.NODE_PORT, String.valueOf(nodePort), uid);
      }
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
        if (requested != 0 && !taken.contains(requested) && reserveNodePort(service, requested, dryRun)) {
          port.put("nodePort", requested);
          taken.add(requested);
          continue;
        }
        var skipped = new HashSet<Integer>();
        for (int attempt = 1; ; attempt++) {
          int picked = network.freeNodePort(taken, skipped).orElseThrow(() -> new ApiException(ApiException.Reason.INTERNAL_ERROR, 500,
              "failed to allocate a nodePort: range is full", ApiException.Details.NONE));
          if (reserveNodePort(service, picked, dryRun)) {
            port.put("nodePort", picked);
            taken.add(picked);
            break;
          }
          skipped.add(picked); // another create, here or on another server, reserved it first
          if (attempt == RESERVATION_ATTEMPTS) {
            throw new ApiException(ApiException.Reason.INTERNAL_ERROR, 500,
                "failed to allocate a nodePort: " + attempt + " free-looking ports were reserved by other servers", ApiException.Details.NONE);
          }
        }
        continue;
      }
      if (!network.nodePortInRange(requested)) {
        throw invalid(service, FieldError.invalid("spec.ports[" + i + "].nodePort", requested,
            "provided port is not in the valid range. The range of valid ports is " + network.nodePortMin() + "-" + network.nodePortMax()));
      }
      boolean ownPrevious = previous.containsValue(requested);
      if (!ownPrevious && taken.contains(requested) || !reserveNodePort(service, requested, dryRun)) {
        throw invalid(service, FieldError.invalid("spec.ports[" + i + "].nodePort", requested, "provided port is already allocated"));
      }
      taken.add(requested);
    }
  }

  /** Reserves a node port for the service (checks only, on a dry run); false when another service holds it. */
  private boolean reserveNodePort(ObjectNode service, int port, boolean dryRun) {
    var value = String.valueOf(port);
    return dryRun ? !reservations.heldByAnother(ServiceReservations.Kind.NODE_PORT, value, Metadata.uid(service))
        : reservations.reserve(ServiceReservations.Kind.NODE_PORT, value, owner(service));
  }

  /** What the stored services use, except the one with uid {@code exceptUid}. */
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
