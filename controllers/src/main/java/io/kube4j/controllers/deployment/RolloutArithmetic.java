package io.kube4j.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import java.util.Objects;

/**
 * The numbers of a rolling update, as upstream computes them: {@code maxSurge} percentages round
 * up, {@code maxUnavailable} percentages round down, and when both come out as zero one pod may be
 * unavailable so the rollout can move at all.
 */
public final class RolloutArithmetic {

  /** Resolved {@code maxSurge} and {@code maxUnavailable} for a given replica count. */
  public record Fenceposts(int maxSurge, int maxUnavailable) {}

  private RolloutArithmetic() {}

  /** An int, or a percentage of {@code total} rounded up or down. */
  public static int scaledValue(IntOrString value, int total, boolean roundUp) {
    if (value == null) {
      return 0;
    }
    if (value.getIntVal() != null) {
      return value.getIntVal();
    }
    var text = value.getStrVal();
    if (text == null || !text.endsWith("%")) {
      // The API server's validation rejects these; a value that slipped past means nothing may move.
      throw new IllegalArgumentException("invalid value for IntOrString: " + text + " (expected an integer or a percentage)");
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    long scaled = (long) percent * total;
    return (int) (roundUp ? Math.ceilDiv(scaled, 100) : Math.floorDiv(scaled, 100));
  }

  public static Fenceposts resolve(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
    int surge = scaledValue(maxSurge, desired, true);
    int unavailable = scaledValue(maxUnavailable, desired, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new Fenceposts(surge, unavailable);
  }

  static boolean isRollingUpdate(Deployment d) {
    var strategy = d.getSpec().getStrategy();
    return strategy == null || strategy.getType() == null || "RollingUpdate".equals(strategy.getType());
  }

  static Fenceposts fenceposts(Deployment d) {
    var rolling = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
    var surge = rolling == null ? new IntOrString("25%") : rolling.getMaxSurge();
    var unavailable = rolling == null ? new IntOrString("25%") : rolling.getMaxUnavailable();
    return resolve(surge, unavailable, replicas(d));
  }

  /** {@code maxSurge} resolved against the Deployment's replicas; 0 for Recreate. */
  public static int maxSurge(Deployment d) {
    if (!isRollingUpdate(d)) {
      return 0;
    }
    return fenceposts(d).maxSurge();
  }

  /** {@code maxUnavailable} resolved, never more than the replicas; 0 for Recreate or no replicas. */
  public static int maxUnavailable(Deployment d) {
    if (!isRollingUpdate(d) || replicas(d) == 0) {
      return 0;
    }
    return Math.min(fenceposts(d).maxUnavailable(), replicas(d));
  }

  static int replicas(Deployment d) {
    return Objects.requireNonNullElse(d.getSpec().getReplicas(), 1);
  }

  static int specReplicas(ReplicaSet rs) {
    return rs == null ? 0 : Objects.requireNonNullElse(rs.getSpec().getReplicas(), 1);
  }

  static int sumSpecReplicas(List<ReplicaSet> sets) {
    return sets.stream().mapToInt(RolloutArithmetic::specReplicas).sum();
  }

  /**
   * The available pods a ReplicaSet can be counted on to keep: its status, but never more than its
   * spec. Right after a scale-down the ReplicaSet's status still counts the pods it is about to delete
   * (its controller writes status from the pods it saw before deleting), and counting those would let
   * the next scale-down step take the rollout below {@code maxUnavailable}.
   */
  static int availableWithinSpec(ReplicaSet rs) {
    if (rs == null || rs.getStatus() == null) {
      return 0;
    }
    return Math.min(Objects.requireNonNullElse(rs.getStatus().getAvailableReplicas(), 0), specReplicas(rs));
  }

  static int sumAvailableWithinSpec(List<ReplicaSet> sets) {
    return sets.stream().mapToInt(RolloutArithmetic::availableWithinSpec).sum();
  }

  static int sumStatus(List<ReplicaSet> sets, java.util.function.Function<io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus, Integer> field) {
    int sum = 0;
    for (var rs : sets) {
      if (rs != null && rs.getStatus() != null) {
        sum += Objects.requireNonNullElse(field.apply(rs.getStatus()), 0);
      }
    }
    return sum;
  }

  /**
   * How many replicas the new ReplicaSet should have now: for a rolling update as many as fit
   * under {@code replicas + maxSurge} given every ReplicaSet's size, never more than {@code replicas};
   * for Recreate simply {@code replicas}.
   */
  public static int newReplicaSetReplicas(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    if (!isRollingUpdate(d)) {
      return replicas(d);
    }
    int surge = fenceposts(d).maxSurge();
    int current = sumSpecReplicas(all);
    int maxTotal = replicas(d) + surge;
    if (current >= maxTotal) {
      return specReplicas(newRs);
    }
    int scaleUp = Math.min(maxTotal - current, replicas(d) - specReplicas(newRs));
    return specReplicas(newRs) + scaleUp;
  }

  /**
   * How many old replicas may go now without dropping below {@code replicas - maxUnavailable}
   * available pods, counting the new ReplicaSet's not-yet-available pods as already unavailable.
   */
  public static int maxOldScaleDown(int allSpecReplicas, int replicas, int maxUnavailable, int newSpecReplicas,
      int newAvailable) {
    int minAvailable = replicas - maxUnavailable;
    int newUnavailable = newSpecReplicas - newAvailable;
    return allSpecReplicas - minAvailable - newUnavailable;
  }
}
