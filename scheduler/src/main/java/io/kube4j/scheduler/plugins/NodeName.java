package io.kube4j.scheduler.plugins;

import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;

/** Filter: a pod that names a node ({@code spec.nodeName}) fits only that node. */
public final class NodeName implements FilterPlugin<String> {

  public static final String REASON = "node(s) didn't match the requested node name";

  @Override
  public String name() {
    return "NodeName";
  }

  @Override
  public String prepare(PodInfo pod, ClusterSnapshot cluster) {
    var name = pod.nodeName();
    return name == null || name.isEmpty() ? null : name;
  }

  @Override
  public FilterResult filter(PodInfo pod, String nodeName, NodeInfo node) {
    return nodeName.equals(node.name()) ? FilterResult.FITS : FilterResult.unresolvable(REASON);
  }
}
