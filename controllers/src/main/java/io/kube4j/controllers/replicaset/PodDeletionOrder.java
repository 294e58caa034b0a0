package io.kube4j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a ReplicaSet gives up surplus pods, as upstream's {@code ActivePodsWithRanks}
 * with logarithmic scale-down: unscheduled before scheduled; Pending before Unknown before Running;
 * not ready before ready; lower {@code controller.kubernetes.io/pod-deletion-cost} first; pods doubled
 * up on a node with more related pods first; ready for less time first; more container restarts
 * first; newer first. Times are compared in powers-of-two buckets of their age, ties broken by uid, so
 * pods of similar age are picked evenly rather than strictly newest first.
 */
public final class PodDeletionOrder {

  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

  private PodDeletionOrder() {}

  /**
   * The {@code count} pods of {@code candidates} to delete first. {@code related} are the active pods
   * of every ReplicaSet sharing the candidates' owner; they rank pods by how crowded their node is.
   */
  public static List<Pod> podsToDelete(List<Pod> candidates, List<Pod> related, int count, Instant now) {
    if (count >= candidates.size()) {
      return List.copyOf(candidates);
    }
    var sorted = new ArrayList<>(candidates);
    sorted.sort(comparator(related, now));
    return List.copyOf(sorted.subList(0, count));
  }

  /** Orders pods first-to-delete first. */
  public static Comparator<Pod> comparator(List<Pod> related, Instant now) {
    Map<String, Integer> podsOnNode = new HashMap<>();
    for (var pod : related) {
      var node = nodeName(pod);
      if (!node.isEmpty()) {
        podsOnNode.merge(node, 1, Integer::sum);
      }
    }
    Map<Pod, Integer> rank = new IdentityHashMap<>();
    return (a, b) -> compare(a, b, rank.computeIfAbsent(a, p -> podsOnNode.getOrDefault(nodeName(p), 0)),
        rank.computeIfAbsent(b, p -> podsOnNode.getOrDefault(nodeName(p), 0)), now);
  }

  static int compare(Pod a, Pod b, int rankA, int rankB, Instant now) {
    var nodeA = nodeName(a);
    var nodeB = nodeName(b);
    if (!nodeA.equals(nodeB) && (nodeA.isEmpty() || nodeB.isEmpty())) {
      return nodeA.isEmpty() ? -1 : 1;
    }
    int phase = Integer.compare(phaseOrdinal(a), phaseOrdinal(b));
    if (phase != 0) {
      return phase;
    }
    boolean readyA = PodState.isReady(a);
    boolean readyB = PodState.isReady(b);
    if (readyA != readyB) {
      return readyA ? 1 : -1;
    }
    int cost = Integer.compare(deletionCost(a), deletionCost(b));
    if (cost != 0) {
      return cost;
    }
    if (rankA != rankB) {
      return rankA > rankB ? -1 : 1;
    }
    if (readyA) {
      int readyTime = compareTimes(PodState.readySince(a), PodState.readySince(b), a, b, now);
      if (readyTime != 0) {
        return readyTime;
      }
    }
    int restarts = Integer.compare(PodState.maxContainerRestarts(b), PodState.maxContainerRestarts(a));
    if (restarts != 0) {
      return restarts;
    }
    return compareTimes(PodState.createdAt(a), PodState.createdAt(b), a, b, now);
  }

  /** Unknown time first, then newer before older, in log2 buckets of age with a uid tie-break. */
  private static int compareTimes(Instant ta, Instant tb, Pod a, Pod b, Instant now) {
    if (ta == null || tb == null) {
      if (ta == null && tb == null) {
        return 0;
      }
      return ta == null ? -1 : 1;
    }
    if (ta.equals(tb)) {
      return 0;
    }
    int bucketA = ageBucket(ta, now);
    int bucketB = ageBucket(tb, now);
    if (bucketA != bucketB) {
      return Integer.compare(bucketA, bucketB);
    }
    return uid(a).compareTo(uid(b));
  }

  /** floor(log2(age in nanoseconds)), -1 for times not in the past (upstream's logarithmic rank). */
  static int ageBucket(Instant time, Instant now) {
    long nanos = Duration.between(time, now).toNanos();
    return nanos <= 0 ? -1 : 63 - Long.numberOfLeadingZeros(nanos);
  }

  private static String uid(Pod pod) {
    var uid = pod.getMetadata().getUid();
    return uid == null ? "" : uid;
  }

  private static String nodeName(Pod pod) {
    var node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return node == null ? "" : node;
  }

  private static int phaseOrdinal(Pod pod) {
    var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return switch (phase == null ? "" : phase) {
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 0;
    };
  }

  private static int deletionCost(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    var value = annotations == null ? null : annotations.get(DELETION_COST);
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      // Upstream's validation rejects such values on write; a pod that slipped through counts as cost 0.
      return 0;
    }
  }
}
