package io.kube4j.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstream's FailedScheduling message: {@code 0/N nodes are available: <count reason, ...>.} followed by
 * the preemption verdict, with reasons counted over nodes and sorted as strings.
 */
public final class FailureMessage {

  public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
  public static final String NO_VICTIMS = "No preemption victims found for incoming pod";

  private FailureMessage() {
  }

  /** The filter part: {@code 0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, 2 Insufficient cpu.} */
  public static String filters(int totalNodes, Map<String, FilterResult.Rejected> rejections) {
    var histogram = new TreeMap<String, Integer>();
    for (var r : rejections.values()) {
      for (var reason : r.reasons()) {
        histogram.merge(reason, 1, Integer::sum);
      }
    }
    return available(totalNodes, histogram);
  }

  /**
   * The preemption part, given per node whether preemption was found useless there: nodes failing an
   * unresolvable filter are "not helpful", the others had no victims.
   */
  public static String preemption(int totalNodes, Map<String, FilterResult.Rejected> rejections) {
    var histogram = new TreeMap<String, Integer>();
    for (var r : rejections.values()) {
      histogram.merge(r.unresolvable() ? NOT_HELPFUL : NO_VICTIMS, 1, Integer::sum);
    }
    return "preemption: " + available(totalNodes, histogram);
  }

  /** The full message of a failed cycle when preemption did not help. */
  public static String of(int totalNodes, Map<String, FilterResult.Rejected> rejections) {
    if (totalNodes == 0) {
      return "no nodes available to schedule pods";
    }
    return filters(totalNodes, rejections) + " " + preemption(totalNodes, rejections);
  }

  private static String available(int totalNodes, Map<String, Integer> histogram) {
    List<String> parts = new ArrayList<>();
    histogram.forEach((reason, count) -> parts.add(count + " " + reason));
    Collections.sort(parts);
    return "0/" + totalNodes + " nodes are available: " + String.join(", ", parts) + ".";
  }
}
