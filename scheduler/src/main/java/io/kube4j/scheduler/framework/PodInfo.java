package io.kube4j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod as the scheduler sees it: the object plus what every plugin needs, computed once
 * (requests, host ports, required affinity terms, priority, what label selectors see of it).
 */
public record PodInfo(Pod pod, String key, Resources requests, Resources nonZeroRequests, List<HostPort> hostPorts,
    List<AffinityTerm> requiredAffinity, List<AffinityTerm> requiredAntiAffinity, int priority, PodLabels selectable) {

  /** One host port a pod asks for. */
  public record HostPort(String protocol, String ip, int port) {
    /** Two host ports conflict when protocol and port are equal and the IPs overlap (0.0.0.0 overlaps all). */
    public boolean conflictsWith(HostPort other) {
      return port == other.port && protocol.equals(other.protocol)
          && (ip.equals(other.ip) || ip.equals("0.0.0.0") || other.ip.equals("0.0.0.0"));
    }
  }

  public static PodInfo of(Pod pod) {
    return of(pod, pod.getSpec().getPriority() == null ? 0 : pod.getSpec().getPriority());
  }

  /** With the priority given (resolved from the pod's PriorityClass when admission did not set it). */
  public static PodInfo of(Pod pod, int priority) {
    var requests = Resources.requestsOf(pod);
    var nonZero = new Resources(requests.milliCpu() == 0 ? Resources.DEFAULT_MILLI_CPU : requests.milliCpu(),
        requests.memory() == 0 ? Resources.DEFAULT_MEMORY : requests.memory(), requests.ephemeralStorage(), 1);
    var ports = new ArrayList<HostPort>();
    for (var c : pod.getSpec().getContainers()) {
      if (c.getPorts() == null) {
        continue;
      }
      for (var p : c.getPorts()) {
        if (p.getHostPort() != null && p.getHostPort() > 0) {
          var ip = p.getHostIP() == null || p.getHostIP().isEmpty() ? "0.0.0.0" : p.getHostIP();
          ports.add(new HostPort(p.getProtocol() == null ? "TCP" : p.getProtocol(), ip, p.getHostPort()));
        }
      }
    }
    var affinity = pod.getSpec().getAffinity();
    var required = List.<AffinityTerm>of();
    var antiRequired = List.<AffinityTerm>of();
    if (affinity != null && affinity.getPodAffinity() != null) {
      required = terms(pod, affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }
    if (affinity != null && affinity.getPodAntiAffinity() != null) {
      antiRequired = terms(pod, affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }
    return new PodInfo(pod, key(pod), requests, nonZero, List.copyOf(ports), required, antiRequired, priority, PodLabels.of(pod));
  }

  private static List<AffinityTerm> terms(Pod pod, List<PodAffinityTerm> terms) {
    if (terms == null || terms.isEmpty()) {
      return List.of();
    }
    return terms.stream().map(t -> AffinityTerm.of(pod, t)).toList();
  }

  public static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  public String namespace() {
    return pod.getMetadata().getNamespace();
  }

  public String name() {
    return pod.getMetadata().getName();
  }

  public Map<String, String> labels() {
    var labels = pod.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  public String nodeName() {
    return pod.getSpec().getNodeName();
  }
}
