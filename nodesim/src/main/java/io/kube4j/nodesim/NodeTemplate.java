package io.kube4j.nodesim;

import java.time.Duration;
import java.util.Map;

/**
 * What simulated nodes look like and how often they report: names {@code <prefix>-<i>} for
 * {@code i} in {@code [first, first+count)}, the same capacity for all, the standard labels plus
 * {@code labels} (and a zone label when {@code zones > 0}), and the kubelet's default intervals: the Lease renewed every
 * 10 s, and the node status posted every 5 minutes ({@code nodeStatusReportFrequency}: a kubelet whose status has not
 * changed posts it that often; the Lease is the heartbeat).
 */
public record NodeTemplate(String namePrefix, int first, int count, String cpu, String memory, String ephemeralStorage, int maxPods,
    String arch, Map<String, String> labels, int zones, Duration leaseRenewInterval, Duration statusInterval) {

  /** {@code count} nodes named {@code kube4j-sim-0..count-1} with 8 cpu, 32Gi memory, 100Gi ephemeral storage and 110 pods. */
  public static NodeTemplate of(int count) {
    return new NodeTemplate("kube4j-sim", 0, count, "8", "32Gi", "100Gi", 110, "amd64", Map.of(), 0, Duration.ofSeconds(10),
        Duration.ofMinutes(5));
  }

  public NodeTemplate withCapacity(String cpu, String memory, int maxPods) {
    return new NodeTemplate(namePrefix, first, count, cpu, memory, ephemeralStorage, maxPods, arch, labels, zones, leaseRenewInterval, statusInterval);
  }

  public NodeTemplate withNames(String prefix, int first) {
    return new NodeTemplate(prefix, first, count, cpu, memory, ephemeralStorage, maxPods, arch, labels, zones, leaseRenewInterval, statusInterval);
  }

  public NodeTemplate withLabels(Map<String, String> extra) {
    return new NodeTemplate(namePrefix, first, count, cpu, memory, ephemeralStorage, maxPods, arch, Map.copyOf(extra), zones, leaseRenewInterval,
        statusInterval);
  }

  public NodeTemplate withIntervals(Duration lease, Duration status) {
    return new NodeTemplate(namePrefix, first, count, cpu, memory, ephemeralStorage, maxPods, arch, labels, zones, lease, status);
  }

  /** Spreads the nodes over {@code zones} zones: {@code topology.kubernetes.io/zone=zone-(i mod zones)}; 0 for no zone label. */
  public NodeTemplate withZones(int zones) {
    return new NodeTemplate(namePrefix, first, count, cpu, memory, ephemeralStorage, maxPods, arch, labels, zones, leaseRenewInterval,
        statusInterval);
  }

  public String nodeName(int i) {
    return namePrefix + "-" + i;
  }

  /** The pod CIDR of the i-th node: a /24 out of 10.128.0.0/9 (room for 32768 nodes). */
  public static String podCidr(int i) {
    return "10." + (128 + (i >> 8) % 128) + "." + (i & 0xff) + ".0/24";
  }

  /** The node's own (made-up) InternalIP: 172.16.0.0/12 by index. */
  public static String nodeIp(int i) {
    return "172." + (16 + (i >> 16) % 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
  }
}
