package io.kube4j.apiserver.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.registry.StoreHooks;

/**
 * Graceful pod deletion, as upstream: a pod bound to a node gets its grace period (from the request,
 * else {@code spec.terminationGracePeriodSeconds}, else 30 s) so the node agent can stop it; a pod that
 * never reached a node, or already finished, is removed at once.
 */
public final class PodHooks implements StoreHooks {

  private static final long DEFAULT_GRACE_SECONDS = 30;

  @Override
  public long gracePeriod(ResourceStore store, ObjectNode pod, Long requested) {
    var phase = Metadata.path(pod, "status.phase");
    if (Metadata.path(pod, "spec.nodeName").isEmpty() || phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    if (requested != null) {
      return Math.max(0, requested);
    }
    var spec = pod.path("spec").path("terminationGracePeriodSeconds");
    return spec.canConvertToLong() ? Math.max(0, spec.asLong()) : DEFAULT_GRACE_SECONDS;
  }
}
