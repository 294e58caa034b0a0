package io.kube4j.scheduler.framework;

import java.util.List;

/** The nodes (with their pods) a scheduling cycle sees; stable for the duration of one cycle. */
public interface ClusterSnapshot {

  /** Every known node that has a Node object, in a stable order. */
  List<NodeInfo> nodes();

  /** How many pods in the cluster have a required pod anti-affinity term (lets InterPodAffinity skip work). */
  int podsWithRequiredAntiAffinity();

  /** A snapshot over a fixed list, for tests and tools. */
  static ClusterSnapshot of(List<NodeInfo> nodes) {
    var anti = nodes.stream().mapToInt(NodeInfo::podsWithRequiredAntiAffinity).sum();
    return new ClusterSnapshot() {
      @Override
      public List<NodeInfo> nodes() {
        return nodes;
      }

      @Override
      public int podsWithRequiredAntiAffinity() {
        return anti;
      }
    };
  }
}
