package io.kube4j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.kube4j.machinery.selection.LabelSelector;
import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.ScorePlugin;
import io.kube4j.scheduler.framework.Selectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Filter: the node matches the pod's {@code nodeSelector} and one of its required node affinity terms.
 * Score: the sum of the weights of the preferred terms the node matches.
 */
public final class NodeAffinity {

  public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

  private NodeAffinity() {
  }

  /** One node selector term: its label requirements and its field requirements (only metadata.name exists). */
  public record Term(LabelSelector labels, LabelSelector fields, int weight) {
    static Term of(NodeSelectorTerm term, int weight) {
      var exprs = term.getMatchExpressions() == null ? List.<io.fabric8.kubernetes.api.model.NodeSelectorRequirement>of() : term.getMatchExpressions();
      var fields = term.getMatchFields() == null ? List.<io.fabric8.kubernetes.api.model.NodeSelectorRequirement>of() : term.getMatchFields();
      if (exprs.isEmpty() && fields.isEmpty()) {
        return new Term(LabelSelector.nothing(), LabelSelector.nothing(), weight);
      }
      return new Term(Selectors.ofNodeRequirements(exprs), Selectors.ofNodeRequirements(fields), weight);
    }

    boolean matches(NodeInfo node) {
      return labels.matches(node.labels()) && fields.matches(Map.of("metadata.name", node.name()));
    }
  }

  /** What a pod requires of its node: the nodeSelector labels and the OR-ed required terms (null: none). */
  public record Required(Map<String, String> nodeSelector, List<Term> terms) {
    public boolean matches(NodeInfo node) {
      var labels = node.labels();
      for (var e : nodeSelector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return false;
        }
      }
      if (terms == null) {
        return true;
      }
      for (var t : terms) {
        if (t.matches(node)) {
          return true;
        }
      }
      return false;
    }

    /** The pod's requirements, or null when it has none. */
    public static Required of(Pod pod) {
      var spec = pod.getSpec();
      var selector = spec.getNodeSelector() == null ? Map.<String, String>of() : spec.getNodeSelector();
      List<Term> terms = null;
      var affinity = spec.getAffinity() == null ? null : spec.getAffinity().getNodeAffinity();
      if (affinity != null && affinity.getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
        terms = new ArrayList<>();
        for (var t : affinity.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
          terms.add(Term.of(t, 0));
        }
      }
      return selector.isEmpty() && terms == null ? null : new Required(selector, terms);
    }
  }

  /** The filter half. */
  public static final class Filter implements FilterPlugin<Required> {
    @Override
    public String name() {
      return "NodeAffinity";
    }

    @Override
    public Required prepare(PodInfo pod, ClusterSnapshot cluster) {
      return Required.of(pod.pod());
    }

    @Override
    public FilterResult filter(PodInfo pod, Required required, NodeInfo node) {
      return required.matches(node) ? FilterResult.FITS : FilterResult.unresolvable(REASON);
    }
  }

  /** The score half: preferredDuringSchedulingIgnoredDuringExecution. */
  public static final class Score implements ScorePlugin<List<Term>> {
    @Override
    public String name() {
      return "NodeAffinity";
    }

    @Override
    public int weight() {
      return 2;
    }

    @Override
    public List<Term> prepare(PodInfo pod, ClusterSnapshot cluster, List<NodeInfo> feasible) {
      var affinity = pod.pod().getSpec().getAffinity() == null ? null : pod.pod().getSpec().getAffinity().getNodeAffinity();
      if (affinity == null || affinity.getPreferredDuringSchedulingIgnoredDuringExecution() == null
          || affinity.getPreferredDuringSchedulingIgnoredDuringExecution().isEmpty()) {
        return null;
      }
      return affinity.getPreferredDuringSchedulingIgnoredDuringExecution().stream()
          .map(p -> Term.of(p.getPreference(), p.getWeight() == null ? 0 : p.getWeight())).toList();
    }

    @Override
    public long score(PodInfo pod, List<Term> terms, NodeInfo node) {
      long sum = 0;
      for (var t : terms) {
        if (t.matches(node)) {
          sum += t.weight();
        }
      }
      return sum;
    }

    @Override
    public void normalize(long[] scores) {
      ScorePlugin.scaleToMax(scores, false);
    }
  }
}
