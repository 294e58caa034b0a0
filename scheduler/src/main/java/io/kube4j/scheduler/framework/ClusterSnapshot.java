package io.kube4j.scheduler.framework;

import java.util.List;

/** The nodes (with their pods) a scheduling cycle sees; stable for the duration of one cycle. */
public interface ClusterSnapshot {

  /** Every known node that has a Node object, in a stable order. */
  List<NodeInfo> nodes();

  /** How many pods in the cluster have a required pod anti-affinity term (lets InterPodAffinity skip work). */
  int podsWithRequiredAntiAffinity();

  /**
   * The value of the node label {@code key} for each of {@link #nodes()}, by position (null where a node lacks
   * it): topology spreading reads a topology key of every node in every cycle, and an array read is cheaper
   * than two map lookups per node. Callers must not change the array.
   */
  default String[] labelValues(String key) {
    var nodes = nodes();
    var values = new String[nodes.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = nodes.get(i).labels().get(key);
    }
    return values;
  }

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
