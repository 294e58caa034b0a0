package io.kube4j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * An amount of the resources the scheduler accounts for: milli-CPU, memory, ephemeral storage (bytes)
 * and pod slots. Parsed once per object so the per-node work compares longs only.
 */
public record Resources(long milliCpu, long memory, long ephemeralStorage, long pods) {

  public static final Resources NONE = new Resources(0, 0, 0, 0);

  /** Upstream's defaults for pods without requests, used only when scoring (not when filtering). */
  public static final long DEFAULT_MILLI_CPU = 100;
  public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  public Resources plus(Resources other) {
    return new Resources(milliCpu + other.milliCpu, memory + other.memory, ephemeralStorage + other.ephemeralStorage,
        pods + other.pods);
  }

  public Resources minus(Resources other) {
    return new Resources(milliCpu - other.milliCpu, memory - other.memory, ephemeralStorage - other.ephemeralStorage,
        pods - other.pods);
  }

  private static Resources max(Resources a, Resources b) {
    return new Resources(Math.max(a.milliCpu, b.milliCpu), Math.max(a.memory, b.memory),
        Math.max(a.ephemeralStorage, b.ephemeralStorage), Math.max(a.pods, b.pods));
  }

  /**
   * A pod's effective request as upstream computes it: the sum of its containers' requests, at least
   * the largest init container's request, plus the pod overhead; counts one pod slot.
   */
  public static Resources requestsOf(Pod pod) {
    var spec = pod.getSpec();
    var sum = NONE;
    for (var c : nullSafe(spec.getContainers())) {
      sum = sum.plus(of(requests(c)));
    }
    for (var c : nullSafe(spec.getInitContainers())) {
      // A restartable init container (sidecar) keeps running, so it adds to the sum instead.
      if ("Always".equals(c.getRestartPolicy())) {
        sum = sum.plus(of(requests(c)));
      } else {
        sum = max(sum, of(requests(c)));
      }
    }
    if (spec.getOverhead() != null) {
      sum = sum.plus(of(spec.getOverhead()));
    }
    return new Resources(sum.milliCpu, sum.memory, sum.ephemeralStorage, 1);
  }

  /** What a node offers to pods: {@code status.allocatable}, falling back to {@code status.capacity}. */
  public static Resources allocatableOf(Node node) {
    var status = node.getStatus();
    if (status == null) {
      return NONE;
    }
    var map = status.getAllocatable() != null && !status.getAllocatable().isEmpty() ? status.getAllocatable() : status.getCapacity();
    return map == null ? NONE : of(map);
  }

  static Map<String, Quantity> requests(Container c) {
    if (c.getResources() == null) {
      return Map.of();
    }
    var requests = c.getResources().getRequests();
    // As upstream's defaulting: limits stand in for absent requests.
    var limits = c.getResources().getLimits();
    if ((requests == null || requests.isEmpty()) && limits != null) {
      return limits;
    }
    return requests == null ? Map.of() : requests;
  }

  /** Reads cpu, memory, ephemeral-storage and pods from a resource list; other names are ignored. */
  public static Resources of(Map<String, Quantity> list) {
    return new Resources(milli(list.get("cpu")), units(list.get("memory")), units(list.get("ephemeral-storage")),
        units(list.get("pods")));
  }

  static long milli(Quantity q) {
    if (q == null) {
      return 0;
    }
    return Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  static long units(Quantity q) {
    if (q == null) {
      return 0;
    }
    return Quantity.getAmountInBytes(q).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
