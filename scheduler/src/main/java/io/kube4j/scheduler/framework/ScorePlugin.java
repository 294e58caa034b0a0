package io.kube4j.scheduler.framework;

import java.util.List;

/**
 * A Score plugin: ranks the nodes that passed every filter. {@link #prepare} runs once per pod (it may
 * return {@code null} to skip the plugin for this pod); {@link #score} once per feasible node;
 * {@link #normalize} turns the raw scores into 0..100 (upstream's NormalizeScore), which the
 * framework then multiplies by {@link #weight}.
 *
 * @param <S> the per-pod state computed by {@link #prepare}
 */
public interface ScorePlugin<S> {

  String name();

  int weight();

  S prepare(PodInfo pod, ClusterSnapshot cluster, List<NodeInfo> feasible);

  long score(PodInfo pod, S state, NodeInfo node);

  default void normalize(long[] scores) {
  }

  /** Scales scores so the highest becomes 100 (upstream's DefaultNormalizeScore); reversed: the lowest becomes 100. */
  static void scaleToMax(long[] scores, boolean reverse) {
    long max = 0;
    for (var s : scores) {
      max = Math.max(max, s);
    }
    for (int i = 0; i < scores.length; i++) {
      if (max == 0) {
        scores[i] = reverse ? 100 : 0;
      } else {
        var scaled = scores[i] * 100 / max;
        scores[i] = reverse ? 100 - scaled : scaled;
      }
    }
  }
}
