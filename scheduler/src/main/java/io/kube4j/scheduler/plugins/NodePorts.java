package io.kube4j.scheduler.plugins;

import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.PodInfo.HostPort;
import java.util.List;

/** Filter: none of the pod's host ports is already used on the node (same protocol and port, overlapping IP). */
public final class NodePorts implements FilterPlugin<List<HostPort>> {

  public static final String REASON = "node(s) didn't have free ports for the requested pod ports";

  @Override
  public String name() {
    return "NodePorts";
  }

  @Override
  public List<HostPort> prepare(PodInfo pod, ClusterSnapshot cluster) {
    return pod.hostPorts().isEmpty() ? null : pod.hostPorts();
  }

  @Override
  public FilterResult filter(PodInfo pod, List<HostPort> wanted, NodeInfo node) {
    for (var other : node.pods()) {
      for (var used : other.hostPorts()) {
        for (var port : wanted) {
          if (port.conflictsWith(used)) {
            return FilterResult.unschedulable(REASON);
          }
        }
      }
    }
    return FilterResult.FITS;
  }
}
