package io.kube4j.controllers.namespace;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kube4j.controllers.runtime.Controller;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.controllers.runtime.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Empties a namespace that is being deleted, as upstream's namespace controller: deletes every
 * namespaced object in it (every resource discovery lists with {@code deletecollection}), waits
 * until none is left (pods may take their grace period), then removes the {@code kubernetes}
 * finalizer through {@code namespaces/NAME/finalize}, upon which the API server removes the namespace.
 */
public final class NamespaceController implements Controller {

  static final String FINALIZER = "kubernetes";
  private static final Duration RECHECK = Duration.ofSeconds(2);
  private static final Duration DISCOVERY_TTL = Duration.ofSeconds(30);

  private final KubernetesClient client;
  private final SharedInformers informers;
  private final Clock clock;
  private final WorkQueue queue;
  private volatile List<ResourceDefinitionContext> resources = List.of();
  private volatile Instant discoveredAt = Instant.MIN;

  public NamespaceController(KubernetesClient client, SharedInformers informers, Clock clock) {
    this.client = client;
    this.informers = informers;
    this.clock = clock;
    this.queue = WorkQueue.withDefaultRateLimiter(clock);
    informers.forType(Namespace.class).addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Namespace ns) {
        enqueueIfTerminating(ns);
      }

      @Override
      public void onUpdate(Namespace old, Namespace ns) {
        enqueueIfTerminating(ns);
      }

      @Override
      public void onDelete(Namespace ns, boolean finalStateUnknown) {}
    });
  }

  private void enqueueIfTerminating(Namespace ns) {
    if (ns.getMetadata().getDeletionTimestamp() != null) {
      queue.add(ns.getMetadata().getName());
    }
  }

  @Override
  public String name() {
    return "namespace";
  }

  @Override
  public WorkQueue queue() {
    return queue;
  }

  @Override
  public void sync(String name) {
    var ns = informers.get(Namespace.class, "", name);
    if (ns == null || ns.getMetadata().getDeletionTimestamp() == null) {
      return;
    }
    var finalizers = ns.getSpec() == null || ns.getSpec().getFinalizers() == null ? List.<String>of() : ns.getSpec().getFinalizers();
    if (!finalizers.contains(FINALIZER)) {
      return;
    }
    long remaining = deleteContent(name);
    if (remaining > 0) {
      queue.addAfter(name, RECHECK);
      return;
    }
    var remainingFinalizers = new ArrayList<>(finalizers);
    remainingFinalizers.remove(FINALIZER);
    var body = new java.util.LinkedHashMap<String, Object>();
    body.put("apiVersion", "v1");
    body.put("kind", "Namespace");
    body.put("metadata", java.util.Map.of("name", name, "resourceVersion", ns.getMetadata().getResourceVersion()));
    body.put("spec", java.util.Map.of("finalizers", remainingFinalizers));
    try {
      client.raw("/api/v1/namespaces/" + name + "/finalize", "PUT", body);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** Deletes everything in the namespace; returns how many objects are still there. */
  private long deleteContent(String namespace) {
    long remaining = 0;
    for (var resource : namespacedResources()) {
      var objects = client.genericKubernetesResources(resource).inNamespace(namespace);
      try {
        var items = objects.list().getItems();
        if (items.isEmpty()) {
          continue;
        }
        objects.delete();
        remaining += objects.list().getItems().size();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 405) {
          throw e;
        }
      }
    }
    return remaining;
  }

  /** Every namespaced resource that can be listed and deleted, from discovery (cached briefly). */
  private List<ResourceDefinitionContext> namespacedResources() {
    var now = clock.instant();
    if (Duration.between(discoveredAt, now).compareTo(DISCOVERY_TTL) < 0) {
      return resources;
    }
    var found = new ArrayList<ResourceDefinitionContext>();
    var groupVersions = new ArrayList<String>();
    groupVersions.add("v1");
    for (var group : client.getApiGroups().getGroups()) {
      groupVersions.add(group.getPreferredVersion().getGroupVersion());
    }
    for (var gv : groupVersions) {
      var list = client.getApiResources(gv);
      if (list == null) {
        continue;
      }
      for (APIResource r : list.getResources()) {
        if (Boolean.TRUE.equals(r.getNamespaced()) && !r.getName().contains("/") && r.getVerbs().contains("list")
            && r.getVerbs().contains("deletecollection")) {
          var slash = gv.indexOf('/');
          found.add(new ResourceDefinitionContext.Builder()
              .withGroup(slash < 0 ? "" : gv.substring(0, slash))
              .withVersion(slash < 0 ? gv : gv.substring(slash + 1))
              .withPlural(r.getName())
              .withKind(r.getKind())
              .withNamespaced(true)
              .build());
        }
      }
    }
    resources = List.copyOf(found);
    discoveredAt = now;
    return resources;
  }
}
