package io.kube4j.apiserver.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.registry.StoreHooks;

/**
 * Namespace deletion, as upstream: deleting a namespace turns it {@code Terminating}; it stays until
 * the namespace controller has emptied it and removed the {@code kubernetes} entry of
 * {@code spec.finalizers} through the {@code finalize} subresource.
 */
public final class NamespaceHooks implements StoreHooks {

  @Override
  public boolean holdsDeletion(ObjectNode namespace) {
    var finalizers = namespace.path("spec").path("finalizers");
    return finalizers.isArray() && !finalizers.isEmpty();
  }

  @Override
  public void beforeMarkDeleted(ResourceStore store, ObjectNode namespace) {
    var status = namespace.has("status") && namespace.get("status").isObject() ? (ObjectNode) namespace.get("status") : namespace.putObject("status");
    status.put("phase", "Terminating");
  }
}
