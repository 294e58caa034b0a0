package io.kube4j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Toleration;
import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.ScorePlugin;
import io.kube4j.scheduler.framework.Tolerations;
import java.util.List;

/**
 * Filter: a node's NoSchedule and NoExecute taints must all be tolerated. Score: fewer untolerated
 * PreferNoSchedule taints is better.
 */
public final class TaintToleration {

  private TaintToleration() {
  }

  /** The filter half. */
  public static final class Filter implements FilterPlugin<List<Toleration>> {
    @Override
    public String name() {
      return "TaintToleration";
    }

    @Override
    public List<Toleration> prepare(PodInfo pod, ClusterSnapshot cluster) {
      var tolerations = pod.pod().getSpec().getTolerations();
      return tolerations == null ? List.of() : tolerations;
    }

    @Override
    public FilterResult filter(PodInfo pod, List<Toleration> tolerations, NodeInfo node) {
      for (var taint : node.taints()) {
        var effect = taint.getEffect();
        if (("NoSchedule".equals(effect) || "NoExecute".equals(effect)) && Tolerations.find(tolerations, taint) == null) {
          return FilterResult.unresolvable("node(s) had untolerated taint {" + taint.getKey() + ": "
              + (taint.getValue() == null ? "" : taint.getValue()) + "}");
        }
      }
      return FilterResult.FITS;
    }
  }

  /** The score half. */
  public static final class Score implements ScorePlugin<List<Toleration>> {
    @Override
    public String name() {
      return "TaintToleration";
    }

    @Override
    public int weight() {
      return 3;
    }

    @Override
    public List<Toleration> prepare(PodInfo pod, ClusterSnapshot cluster, List<NodeInfo> feasible) {
      var tolerations = pod.pod().getSpec().getTolerations();
      if (tolerations == null) {
        return List.of();
      }
      return tolerations.stream().filter(t -> t.getEffect() == null || t.getEffect().isEmpty() || "PreferNoSchedule".equals(t.getEffect())).toList();
    }

    @Override
    public long score(PodInfo pod, List<Toleration> tolerations, NodeInfo node) {
      long count = 0;
      for (var taint : node.taints()) {
        if ("PreferNoSchedule".equals(taint.getEffect()) && Tolerations.find(tolerations, taint) == null) {
          count++;
        }
      }
      return count;
    }

    @Override
    public void normalize(long[] scores) {
      ScorePlugin.scaleToMax(scores, true);
    }
  }
}
