package io.kube4j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One node and the pods placed on it (bound or assumed), with the sums the filters compare against.
 * Mutated only by the scheduler cache under its lock; plugins read it during a scheduling cycle.
 */
public final class NodeInfo {

  private final String name;
  private Node node;
  private Map<String, String> labels = Map.of();
  private List<Taint> taints = List.of();
  // Read for every node the filters look at: a field here spares following node -> spec -> Boolean.
  private boolean unschedulable;
  private Resources allocatable = Resources.NONE;
  private Resources requested = Resources.NONE;
  private Resources nonZeroRequested = Resources.NONE;
  private final List<PodInfo> pods = new ArrayList<>();
  private final List<PodGroup> podGroups = new ArrayList<>();
  private final List<PodGroup> podGroupsView = Collections.unmodifiableList(podGroups);
  private int podsWithRequiredAntiAffinity;

  public NodeInfo(String name) {
    this.name = name;
  }

  /** A node built for tests and tools: the given node with the given pods on it. */
  public static NodeInfo of(Node node, PodInfo... pods) {
    var info = new NodeInfo(node.getMetadata().getName());
    info.setNode(node);
    for (var pod : pods) {
      info.addPod(pod);
    }
    return info;
  }

  public void setNode(Node node) {
    this.node = node;
    this.labels = node == null || node.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(node.getMetadata().getLabels());
    this.taints = node == null || node.getSpec() == null || node.getSpec().getTaints() == null
        ? List.of() : List.copyOf(node.getSpec().getTaints());
    this.allocatable = node == null ? Resources.NONE : Resources.allocatableOf(node);
    this.unschedulable = node != null && node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
  }

  public void addPod(PodInfo pod) {
    pods.add(pod);
    var group = group(pod.selectable());
    if (group == null) {
      podGroups.add(new PodGroup(pod.selectable()));
    } else {
      group.count++;
    }
    requested = requested.plus(pod.requests());
    nonZeroRequested = nonZeroRequested.plus(pod.nonZeroRequests());
    if (!pod.requiredAntiAffinity().isEmpty()) {
      podsWithRequiredAntiAffinity++;
    }
  }

  /** Removes the pod with this key; returns whether it was here. */
  public boolean removePod(String key) {
    for (int i = 0; i < pods.size(); i++) {
      var pod = pods.get(i);
      if (pod.key().equals(key)) {
        pods.remove(i);
        var group = group(pod.selectable());
        if (--group.count == 0) {
          podGroups.remove(group);
        }
        requested = requested.minus(pod.requests());
        nonZeroRequested = nonZeroRequested.minus(pod.nonZeroRequests());
        if (!pod.requiredAntiAffinity().isEmpty()) {
          podsWithRequiredAntiAffinity--;
        }
        return true;
      }
    }
    return false;
  }

  public String name() {
    return name;
  }

  /** The Node object, or null while only pods bound to a node not yet seen are known. */
  public Node node() {
    return node;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public List<Taint> taints() {
    return taints;
  }

  public boolean unschedulable() {
    return unschedulable;
  }

  public Resources allocatable() {
    return allocatable;
  }

  public Resources requested() {
    return requested;
  }

  public Resources nonZeroRequested() {
    return nonZeroRequested;
  }

  public List<PodInfo> pods() {
    return Collections.unmodifiableList(pods);
  }

  /**
   * The pods here grouped by namespace, labels and whether they are terminating: what selectors match, in a few
   * groups (one per ReplicaSet, say) rather than one entry per pod. A list, as groups are few and read for
   * every node in a cycle.
   */
  public List<PodGroup> podGroups() {
    return podGroupsView;
  }

  private PodGroup group(PodLabels labels) {
    for (var group : podGroups) {
      if (group.labels.equals(labels)) {
        return group;
      }
    }
    return null;
  }

  /** Pods on one node that share their {@link PodLabels}, and how many there are. */
  public static final class PodGroup {
    private final PodLabels labels;
    private int count = 1;

    private PodGroup(PodLabels labels) {
      this.labels = labels;
    }

    public PodLabels labels() {
      return labels;
    }

    public int count() {
      return count;
    }

    @Override
    public String toString() {
      return count + "×" + labels;
    }
  }

  public int podsWithRequiredAntiAffinity() {
    return podsWithRequiredAntiAffinity;
  }

  public boolean isEmpty() {
    return node == null && pods.isEmpty();
  }
}
