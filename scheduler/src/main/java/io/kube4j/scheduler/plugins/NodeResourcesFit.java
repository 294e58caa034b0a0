package io.kube4j.scheduler.plugins;

import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.ScorePlugin;
import java.util.ArrayList;
import java.util.List;

/**
 * Filter: the pod's requests fit in the node's allocatable minus what its pods already request
 * (cpu, memory, ephemeral-storage, pod count). Score: LeastAllocated over cpu and memory.
 */
public final class NodeResourcesFit {

  private NodeResourcesFit() {
  }

  /** The filter half. */
  public static final class Filter implements FilterPlugin<Boolean> {
    @Override
    public String name() {
      return "NodeResourcesFit";
    }

    @Override
    public Boolean prepare(PodInfo pod, ClusterSnapshot cluster) {
      return Boolean.TRUE;
    }

    @Override
    public FilterResult filter(PodInfo pod, Boolean unused, NodeInfo node) {
      var alloc = node.allocatable();
      var used = node.requested();
      var req = pod.requests();
      List<String> reasons = null;
      if (used.pods() + 1 > alloc.pods()) {
        reasons = add(reasons, "Too many pods");
      }
      if (req.milliCpu() > 0 && req.milliCpu() > alloc.milliCpu() - used.milliCpu()) {
        reasons = add(reasons, "Insufficient cpu");
      }
      if (req.memory() > 0 && req.memory() > alloc.memory() - used.memory()) {
        reasons = add(reasons, "Insufficient memory");
      }
      if (req.ephemeralStorage() > 0 && req.ephemeralStorage() > alloc.ephemeralStorage() - used.ephemeralStorage()) {
        reasons = add(reasons, "Insufficient ephemeral-storage");
      }
      return reasons == null ? FilterResult.FITS : new FilterResult.Rejected(List.copyOf(reasons), false);
    }

    private static List<String> add(List<String> reasons, String reason) {
      var list = reasons == null ? new ArrayList<String>() : reasons;
      list.add(reason);
      return list;
    }
  }

  /** The LeastAllocated score: the mean free fraction of cpu and memory after placing the pod, times 100. */
  public static final class LeastAllocated implements ScorePlugin<Boolean> {
    @Override
    public String name() {
      return "NodeResourcesFit";
    }

    @Override
    public int weight() {
      return 1;
    }

    @Override
    public Boolean prepare(PodInfo pod, ClusterSnapshot cluster, List<NodeInfo> feasible) {
      return Boolean.TRUE;
    }

    @Override
    public long score(PodInfo pod, Boolean unused, NodeInfo node) {
      var alloc = node.allocatable();
      var used = node.nonZeroRequested();
      var req = pod.nonZeroRequests();
      return (free(alloc.milliCpu(), used.milliCpu() + req.milliCpu()) + free(alloc.memory(), used.memory() + req.memory())) / 2;
    }

    private static long free(long capacity, long requested) {
      if (capacity == 0 || requested > capacity) {
        return 0;
      }
      return (capacity - requested) * 100 / capacity;
    }
  }
}
