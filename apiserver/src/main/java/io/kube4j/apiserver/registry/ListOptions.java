package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;

/**
 * How to list: a filter (label and field selectors, already parsed), page size and continue token,
 * and the resourceVersion semantics of the request.
 *
 * @param filter which objects to return
 * @param filtered whether the filter is not "everything" (then {@code remainingItemCount} is not reported)
 * @param limit page size, 0 for all
 * @param continueToken the token of the previous page, or empty
 * @param resourceVersion the requested resourceVersion, or empty
 * @param resourceVersionMatch {@code NotOlderThan}, {@code Exact}, or empty
 */
public record ListOptions(
    Predicate<ObjectNode> filter, boolean filtered, long limit, String continueToken, String resourceVersion, String resourceVersionMatch) {

  public static ListOptions all() {
    return new ListOptions(o -> true, false, 0, "", "", "");
  }
}
