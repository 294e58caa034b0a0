package io.kube4j.scheduler.framework;

import java.util.List;

/** The outcome of one Filter plugin on one node: fits, or rejected with upstream's reason strings. */
public sealed interface FilterResult {

  FilterResult FITS = new Fits();

  /** The node passes this filter. */
  record Fits() implements FilterResult {
  }

  /**
   * The node fails this filter. {@code unresolvable} marks upstream's UnschedulableAndUnresolvable:
   * evicting pods from the node (preemption) could not make it fit.
   */
  record Rejected(List<String> reasons, boolean unresolvable) implements FilterResult {
  }

  static FilterResult unschedulable(String... reasons) {
    return new Rejected(List.of(reasons), false);
  }

  static FilterResult unresolvable(String reason) {
    return new Rejected(List.of(reason), true);
  }
}
