package io.kube4j.controllers.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One list+watch cache per resource kind, shared by every controller that asks for it (as client-go's
 * shared informer factory). Built on fabric8's {@link SharedIndexInformer}, which lists, watches from
 * the list's resourceVersion and relists when the server answers 410 Gone. Controllers add handlers
 * before {@link #start}; handlers added later still receive the current contents as adds.
 */
public final class SharedInformers implements AutoCloseable {

  private final KubernetesClient client;
  private final Map<Class<?>, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
  private boolean started;

  public SharedInformers(KubernetesClient client) {
    this.client = client;
  }

  /** The shared, all-namespaces informer for {@code type}; created (not started) on first use. */
  @SuppressWarnings("unchecked")
  public synchronized <T extends HasMetadata> SharedIndexInformer<T> forType(Class<T> type) {
    return (SharedIndexInformer<T>) informers.computeIfAbsent(type, t -> {
      var informer = client.resources(type).inAnyNamespace().runnableInformer(0);
      if (started) {
        informer.start();
      }
      return informer;
    });
  }

  /** The cached objects of {@code type} in {@code namespace}. */
  public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
    return forType(type).getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
  }

  /** The cached object {@code namespace/name}, or {@code null}. */
  public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
    return forType(type).getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
  }

  /** Starts every informer and waits until each has listed once. */
  public void start(Duration timeout) throws Exception {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    synchronized (this) {
      started = true;
      for (var informer : informers.values()) {
        futures.add(informer.start().toCompletableFuture());
      }
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether every informer has completed its first list. */
  public synchronized boolean hasSynced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::stop);
  }
}
