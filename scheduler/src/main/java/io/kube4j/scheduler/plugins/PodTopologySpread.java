package io.kube4j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.kube4j.machinery.selection.LabelSelector;
import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.ScorePlugin;
import io.kube4j.scheduler.framework.Selectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Filter: {@code whenUnsatisfiable: DoNotSchedule} constraints (placing the pod keeps the skew between
 * topology domains within {@code maxSkew}). Score: {@code ScheduleAnyway} constraints (fewer matching
 * pods in the node's domain is better). Domains come from nodes that match the pod's node
 * affinity/selector and carry every constraint's topology key; matching pods are counted in the pod's namespace.
 */
public final class PodTopologySpread {

  public static final String REASON = "node(s) didn't match pod topology spread constraints";
  public static final String MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

  private PodTopologySpread() {
  }

  /** One constraint, parsed. */
  public record Constraint(int maxSkew, String topologyKey, LabelSelector selector, int minDomains, boolean selfMatch) {
  }

  /** Constraints with, for each, the matching pod count per topology value and the global minimum. */
  public record State(List<Constraint> constraints, List<Map<String, Integer>> counts, long[] minimums) {
  }

  static List<Constraint> constraints(PodInfo pod, String whenUnsatisfiable) {
    var spec = pod.pod().getSpec().getTopologySpreadConstraints();
    if (spec == null || spec.isEmpty()) {
      return List.of();
    }
    var list = new ArrayList<Constraint>();
    for (var c : spec) {
      if (whenUnsatisfiable.equals(c.getWhenUnsatisfiable())) {
        var selector = Selectors.of(withMatchLabelKeys(c.getLabelSelector(), c.getMatchLabelKeys(), pod.labels()));
        list.add(new Constraint(c.getMaxSkew(), c.getTopologyKey(), selector, c.getMinDomains() == null ? 1 : c.getMinDomains(),
            selector.matches(pod.labels())));
      }
    }
    return list;
  }

  /**
   * {@code matchLabelKeys}: each key the incoming pod has a label for narrows the selector to pods with the same
   * value (a Deployment's {@code pod-template-hash} confines spreading to one revision's pods); keys the pod lacks
   * are ignored, as upstream.
   */
  static io.fabric8.kubernetes.api.model.LabelSelector withMatchLabelKeys(io.fabric8.kubernetes.api.model.LabelSelector selector,
      List<String> keys, Map<String, String> podLabels) {
    if (selector == null || keys == null || keys.isEmpty()) {
      return selector;
    }
    var narrowed = new LabelSelectorBuilder(selector);
    for (var key : keys) {
      var value = podLabels.get(key);
      if (value != null) {
        narrowed.addNewMatchExpression().withKey(key).withOperator("In").withValues(value).endMatchExpression();
      }
    }
    return narrowed.build();
  }

  private static final String HOSTNAME = "kubernetes.io/hostname";

  /** For each constraint, the topology values of {@code nodes}. */
  private static List<Set<String>> domainsOf(List<Constraint> constraints, List<NodeInfo> nodes) {
    var domains = new ArrayList<Set<String>>();
    for (var c : constraints) {
      var values = new HashSet<String>();
      for (var node : nodes) {
        var value = node.labels().get(c.topologyKey());
        if (value != null) {
          values.add(value);
        }
      }
      domains.add(values);
    }
    return domains;
  }

  /**
   * Counts matching pods per domain over {@code nodes} (the cluster's, or some of them); with {@code only} (one
   * set per constraint), pods are counted only in those domains, the others keep no entry.
   */
  static State count(PodInfo pod, List<Constraint> constraints, ClusterSnapshot cluster, List<NodeInfo> nodes, List<Set<String>> only) {
    var required = NodeAffinity.Required.of(pod.pod());
    var counts = new ArrayList<Map<String, Integer>>();
    // Over the whole cluster, each constraint's topology values come as one array from the snapshot.
    var values = nodes == cluster.nodes() ? new String[constraints.size()][] : null;
    for (int i = 0; i < constraints.size(); i++) {
      counts.add(new HashMap<>());
      if (values != null) {
        values[i] = cluster.labelValues(constraints.get(i).topologyKey());
      }
    }
    var domain = new String[constraints.size()];
    nodes:
    for (int n = 0; n < nodes.size(); n++) {
      var node = nodes.get(n);
      for (int i = 0; i < constraints.size(); i++) {
        domain[i] = values != null ? values[i][n] : node.labels().get(constraints.get(i).topologyKey());
        if (domain[i] == null) {
          continue nodes;
        }
      }
      if (required != null && !required.matches(node)) {
        continue;
      }
      for (int i = 0; i < constraints.size(); i++) {
        var c = constraints.get(i);
        var value = domain[i];
        if (only != null && !only.get(i).contains(value)) {
          continue;
        }
        int matching = 0;
        var groups = node.podGroups();
        for (int g = 0; g < groups.size(); g++) {
          var existing = groups.get(g).labels();
          if (!existing.terminating() && existing.namespace().equals(pod.namespace()) && c.selector().matches(existing.labels())) {
            matching += groups.get(g).count();
          }
        }
        counts.get(i).merge(value, matching, Integer::sum);
      }
    }
    var minimums = new long[constraints.size()];
    for (int i = 0; i < constraints.size(); i++) {
      var domainCounts = counts.get(i);
      long min = domainCounts.values().stream().mapToLong(Integer::longValue).min().orElse(0);
      minimums[i] = domainCounts.size() < constraints.get(i).minDomains() ? 0 : min;
    }
    return new State(constraints, counts, minimums);
  }

  /** The filter half (DoNotSchedule). */
  public static final class Filter implements FilterPlugin<State> {
    @Override
    public String name() {
      return "PodTopologySpread";
    }

    @Override
    public State prepare(PodInfo pod, ClusterSnapshot cluster) {
      var constraints = constraints(pod, "DoNotSchedule");
      return constraints.isEmpty() ? null : count(pod, constraints, cluster, cluster.nodes(), null);
    }

    @Override
    public FilterResult filter(PodInfo pod, State state, NodeInfo node) {
      for (var c : state.constraints()) {
        if (!node.labels().containsKey(c.topologyKey())) {
          return FilterResult.unresolvable(MISSING_LABEL);
        }
      }
      for (int i = 0; i < state.constraints().size(); i++) {
        var c = state.constraints().get(i);
        var value = node.labels().get(c.topologyKey());
        long skew = state.counts().get(i).getOrDefault(value, 0) + (c.selfMatch() ? 1 : 0) - state.minimums()[i];
        if (skew > c.maxSkew()) {
          return FilterResult.unschedulable(REASON);
        }
      }
      return FilterResult.FITS;
    }
  }

  /** The score half (ScheduleAnyway). */
  public static final class Score implements ScorePlugin<State> {
    @Override
    public String name() {
      return "PodTopologySpread";
    }

    @Override
    public int weight() {
      return 2;
    }

    @Override
    public State prepare(PodInfo pod, ClusterSnapshot cluster, List<NodeInfo> feasible) {
      var constraints = constraints(pod, "ScheduleAnyway");
      if (constraints.isEmpty()) {
        return null;
      }
      // Only the domains of the nodes being scored matter, as upstream's PreScore: with every key the
      // hostname, each node is its own domain, so counting the scored nodes is enough; otherwise nodes of
      // domains no scored node is in are skipped.
      boolean perNode = constraints.stream().allMatch(c -> c.topologyKey().equals(HOSTNAME));
      return count(pod, constraints, cluster, perNode ? feasible : cluster.nodes(), perNode ? null : domainsOf(constraints, feasible));
    }

    @Override
    public long score(PodInfo pod, State state, NodeInfo node) {
      long sum = 0;
      for (int i = 0; i < state.constraints().size(); i++) {
        var value = node.labels().get(state.constraints().get(i).topologyKey());
        if (value == null) {
          return -1;
        }
        sum += state.counts().get(i).getOrDefault(value, 0);
      }
      return sum;
    }

    @Override
    public void normalize(long[] scores) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (var s : scores) {
        if (s >= 0) {
          min = Math.min(min, s);
          max = Math.max(max, s);
        }
      }
      for (int i = 0; i < scores.length; i++) {
        if (scores[i] < 0) {
          scores[i] = 0;
        } else {
          scores[i] = max > min ? (max - scores[i]) * 100 / (max - min) : 100;
        }
      }
    }
  }
}
