package io.kube4j.scheduler.plugins;

import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.ScorePlugin;
import java.util.List;

/**
 * The registry of plugins a scheduler runs, in order. Filters are ordered cheap-first (upstream's
 * order): a node is rejected by the first filter that fails, so the expensive ones see fewer nodes.
 */
public record Plugins(List<FilterPlugin<?>> filters, List<ScorePlugin<?>> scorers) {

  /** The default profile, as upstream's default-scheduler (without ImageLocality and BalancedAllocation). */
  public static Plugins defaults() {
    return new Plugins(
        List.of(new NodeUnschedulable(), new NodeName(), new TaintToleration.Filter(), new NodeAffinity.Filter(),
            new NodePorts(), new NodeResourcesFit.Filter(), new PodTopologySpread.Filter(), new InterPodAffinity.Filter()),
        List.of(new TaintToleration.Score(), new NodeAffinity.Score(), new PodTopologySpread.Score(),
            new InterPodAffinity.Score(), new NodeResourcesFit.LeastAllocated()));
  }
}
