package io.kube4j.controllers.runtime;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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
 * before {@link #start}; handlers added later still receive the current contents as adds. Besides
 * typed informers it keeps schemaless ones per API resource (for controllers that, like the garbage
 * collector, watch every kind discovery lists). In a server the controllers, the scheduler and the node
 * lifecycle controller share one set; whoever made it stops it.
 *
 * <p>The schemaless informers list and watch through a client of their own: one with
 * {@link MetadataOnlyRequests} installed makes them metadata informers, caching only each object's
 * metadata, as upstream's garbage collector does.
 */
public final class SharedInformers implements AutoCloseable {

  /** How long a component waits for its informers' first lists before it gives up starting. */
  public static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

  private final KubernetesClient client;
  private final KubernetesClient schemalessClient;
  /** Keyed by the fabric8 class, or by {@code group/version/plural} for schemaless informers. */
  private final Map<Object, SharedIndexInformer<?>> informers = new LinkedHashMap<>();
  private boolean started;

  /** Informers over {@code client}; the schemaless ones cache whole objects. */
  public SharedInformers(KubernetesClient client) {
    this(client, client);
  }

  /**
   * Typed informers over {@code client}, schemaless ones over {@code schemalessClient}: a client with
   * {@link MetadataOnlyRequests} makes those metadata informers. The caller closes both clients.
   */
  public SharedInformers(KubernetesClient client, KubernetesClient schemalessClient) {
    this.client = client;
    this.schemalessClient = schemalessClient;
  }

  /** The shared, all-namespaces informer for {@code type}; created (not started) on first use. */
  @SuppressWarnings("unchecked")
  public synchronized <T extends HasMetadata> SharedIndexInformer<T> forType(Class<T> type) {
    return (SharedIndexInformer<T>) informers.computeIfAbsent(type,
        t -> startedIfOthersAre(client.resources(type).inAnyNamespace().runnableInformer(0)));
  }

  /**
   * The shared, all-namespaces schemaless informer for one API resource (group, version, plural, kind
   * and scope taken from {@code resource}); created on first use, and started at once when the
   * others already are. Its objects hold only metadata when the schemaless client asks for that.
   */
  @SuppressWarnings("unchecked")
  public synchronized SharedIndexInformer<GenericKubernetesResource> forResource(ResourceDefinitionContext resource) {
    return (SharedIndexInformer<GenericKubernetesResource>) informers.computeIfAbsent(resourceKey(resource),
        k -> startedIfOthersAre(schemalessClient.genericKubernetesResources(resource).inAnyNamespace().runnableInformer(0)));
  }

  /** A new informer, started at once when the others already are. */
  private SharedIndexInformer<?> startedIfOthersAre(SharedIndexInformer<?> informer) {
    if (started) {
      informer.start();
    }
    return informer;
  }

  /**
   * An informer for one API resource: the typed one when a controller already has it (so that resource is
   * watched and decoded once, not twice), else the schemaless one. Ask after the controllers that use
   * typed informers are built. Only the metadata of its objects is certain to be there.
   */
  @SuppressWarnings("unchecked")
  public synchronized SharedIndexInformer<HasMetadata> anyFor(ResourceDefinitionContext resource) {
    for (var entry : informers.entrySet()) {
      if (entry.getKey() instanceof Class<?> type && serves(type.asSubclass(HasMetadata.class), resource)) {
        return (SharedIndexInformer<HasMetadata>) entry.getValue();
      }
    }
    return (SharedIndexInformer<HasMetadata>) (SharedIndexInformer<?>) forResource(resource);
  }

  private static boolean serves(Class<? extends HasMetadata> type, ResourceDefinitionContext resource) {
    return HasMetadata.getGroup(type).equals(resource.getGroup()) && HasMetadata.getVersion(type).equals(resource.getVersion())
        && HasMetadata.getPlural(type).equals(resource.getPlural());
  }

  /**
   * Stops and forgets the schemaless informer for {@code resource} (the API server stopped serving it); a
   * typed informer some controller uses stays.
   */
  public synchronized void removeResource(ResourceDefinitionContext resource) {
    var informer = informers.remove(resourceKey(resource));
    if (informer != null) {
      informer.stop();
    }
  }

  private static String resourceKey(ResourceDefinitionContext resource) {
    return resource.getGroup() + "/" + resource.getVersion() + "/" + resource.getPlural();
  }

  /**
   * Adds the index {@code name} to {@code type}'s informer unless one of that name is there already (another
   * user of the informer asked for it first, with the same meaning, since names say what they index).
   */
  public synchronized <T extends HasMetadata> SharedIndexInformer<T> withIndex(Class<T> type, String name,
      java.util.function.Function<T, List<String>> index) {
    var informer = forType(type);
    if (!informer.getIndexer().getIndexers().containsKey(name)) {
      informer.addIndexers(Map.of(name, index));
    }
    return informer;
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

  /**
   * For a component that made these informers for itself alone: starts them and waits up to
   * {@link #SYNC_TIMEOUT} for the first lists; if they do not come, closes {@code component} (which stops
   * them) and throws.
   */
  public <T extends AutoCloseable> T startFor(T component, String what) {
    try {
      start(SYNC_TIMEOUT);
      return component;
    } catch (Exception e) {
      try {
        component.close();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("the informers of the " + what + " did not sync: " + e, e);
    }
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
