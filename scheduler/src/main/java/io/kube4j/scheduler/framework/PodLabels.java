package io.kube4j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/**
 * What label selectors see of a pod: its namespace, its labels, and whether it is terminating. The pods of one
 * ReplicaSet, Job or DaemonSet share one value, so a node's pods grouped by it ({@link NodeInfo#podGroups})
 * make a few groups, and topology spreading and pod affinity match each selector once per group instead of once
 * per pod. The hash is computed once: a node looks its groups up by it on every pod add and remove.
 */
public final class PodLabels {

  private final String namespace;
  private final Map<String, String> labels;
  private final boolean terminating;
  private final int hash;

  private PodLabels(String namespace, Map<String, String> labels, boolean terminating) {
    this.namespace = namespace;
    this.labels = labels;
    this.terminating = terminating;
    this.hash = (namespace.hashCode() * 31 + labels.hashCode()) * 31 + Boolean.hashCode(terminating);
  }

  /** Computed once per {@link PodInfo} ({@link PodInfo#selectable}). */
  static PodLabels of(Pod pod) {
    var labels = pod.getMetadata().getLabels();
    return new PodLabels(pod.getMetadata().getNamespace(), labels == null ? Map.of() : Map.copyOf(labels),
        pod.getMetadata().getDeletionTimestamp() != null);
  }

  public String namespace() {
    return namespace;
  }

  public Map<String, String> labels() {
    return labels;
  }

  /** Whether the pods have a deletion timestamp (topology spreading does not count them; pod affinity does, as upstream). */
  public boolean terminating() {
    return terminating;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof PodLabels other && hash == other.hash && terminating == other.terminating
        && namespace.equals(other.namespace) && labels.equals(other.labels);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return namespace + labels + (terminating ? " (terminating)" : "");
  }
}
