package io.kube4j.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's view of the cluster: nodes and the pods on them, bound (seen by the informer) or
 * assumed (placed by this scheduler, binding not yet observed). An assumed pod counts at once, so the
 * next cycle does not double-book its node; it is forgotten when binding fails, or expires when the
 * binding succeeded but the informer never confirmed it. Callers hold the cache's monitor
 * ({@code synchronized (cache)}) while they read it as a {@link ClusterSnapshot}; every method here takes it too.
 */
public final class SchedulerCache implements ClusterSnapshot {

  static final Duration ASSUMED_TTL = Duration.ofSeconds(30);

  private record Placement(PodInfo pod, String node, boolean assumed, Instant bindFinished) {
  }

  private final Clock clock;
  private final Map<String, NodeInfo> nodes = new HashMap<>();
  private final Map<String, Placement> pods = new HashMap<>();
  private List<NodeInfo> nodeList = List.of();
  private boolean nodeListStale;
  /** {@link #labelValues} per label key, for the current {@link #nodeList}; emptied when it or a node's labels change. */
  private final Map<String, String[]> labelValues = new HashMap<>();
  private int podsWithRequiredAntiAffinity;

  public SchedulerCache(Clock clock) {
    this.clock = clock;
  }

  public synchronized void upsertNode(Node node) {
    var name = node.getMetadata().getName();
    var info = nodes.computeIfAbsent(name, NodeInfo::new);
    if (info.node() == null) {
      nodeListStale = true;
    }
    var labelsBefore = info.labels();
    info.setNode(node);
    if (!labelsBefore.equals(info.labels())) {
      labelValues.clear();
    }
  }

  public synchronized void removeNode(String name) {
    var info = nodes.get(name);
    if (info == null) {
      return;
    }
    info.setNode(null);
    if (info.isEmpty()) {
      nodes.remove(name);
    }
    nodeListStale = true;
  }

  /** A pod the informer shows bound to a node: confirms an assumed pod, or adds/updates it. */
  public synchronized void upsertBoundPod(PodInfo pod) {
    removePlacement(pod.key());
    place(new Placement(pod, pod.nodeName(), false, null));
  }

  /** A bound pod deleted or finished: it no longer uses its node. */
  public synchronized void removePod(String key) {
    removePlacement(key);
  }

  /** Counts the pod on {@code node} before its binding is confirmed. */
  public synchronized void assume(PodInfo pod, String node) {
    removePlacement(pod.key());
    place(new Placement(pod, node, true, null));
  }

  /** Binding succeeded: the assumed pod now waits (at most {@link #ASSUMED_TTL}) for the informer to confirm it. */
  public synchronized void finishBinding(String key) {
    var p = pods.get(key);
    if (p != null && p.assumed()) {
      pods.put(key, new Placement(p.pod(), p.node(), true, clock.instant()));
    }
  }

  /** Binding failed: the assumed pod no longer uses its node. */
  public synchronized void forget(String key) {
    var p = pods.get(key);
    if (p != null && p.assumed()) {
      removePlacement(key);
    }
  }

  /** Whether the pod is already placed (assumed or bound), so it must not be scheduled again. */
  public synchronized boolean isPlaced(String key) {
    return pods.containsKey(key);
  }

  /** Drops assumed pods whose binding succeeded longer than the TTL ago without the informer confirming it. */
  public synchronized void expireAssumed() {
    var now = clock.instant();
    var expired = new ArrayList<String>();
    pods.forEach((key, p) -> {
      if (p.assumed() && p.bindFinished() != null && p.bindFinished().plus(ASSUMED_TTL).isBefore(now)) {
        expired.add(key);
      }
    });
    expired.forEach(this::removePlacement);
  }

  public synchronized NodeInfo node(String name) {
    return nodes.get(name);
  }

  @Override
  public synchronized List<NodeInfo> nodes() {
    if (nodeListStale) {
      var list = new ArrayList<NodeInfo>();
      for (var info : nodes.values()) {
        if (info.node() != null) {
          list.add(info);
        }
      }
      list.sort((a, b) -> a.name().compareTo(b.name()));
      nodeList = List.copyOf(list);
      nodeListStale = false;
      labelValues.clear();
    }
    return nodeList;
  }

  @Override
  public synchronized String[] labelValues(String key) {
    nodes(); // rebuilds a stale node list first, which empties the cache
    return labelValues.computeIfAbsent(key, k -> ClusterSnapshot.super.labelValues(k));
  }

  @Override
  public synchronized int podsWithRequiredAntiAffinity() {
    return podsWithRequiredAntiAffinity;
  }

  private void place(Placement p) {
    pods.put(p.pod().key(), p);
    nodes.computeIfAbsent(p.node(), NodeInfo::new).addPod(p.pod());
    if (!p.pod().requiredAntiAffinity().isEmpty()) {
      podsWithRequiredAntiAffinity++;
    }
  }

  private void removePlacement(String key) {
    var p = pods.remove(key);
    if (p == null) {
      return;
    }
    var info = nodes.get(p.node());
    if (info != null) {
      info.removePod(key);
      if (info.isEmpty()) {
        nodes.remove(p.node());
      }
    }
    if (!p.pod().requiredAntiAffinity().isEmpty()) {
      podsWithRequiredAntiAffinity--;
    }
  }
}
