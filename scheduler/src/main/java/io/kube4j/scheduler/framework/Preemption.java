package io.kube4j.scheduler.framework;

import io.kube4j.scheduler.plugins.Plugins;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Upstream's DefaultPreemption, simplified: on each node where the pod failed for a reason eviction
 * can fix, remove every pod of lower priority, check the pod fits, then give back as many of those
 * pods as possible (highest priority first); the remaining ones are the victims. The candidate whose
 * victims have the lowest highest priority, then the fewest victims, wins. Pods already terminating
 * never count as victims and are treated as gone. Affinity and spreading state is taken from the full
 * cluster, not recomputed without the victims (upstream re-runs those plugins incrementally).
 */
public final class Preemption {

  /** A node where the pod would fit once {@code victims} are gone. */
  public record Candidate(String node, List<PodInfo> victims) {
  }

  private final Plugins plugins;

  public Preemption(Plugins plugins) {
    this.plugins = plugins;
  }

  /** Whether the pod may preempt at all ({@code preemptionPolicy: Never} may not). */
  public static boolean eligible(PodInfo pod) {
    return !"Never".equals(pod.pod().getSpec().getPreemptionPolicy());
  }

  /** The best candidate, or null when preempting would not help anywhere. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Candidate find(PodInfo pod, ClusterSnapshot cluster, Map<String, FilterResult.Rejected> rejections) {
    var states = new ArrayList<Object>();
    var active = new ArrayList<FilterPlugin>();
    for (var f : plugins.filters()) {
      var state = ((FilterPlugin) f).prepare(pod, cluster);
      if (state != null) {
        active.add(f);
        states.add(state);
      }
    }
    Candidate best = null;
    for (var node : cluster.nodes()) {
      var rejected = rejections.get(node.name());
      if (rejected == null || rejected.unresolvable()) {
        continue;
      }
      var lower = new ArrayList<PodInfo>();
      var simulated = new NodeInfo(node.name());
      simulated.setNode(node.node());
      for (var p : node.pods()) {
        if (p.pod().getMetadata().getDeletionTimestamp() != null) {
          continue;
        }
        if (p.priority() < pod.priority()) {
          lower.add(p);
        } else {
          simulated.addPod(p);
        }
      }
      if (lower.isEmpty() || !fits(pod, simulated, active, states)) {
        continue;
      }
      lower.sort(Comparator.comparingInt(PodInfo::priority).reversed());
      var victims = new ArrayList<PodInfo>();
      for (var p : lower) {
        simulated.addPod(p);
        if (!fits(pod, simulated, active, states)) {
          simulated.removePod(p.key());
          victims.add(p);
        }
      }
      var candidate = new Candidate(node.name(), List.copyOf(victims));
      if (best == null || better(candidate, best)) {
        best = candidate;
      }
    }
    return best;
  }

  private static boolean better(Candidate a, Candidate b) {
    var ha = a.victims().stream().mapToInt(PodInfo::priority).max().orElse(Integer.MIN_VALUE);
    var hb = b.victims().stream().mapToInt(PodInfo::priority).max().orElse(Integer.MIN_VALUE);
    if (ha != hb) {
      return ha < hb;
    }
    return a.victims().size() < b.victims().size();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean fits(PodInfo pod, NodeInfo node, List<FilterPlugin> active, List<Object> states) {
    for (int i = 0; i < active.size(); i++) {
      if (active.get(i).filter(pod, states.get(i), node) instanceof FilterResult.Rejected) {
        return false;
      }
    }
    return true;
  }
}
