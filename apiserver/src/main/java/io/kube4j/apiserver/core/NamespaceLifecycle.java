package io.kube4j.apiserver.core;

import io.kube4j.apiserver.ApiHandler;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import java.util.Set;

/**
 * The NamespaceLifecycle admission check: new objects go only into namespaces that exist and are not
 * terminating, and the four system namespaces cannot be deleted.
 */
public final class NamespaceLifecycle implements ApiHandler.Admission {

  private static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

  private final ResourceStore namespaces;

  public NamespaceLifecycle(ResourceStore namespaces) {
    this.namespaces = namespaces;
  }

  @Override
  public void admit(RequestInfo info, ResourceStore store) {
    if (info.verb().equals("delete") && store.definition().group().isEmpty() && store.definition().resource().equals("namespaces")) {
      checkDeletable(info.name());
      return;
    }
    if (!store.definition().namespaced() || info.namespace().isEmpty() || !info.verb().equals("create")) {
      return;
    }
    var ns = namespaces.find("", info.namespace())
        .orElseThrow(() -> ApiException.notFound("", "namespaces", info.namespace()));
    if (Metadata.terminating(ns) || "Terminating".equals(Metadata.path(ns, "status.phase"))) {
      throw new ApiException(ApiException.Reason.FORBIDDEN, 403,
          store.definition().resource() + (info.name().isEmpty() ? "" : " \"" + info.name() + "\"") + " is forbidden: unable to create new content in namespace " + info.namespace()
              + " because it is being terminated",
          new ApiException.Details(info.name(), store.definition().group(), store.definition().resource(),
              List.of(new ApiException.Cause("NamespaceTerminating", "namespace " + info.namespace() + " is being terminated", "metadata.namespace")), 0));
    }
  }

  /** Rejects deleting a namespace the cluster cannot live without. */
  private static void checkDeletable(String namespace) {
    if (IMMORTAL.contains(namespace)) {
      throw new ApiException(ApiException.Reason.FORBIDDEN, 403,
          "namespaces \"" + namespace + "\" is forbidden: this namespace may not be deleted",
          new ApiException.Details(namespace, "", "namespaces", List.of(), 0));
    }
  }
}
