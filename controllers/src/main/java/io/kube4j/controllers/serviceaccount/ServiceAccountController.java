package io.kube4j.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kube4j.controllers.runtime.Controller;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.controllers.runtime.WorkQueue;
import java.time.Clock;

/** Keeps a {@code default} ServiceAccount in every active namespace, as upstream's service account controller. */
public final class ServiceAccountController implements Controller {

  static final String DEFAULT = "default";

  private final KubernetesClient client;
  private final SharedInformers informers;
  private final WorkQueue queue;

  public ServiceAccountController(KubernetesClient client, SharedInformers informers, Clock clock) {
    this.client = client;
    this.informers = informers;
    this.queue = WorkQueue.withDefaultRateLimiter(clock);
    informers.forType(Namespace.class).addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Namespace ns) {
        queue.add(ns.getMetadata().getName());
      }

      @Override
      public void onUpdate(Namespace old, Namespace ns) {}

      @Override
      public void onDelete(Namespace ns, boolean finalStateUnknown) {}
    });
    informers.forType(ServiceAccount.class).addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ServiceAccount sa) {}

      @Override
      public void onUpdate(ServiceAccount old, ServiceAccount sa) {}

      @Override
      public void onDelete(ServiceAccount sa, boolean finalStateUnknown) {
        if (DEFAULT.equals(sa.getMetadata().getName())) {
          queue.add(sa.getMetadata().getNamespace());
        }
      }
    });
  }

  @Override
  public String name() {
    return "serviceaccount";
  }

  @Override
  public WorkQueue queue() {
    return queue;
  }

  @Override
  public void sync(String namespace) {
    var ns = informers.get(Namespace.class, "", namespace);
    if (ns == null || ns.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    if (informers.get(ServiceAccount.class, namespace, DEFAULT) != null) {
      return;
    }
    try {
      client.serviceAccounts().inNamespace(namespace)
          .resource(new ServiceAccountBuilder().withNewMetadata().withName(DEFAULT).withNamespace(namespace).endMetadata().build())
          .create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 && e.getCode() != 403) {
        throw e; // 409: created meanwhile; 403: the namespace started terminating
      }
    }
  }
}
