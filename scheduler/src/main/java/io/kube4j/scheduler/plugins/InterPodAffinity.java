package io.kube4j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kube4j.scheduler.framework.AffinityTerm;
import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.PodLabels;
import io.kube4j.scheduler.framework.ScorePlugin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Filter: required pod affinity (a matching pod in the node's topology domain), required pod
 * anti-affinity (none there), and existing pods' required anti-affinity against this pod.
 * Score: preferred affinity/anti-affinity of the incoming pod, by topology domain.
 */
public final class InterPodAffinity {

  public static final String AFFINITY = "node(s) didn't match pod affinity rules";
  public static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
  public static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

  private InterPodAffinity() {
  }

  /**
   * Per-pod state: for each required (anti-)affinity term, the number of matching pods per topology
   * value; the topology domains where an existing pod's anti-affinity rejects this pod.
   */
  public record State(List<Map<String, Integer>> affinityCounts, List<Map<String, Integer>> antiAffinityCounts,
      Map<String, Set<String>> forbiddenByExisting, boolean affinityUnmatchedAnywhere, boolean matchesOwnAffinity) {
  }

  /** The filter half. */
  public static final class Filter implements FilterPlugin<State> {
    @Override
    public String name() {
      return "InterPodAffinity";
    }

    @Override
    public State prepare(PodInfo pod, ClusterSnapshot cluster) {
      var affinity = pod.requiredAffinity();
      var anti = pod.requiredAntiAffinity();
      if (affinity.isEmpty() && anti.isEmpty() && cluster.podsWithRequiredAntiAffinity() == 0) {
        return null;
      }
      var affinityCounts = counts(affinity.size());
      var antiCounts = counts(anti.size());
      var forbidden = new HashMap<String, Set<String>>();
      for (var node : cluster.nodes()) {
        var labels = node.labels();
        if (!affinity.isEmpty() || !anti.isEmpty()) {
          for (var group : node.podGroups()) {
            for (int i = 0; i < affinity.size(); i++) {
              count(affinity.get(i), group.labels(), group.count(), labels, affinityCounts.get(i));
            }
            for (int i = 0; i < anti.size(); i++) {
              count(anti.get(i), group.labels(), group.count(), labels, antiCounts.get(i));
            }
          }
        }
        if (node.podsWithRequiredAntiAffinity() > 0) {
          for (var existing : node.pods()) {
            for (var term : existing.requiredAntiAffinity()) {
              var value = labels.get(term.topologyKey());
              if (value != null && term.matches(pod.pod())) {
                forbidden.computeIfAbsent(term.topologyKey(), k -> new HashSet<>()).add(value);
              }
            }
          }
        }
      }
      var unmatched = affinityCounts.stream().allMatch(Map::isEmpty);
      var selfMatch = affinity.stream().allMatch(t -> t.matches(pod.pod()));
      return new State(affinityCounts, antiCounts, forbidden, unmatched, selfMatch);
    }

    private static List<Map<String, Integer>> counts(int n) {
      var list = new ArrayList<Map<String, Integer>>(n);
      for (int i = 0; i < n; i++) {
        list.add(new HashMap<>());
      }
      return list;
    }

    private static void count(AffinityTerm term, PodLabels pods, int podCount, Map<String, String> nodeLabels, Map<String, Integer> counts) {
      var value = nodeLabels.get(term.topologyKey());
      if (value != null && term.matches(pods)) {
        counts.merge(value, podCount, Integer::sum);
      }
    }

    @Override
    public FilterResult filter(PodInfo pod, State state, NodeInfo node) {
      var labels = node.labels();
      var affinity = pod.requiredAffinity();
      for (int i = 0; i < affinity.size(); i++) {
        var value = labels.get(affinity.get(i).topologyKey());
        if (value == null) {
          return FilterResult.unresolvable(AFFINITY);
        }
        // The first pod of a group that selects itself may go anywhere the topology key exists.
        var allowedAlone = state.affinityUnmatchedAnywhere() && state.matchesOwnAffinity();
        if (!allowedAlone && state.affinityCounts().get(i).getOrDefault(value, 0) == 0) {
          return FilterResult.unresolvable(AFFINITY);
        }
      }
      var anti = pod.requiredAntiAffinity();
      for (int i = 0; i < anti.size(); i++) {
        var value = labels.get(anti.get(i).topologyKey());
        if (value != null && state.antiAffinityCounts().get(i).getOrDefault(value, 0) > 0) {
          return FilterResult.unschedulable(ANTI_AFFINITY);
        }
      }
      for (var e : state.forbiddenByExisting().entrySet()) {
        var value = labels.get(e.getKey());
        if (value != null && e.getValue().contains(value)) {
          return FilterResult.unschedulable(EXISTING_ANTI_AFFINITY);
        }
      }
      return FilterResult.FITS;
    }
  }

  /** The score half: per topology key and value, the summed weights of matching pods (anti-affinity negative). */
  public static final class Score implements ScorePlugin<Map<String, Map<String, Long>>> {
    @Override
    public String name() {
      return "InterPodAffinity";
    }

    @Override
    public int weight() {
      return 2;
    }

    @Override
    public Map<String, Map<String, Long>> prepare(PodInfo pod, ClusterSnapshot cluster, List<NodeInfo> feasible) {
      var affinity = pod.pod().getSpec().getAffinity();
      if (affinity == null) {
        return null;
      }
      var terms = new ArrayList<AffinityTerm>();
      var signs = new ArrayList<Integer>();
      if (affinity.getPodAffinity() != null) {
        add(pod, affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), 1, terms, signs);
      }
      if (affinity.getPodAntiAffinity() != null) {
        add(pod, affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), -1, terms, signs);
      }
      if (terms.isEmpty()) {
        return null;
      }
      var scores = new HashMap<String, Map<String, Long>>();
      for (var node : cluster.nodes()) {
        for (var group : node.podGroups()) {
          for (int i = 0; i < terms.size(); i++) {
            var term = terms.get(i);
            var value = node.labels().get(term.topologyKey());
            if (value != null && term.matches(group.labels())) {
              scores.computeIfAbsent(term.topologyKey(), k -> new HashMap<>())
                  .merge(value, (long) signs.get(i) * term.weight() * group.count(), Long::sum);
            }
          }
        }
      }
      return scores;
    }

    private static void add(PodInfo pod, List<WeightedPodAffinityTerm> weighted, int sign, List<AffinityTerm> terms, List<Integer> signs) {
      if (weighted == null) {
        return;
      }
      for (var w : weighted) {
        terms.add(AffinityTerm.of(pod.pod(), w.getPodAffinityTerm(), w.getWeight() == null ? 0 : w.getWeight()));
        signs.add(sign);
      }
    }

    @Override
    public long score(PodInfo pod, Map<String, Map<String, Long>> state, NodeInfo node) {
      long sum = 0;
      for (var e : state.entrySet()) {
        var value = node.labels().get(e.getKey());
        if (value != null) {
          sum += e.getValue().getOrDefault(value, 0L);
        }
      }
      return sum;
    }

    @Override
    public void normalize(long[] scores) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (var s : scores) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
      for (int i = 0; i < scores.length; i++) {
        scores[i] = max > min ? (scores[i] - min) * 100 / (max - min) : 0;
      }
    }
  }
}
