package io.kube4j.scheduler.framework;

import io.kube4j.scheduler.plugins.Plugins;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One scheduling cycle's algorithm: run the filters over (a sample of) the nodes, score the feasible
 * ones, and pick the best, or explain why no node fits. Not thread-safe: one cycle at a time, and the
 * snapshot must not change during {@link #place}.
 */
public final class PodPlacer {

  /** What a cycle decided. */
  public sealed interface Outcome {
  }

  /** The pod goes to this node. */
  public record Placed(String node, int evaluatedNodes, int feasibleNodes) implements Outcome {
  }

  /** No node fits; {@code rejections} holds each node's first failing filter. */
  public record Unschedulable(int totalNodes, Map<String, FilterResult.Rejected> rejections) implements Outcome {
  }

  private final Plugins plugins;
  private final int percentageOfNodesToScore;
  private final RandomGenerator random;
  private int nextStartIndex;

  /**
   * @param percentageOfNodesToScore 1..100, or 0 for upstream's adaptive rule (50% minus 1% per 125 nodes, at least 5%)
   */
  public PodPlacer(Plugins plugins, int percentageOfNodesToScore, RandomGenerator random) {
    this.plugins = plugins;
    this.percentageOfNodesToScore = percentageOfNodesToScore;
    this.random = random;
  }

  /** How many feasible nodes to find before stopping the search (upstream's numFeasibleNodesToFind). */
  public static int feasibleNodesToFind(int allNodes, int percentage) {
    if (allNodes < 100 || percentage >= 100) {
      return allNodes;
    }
    var pct = percentage;
    if (pct <= 0) {
      pct = Math.max(5, 50 - allNodes / 125);
    }
    return Math.max(100, allNodes * pct / 100);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public Outcome place(PodInfo pod, ClusterSnapshot cluster) {
    var nodes = cluster.nodes();
    var n = nodes.size();
    var filters = plugins.filters();
    var active = new ArrayList<FilterPlugin>();
    var states = new ArrayList<Object>();
    for (var f : filters) {
      var state = ((FilterPlugin) f).prepare(pod, cluster);
      if (state != null) {
        active.add(f);
        states.add(state);
      }
    }
    var toFind = feasibleNodesToFind(n, percentageOfNodesToScore);
    var feasible = new ArrayList<NodeInfo>(Math.min(toFind, n));
    var rejections = new LinkedHashMap<String, FilterResult.Rejected>();
    int evaluated = 0;
    for (int i = 0; i < n && feasible.size() < toFind; i++) {
      var node = nodes.get((nextStartIndex + i) % n);
      evaluated++;
      FilterResult.Rejected rejected = null;
      for (int p = 0; p < active.size(); p++) {
        if (active.get(p).filter(pod, states.get(p), node) instanceof FilterResult.Rejected r) {
          rejected = r;
          break;
        }
      }
      if (rejected == null) {
        feasible.add(node);
      } else {
        rejections.put(node.name(), rejected);
      }
    }
    if (n > 0) {
      nextStartIndex = (nextStartIndex + evaluated) % n;
    }
    if (feasible.isEmpty()) {
      return new Unschedulable(n, rejections);
    }
    if (feasible.size() == 1) {
      return new Placed(feasible.getFirst().name(), evaluated, 1);
    }
    var totals = new long[feasible.size()];
    for (var s : plugins.scorers()) {
      var scorer = (ScorePlugin) s;
      var state = scorer.prepare(pod, cluster, feasible);
      if (state == null) {
        continue;
      }
      var scores = new long[feasible.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = scorer.score(pod, state, feasible.get(i));
      }
      scorer.normalize(scores);
      for (int i = 0; i < scores.length; i++) {
        totals[i] += scores[i] * scorer.weight();
      }
    }
    // Highest total wins; ties are broken uniformly at random (reservoir sampling), as upstream.
    int best = 0;
    int ties = 1;
    for (int i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        ties = 1;
      } else if (totals[i] == totals[best]) {
        ties++;
        if (random.nextInt(ties) == 0) {
          best = i;
        }
      }
    }
    return new Placed(feasible.get(best).name(), evaluated, feasible.size());
  }

}
