package io.kube4j.api.openapi;

import java.util.Map;

/** The descriptions of the path and query parameters the OpenAPI documents declare, in kube4j's words. */
final class ParameterDescriptions {

  private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
      Map.entry("name", "name of the object"),
      Map.entry("namespace", "object name and auth scope, such as for teams and projects"),
      Map.entry("pretty", "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget)."),
      Map.entry("allowWatchBookmarks", "Ask for BOOKMARK watch events, which carry only a resourceVersion the watch has reached. Servers may send them at any time and clients must not assume when. Ignored when watch is not true."),
      Map.entry("continue", "The continue token of a previous, limited list call, to get the next chunk of results. Only valid with the same query parameters as that call. A token whose resourceVersion was compacted fails with 410 Gone."),
      Map.entry("fieldSelector", "Restricts the returned objects to those whose fields match, e.g. metadata.name=foo or status.phase!=Running. Defaults to everything."),
      Map.entry("labelSelector", "Restricts the returned objects to those whose labels match, e.g. app=web,tier in (frontend). Defaults to everything."),
      Map.entry("limit", "The most objects to return in one list call. When more exist, the list's metadata.continue holds a token for the next chunk. The server may return fewer objects than the limit."),
      Map.entry("resourceVersion", "Constrains which resource versions a list or watch may be served from; see resourceVersionMatch. Defaults to the most recent (a consistent read)."),
      Map.entry("resourceVersionMatch", "How resourceVersion applies to a list call: Exact or NotOlderThan. Defaults to NotOlderThan when resourceVersion is set."),
      Map.entry("sendInitialEvents", "With watch=true, start the watch with synthetic ADDED events for the current state and a BOOKMARK annotated k8s.io/initial-events-end once they are all sent. Requires resourceVersionMatch=NotOlderThan."),
      Map.entry("timeoutSeconds", "Timeout for the list or watch call, in seconds."),
      Map.entry("watch", "Watch for changes to the described resources and return them as a stream of add, update and remove notifications. Specify resourceVersion."),
      Map.entry("dryRun", "When present, the modification is validated and admitted but not persisted. The only valid value is All, which runs every dry-run stage."),
      Map.entry("fieldManager", "The name of the actor making the change, recorded in metadata.managedFields. At most 128 printable characters. Required for apply patches, optional otherwise."),
      Map.entry("fieldValidation", "What to do with unknown or duplicate fields in the request body: Ignore (drop them silently), Warn (drop them and return a warning for each; the default) or Strict (fail the request with a BadRequest error naming them)."),
      Map.entry("force", "Force an apply request: take over the fields other managers own instead of failing with a conflict. Must be unset for patch types other than apply."),
      Map.entry("gracePeriodSeconds", "Seconds before the object should be deleted; a non-negative integer, zero meaning immediately. Defaults to the kind's own grace period when unset."),
      Map.entry("ignoreStoreReadErrorWithClusterBreakingPotential", "Delete an object even if it cannot be read from storage (e.g. it cannot be decoded), skipping finalizers and admission. Dangerous: use only to remove a corrupt object."),
      Map.entry("orphanDependents", "Deprecated: use propagationPolicy. Whether the object's dependents are orphaned (true) or deleted by the garbage collector (false)."),
      Map.entry("propagationPolicy", "Whether and how garbage collection deletes the object's dependents: Orphan, Background or Foreground."));

  private ParameterDescriptions() {}

  static String of(String name) {
    return DESCRIPTIONS.getOrDefault(name, "");
  }
}
