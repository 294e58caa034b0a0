package io.kube4j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Taint;
import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.Tolerations;

/** Filter: a cordoned node ({@code spec.unschedulable}) takes only pods tolerating {@code node.kubernetes.io/unschedulable:NoSchedule}. */
public final class NodeUnschedulable implements FilterPlugin<Boolean> {

  public static final String REASON = "node(s) were unschedulable";
  private static final Taint UNSCHEDULABLE = new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null);

  @Override
  public String name() {
    return "NodeUnschedulable";
  }

  @Override
  public Boolean prepare(PodInfo pod, ClusterSnapshot cluster) {
    return Tolerations.find(pod.pod().getSpec().getTolerations(), UNSCHEDULABLE) != null;
  }

  @Override
  public FilterResult filter(PodInfo pod, Boolean tolerated, NodeInfo node) {
    return !node.unschedulable() || tolerated ? FilterResult.FITS : FilterResult.unresolvable(REASON);
  }
}
