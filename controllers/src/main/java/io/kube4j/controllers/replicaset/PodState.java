package io.kube4j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;

/** What controllers read from a pod's status: active, ready since when, available. */
public final class PodState {

  private PodState() {}

  /** Not terminated and not being deleted: counts towards a controller's replicas. */
  public static boolean isActive(Pod pod) {
    var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
  }

  private static PodCondition readyCondition(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    for (var condition : pod.getStatus().getConditions()) {
      if ("Ready".equals(condition.getType())) {
        return condition;
      }
    }
    return null;
  }

  public static boolean isReady(Pod pod) {
    var ready = readyCondition(pod);
    return ready != null && "True".equals(ready.getStatus());
  }

  /** When the pod last became ready, or {@code null} when it is not ready or the time is unknown. */
  public static Instant readySince(Pod pod) {
    var ready = readyCondition(pod);
    if (ready == null || !"True".equals(ready.getStatus()) || ready.getLastTransitionTime() == null) {
      return null;
    }
    return Instant.parse(ready.getLastTransitionTime());
  }

  /** Ready for at least {@code minReadySeconds} at {@code now}. */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    var since = readySince(pod);
    return since != null && !since.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now);
  }

  public static Instant createdAt(Pod pod) {
    var created = pod.getMetadata().getCreationTimestamp();
    return created == null ? null : Instant.parse(created);
  }

  public static int maxContainerRestarts(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return 0;
    }
    int max = 0;
    for (var status : pod.getStatus().getContainerStatuses()) {
      if (status.getRestartCount() != null) {
        max = Math.max(max, status.getRestartCount());
      }
    }
    return max;
  }
}
