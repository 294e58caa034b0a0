package io.kube4j.controllers.garbagecollector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kube4j.controllers.runtime.ApiErrors;
import io.kube4j.controllers.runtime.Controller;
import io.kube4j.controllers.runtime.EventRecorder;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.controllers.runtime.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' garbage collector: deletes objects whose owners are all gone, and carries out the
 * {@code orphan} and {@code foregroundDeletion} finalizers the API server puts on an owner deleted
 * with {@code propagationPolicy} Orphan or Foreground.
 *
 * <p>Informers over every resource discovery lists with list, watch and delete (events excepted)
 * feed a {@link DependencyGraph} keyed by uid; graph changes queue uids to examine. Every decision
 * is checked against the API server first: an owner counts as absent only when a live read finds no
 * object with its uid, and deletions carry a uid precondition, so a dependent whose owner the
 * informers have not seen yet is never collected.
 *
 * <ul>
 *   <li>{@code delete/UID}: if all of the object's owners are absent, delete it (Background, or the
 *       policy its own finalizers ask for); if some remain, patch away the references to the absent
 *       ones. An owner deleting in foreground makes its dependents go first: a dependent with
 *       dependents of its own is deleted in foreground too. For an owner deleting in foreground, drop
 *       the {@code foregroundDeletion} finalizer once no dependent with {@code blockOwnerDeletion}
 *       remains.
 *   <li>{@code orphan/UID}: remove the owner's reference from each dependent, then its
 *       {@code orphan} finalizer.
 *   <li>{@code discovery}: every 30 s, watch resources that appeared (custom resources), stop
 *       watching those that went away.
 * </ul>
 */
public final class GarbageCollector implements Controller {

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String DISCOVERY_KEY = "discovery";
  static final String DELETE_PREFIX = "delete/";
  static final String ORPHAN_PREFIX = "orphan/";
  /** How often discovery is read again, as upstream's controller manager has its collector do. */
  static final Duration DISCOVERY_PERIOD = Duration.ofSeconds(30);
  /**
   * How soon a virtual node that proved to exist is first checked again, until an informer reports
   * it; the wait doubles on each check up to {@link #UNOBSERVED_RECHECK_MAX} (an owner of a kind no
   * informer watches is never reported).
   */
  static final Duration UNOBSERVED_RECHECK = Duration.ofSeconds(1);
  static final Duration UNOBSERVED_RECHECK_MAX = Duration.ofMinutes(5);
  private static final int CONFLICT_RETRIES = 5;

  private final ClusterObjects cluster;
  private final ResourceMonitors monitors;
  private final WorkQueue queue;
  private final DependencyGraph graph;
  private final Set<ResourceType> monitored = new HashSet<>();
  /** How many times each still-virtual node was found to exist. */
  private final Map<String, Integer> unobservedChecks = new ConcurrentHashMap<>();
  private volatile ResourceCatalog catalog;

  /** Watches what the API server serves now (one discovery round trip) through {@code informers}. */
  public GarbageCollector(KubernetesClient client, SharedInformers informers, EventRecorder events, Clock clock) {
    this(new KubernetesClusterObjects(client, events), ResourceMonitors.of(informers), clock);
  }

  GarbageCollector(ClusterObjects cluster, ResourceMonitors monitors, Clock clock) {
    this.cluster = cluster;
    this.monitors = monitors;
    this.queue = WorkQueue.withDefaultRateLimiter(clock);
    this.graph = new DependencyGraph(new DependencyGraph.Actions() {
      @Override
      public void attemptToDelete(String uid) {
        queue.add(DELETE_PREFIX + uid);
      }

      @Override
      public void attemptToOrphan(String uid) {
        queue.add(ORPHAN_PREFIX + uid);
      }

      @Override
      public void invalidOwnerNamespace(ObjectIdentity dependent, OwnerReference owner) {
        cluster.warn(dependent, "OwnerRefInvalidNamespace", "ownerRef " + ObjectIdentity.ofOwner(owner, dependent.namespace())
            + " does not exist in namespace \"" + dependent.namespace() + "\"");
      }
    });
    refreshDiscovery();
    queue.addAfter(DISCOVERY_KEY, DISCOVERY_PERIOD);
  }

  @Override
  public String name() {
    return "garbagecollector";
  }

  @Override
  public WorkQueue queue() {
    return queue;
  }

  DependencyGraph graph() {
    return graph;
  }

  @Override
  public void sync(String key) {
    if (key.equals(DISCOVERY_KEY)) {
      refreshDiscovery();
      queue.addAfter(DISCOVERY_KEY, DISCOVERY_PERIOD);
    } else if (key.startsWith(DELETE_PREFIX)) {
      attemptToDelete(key.substring(DELETE_PREFIX.length()));
    } else if (key.startsWith(ORPHAN_PREFIX)) {
      attemptToOrphan(key.substring(ORPHAN_PREFIX.length()));
    } else {
      throw new IllegalArgumentException("not a garbage collector key: " + key);
    }
  }

  // ---- monitors

  private synchronized void refreshDiscovery() {
    var discovered = cluster.discover();
    catalog = discovered;
    var wanted = new HashSet<>(discovered.collectable());
    for (var type : List.copyOf(monitored)) {
      if (!wanted.contains(type)) {
        LOG.info("garbage collector: no longer watching {}", type);
        monitors.unwatch(type);
        monitored.remove(type);
      }
    }
    for (var type : discovered.collectable()) {
      if (monitored.add(type)) {
        monitors.watch(type, graph);
      }
    }
  }

  private ResourceType resolve(String apiVersion, String kind) {
    return catalog.resolve(apiVersion, kind).orElseThrow(() -> new IllegalStateException(
        "the API server serves no resource for kind " + kind + " in " + apiVersion + " (retrying: it may be a custom resource not discovered yet)"));
  }

  // ---- attemptToDelete

  private enum Reference { SOLID, DANGLING, WAITING_FOR_DEPENDENTS }

  private void attemptToDelete(String uid) {
    var found = graph.node(uid);
    if (found.isEmpty() || found.get().observed()) {
      unobservedChecks.remove(uid);
    }
    if (found.isEmpty()) {
      return;
    }
    var item = found.get();
    var identity = item.identity();
    if (item.beingDeleted() && !item.deletingDependents()) {
      return; // on its way out; its deletion will re-queue its dependents
    }
    var type = resolve(identity.apiVersion(), identity.kind());
    if (type.namespaced() && !identity.namespaced()) {
      // A virtual owner made from a cluster-scoped dependent naming a namespaced kind: that reference
      // can never resolve, and upstream leaves such dependents alone rather than call the owner absent.
      return;
    }
    var latest = read(type, identity.namespace(), identity.name());
    if (latest == null || !uid.equals(latest.getUid())) {
      unobservedChecks.remove(uid);
      graph.confirmAbsent(identity);
      return;
    }
    if (item.deletingDependents()) {
      processDeletingDependents(item, type);
    } else {
      collectIfOwnersGone(item, type, latest);
    }
    if (!item.observed()) {
      // Exists, but no informer has reported it yet: look again so a node for an object created and
      // deleted while a watch was down cannot linger (upstream issue 56121).
      int checks = unobservedChecks.merge(uid, 1, Integer::sum);
      var delay = UNOBSERVED_RECHECK.multipliedBy(1L << Math.min(checks - 1, 16));
      queue.addAfter(DELETE_PREFIX + uid, delay.compareTo(UNOBSERVED_RECHECK_MAX) < 0 ? delay : UNOBSERVED_RECHECK_MAX);
    }
  }

  private void collectIfOwnersGone(DependencyGraph.Snapshot item, ResourceType type, ObjectMeta latest) {
    var identity = item.identity();
    var references = DependencyGraph.ownerReferences(latest);
    if (references.isEmpty()) {
      return;
    }
    var solid = new ArrayList<OwnerReference>();
    var dangling = new ArrayList<OwnerReference>();
    var waiting = new ArrayList<OwnerReference>();
    for (var ref : references) {
      var standing = classify(identity, ref);
      if (standing == null) {
        LOG.info("garbage collector: cluster-scoped {} names namespaced owner {} {}; ignoring it", identity, ref.getKind(), ref.getName());
        return;
      }
      switch (standing) {
        case SOLID -> solid.add(ref);
        case DANGLING -> dangling.add(ref);
        case WAITING_FOR_DEPENDENTS -> waiting.add(ref);
      }
    }
    if (!solid.isEmpty()) {
      if (dangling.isEmpty() && waiting.isEmpty()) {
        return;
      }
      // References to owners deleting in foreground go too, or those owners would wait forever.
      var drop = new HashSet<String>();
      dangling.forEach(r -> drop.add(r.getUid()));
      waiting.forEach(r -> drop.add(r.getUid()));
      LOG.debug("garbage collector: removing references to {} from {}", drop, identity);
      var remaining = references.stream().filter(r -> !drop.contains(r.getUid())).toList();
      patchOwnerReferences(type, identity, latest.getResourceVersion(), remaining);
      return;
    }
    String policy;
    if (!waiting.isEmpty() && !item.dependents().isEmpty()) {
      if (item.dependents().stream().anyMatch(DependencyGraph.Dependent::deletingDependents)) {
        // An owner and a dependent both wait for their dependents: stop blocking the owners to break a possible cycle.
        var unblocked = references.stream().map(r -> Boolean.TRUE.equals(r.getBlockOwnerDeletion())
            ? new OwnerReferenceBuilder(r).withBlockOwnerDeletion(false).build() : r).toList();
        patchOwnerReferences(type, identity, latest.getResourceVersion(), unblocked);
      }
      policy = "Foreground"; // its own dependents go first, then it, then the waiting owner
    } else if (DependencyGraph.hasFinalizer(latest, DependencyGraph.ORPHAN_FINALIZER)) {
      policy = "Orphan";
    } else if (DependencyGraph.hasFinalizer(latest, DependencyGraph.FOREGROUND_FINALIZER)) {
      policy = "Foreground";
    } else {
      policy = "Background";
    }
    LOG.debug("garbage collector: deleting {} ({}), its owners are gone", identity, policy);
    deleteObject(type, identity, latest, policy);
  }

  /** How one owner reference stands, by a live read; {@code null} for a namespaced owner of a cluster-scoped object. */
  private Reference classify(ObjectIdentity dependent, OwnerReference ref) {
    var clusterScopedKey = ObjectIdentity.ofOwner(ref, "");
    var namespacedKey = ObjectIdentity.ofOwner(ref, dependent.namespace());
    if (graph.knownAbsent(clusterScopedKey) || graph.knownAbsent(namespacedKey)) {
      return Reference.DANGLING;
    }
    var type = resolve(ref.getApiVersion(), ref.getKind());
    if (type.namespaced() && !dependent.namespaced()) {
      return null;
    }
    // A namespaced owner must be in the dependent's namespace: one elsewhere is not found here.
    var owner = read(type, type.namespaced() ? dependent.namespace() : "", ref.getName());
    if (owner == null || !ref.getUid().equals(owner.getUid())) {
      graph.rememberAbsent(type.namespaced() ? namespacedKey : clusterScopedKey);
      return Reference.DANGLING;
    }
    if (DependencyGraph.beingDeleted(owner) && DependencyGraph.hasFinalizer(owner, DependencyGraph.FOREGROUND_FINALIZER)) {
      return Reference.WAITING_FOR_DEPENDENTS;
    }
    return Reference.SOLID;
  }

  private void processDeletingDependents(DependencyGraph.Snapshot item, ResourceType type) {
    var blocking = item.dependents().stream().filter(DependencyGraph.Dependent::blocksOwnerDeletion).toList();
    if (blocking.isEmpty()) {
      LOG.debug("garbage collector: {} has no blocking dependents left, removing {}", item.identity(), DependencyGraph.FOREGROUND_FINALIZER);
      removeFinalizer(type, item.identity(), DependencyGraph.FOREGROUND_FINALIZER);
      return;
    }
    for (var dependent : blocking) {
      if (!dependent.deletingDependents()) {
        queue.add(DELETE_PREFIX + dependent.identity().uid());
      }
    }
  }

  // ---- attemptToOrphan

  private void attemptToOrphan(String uid) {
    var found = graph.node(uid);
    if (found.isEmpty()) {
      return;
    }
    var owner = found.get();
    var failures = new ArrayList<String>();
    for (var dependent : owner.dependents()) {
      try {
        orphan(dependent.identity(), uid);
      } catch (KubernetesClientException e) {
        failures.add(dependent.identity() + ": " + ApiErrors.message(e));
      }
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("could not orphan the dependents of " + owner.identity() + ": " + String.join("; ", failures));
    }
    removeFinalizer(resolve(owner.identity().apiVersion(), owner.identity().kind()), owner.identity(), DependencyGraph.ORPHAN_FINALIZER);
  }

  /** Removes the reference to {@code ownerUid} from {@code dependent}, if it is still there. */
  private void orphan(ObjectIdentity dependent, String ownerUid) {
    var type = resolve(dependent.apiVersion(), dependent.kind());
    retryOnConflict(() -> {
      var latest = read(type, dependent.namespace(), dependent.name());
      if (latest == null || !dependent.uid().equals(latest.getUid())) {
        return;
      }
      var references = DependencyGraph.ownerReferences(latest);
      var remaining = references.stream().filter(r -> !ownerUid.equals(r.getUid())).toList();
      if (remaining.size() == references.size()) {
        return;
      }
      patchOwnerReferences(type, dependent, latest.getResourceVersion(), remaining);
    });
  }

  /**
   * Runs {@code write} (read the live object, decide, patch with its resourceVersion) again after a 409, up to
   * {@link #CONFLICT_RETRIES} times; a 404 means the object is gone and there is nothing left to do.
   */
  private static void retryOnConflict(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return;
        }
        if (e.getCode() != 409 || attempt >= CONFLICT_RETRIES) {
          throw e;
        }
      }
    }
  }

  // ---- writes

  /** Reads the live object; {@code null} when absent (a namespaced kind asked for without namespace is absent too). */
  private ObjectMeta read(ResourceType type, String namespace, String name) {
    if (type.namespaced() && namespace.isEmpty()) {
      return null;
    }
    return cluster.get(type, type.namespaced() ? namespace : "", name);
  }

  /** Replaces the owner references, conditioned on {@code resourceVersion} so a concurrent change is never lost. */
  private void patchOwnerReferences(ResourceType type, ObjectIdentity object, String resourceVersion, List<OwnerReference> references) {
    var patch = JSON.createObjectNode();
    var meta = patch.putObject("metadata");
    meta.put("resourceVersion", resourceVersion);
    if (references.isEmpty()) {
      meta.putNull("ownerReferences");
    } else {
      meta.set("ownerReferences", JSON.valueToTree(references));
    }
    cluster.patch(type, object.namespace(), object.name(), patch.toString());
  }

  /**
   * Deletes with a uid and resourceVersion precondition: the decision was made on that version's
   * owner references. When only the version moved on (status updates) and the references are the
   * same, deletes again with the uid precondition alone, as upstream does.
   */
  private void deleteObject(ResourceType type, ObjectIdentity identity, ObjectMeta latest, String policy) {
    try {
      cluster.delete(type, identity.namespace(), identity.name(), identity.uid(), latest.getResourceVersion(), policy);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        graph.confirmAbsent(identity);
        return;
      }
      if (e.getCode() != 409) {
        throw e;
      }
      var again = read(type, identity.namespace(), identity.name());
      if (again == null || !identity.uid().equals(again.getUid())) {
        graph.confirmAbsent(identity);
        return;
      }
      if (!DependencyGraph.ownerReferences(again).equals(DependencyGraph.ownerReferences(latest))) {
        throw new IllegalStateException("the owner references of " + identity + " changed while it was being collected; re-examining", e);
      }
      try {
        cluster.delete(type, identity.namespace(), identity.name(), identity.uid(), null, policy);
      } catch (KubernetesClientException notFound) {
        if (notFound.getCode() != 404) {
          throw notFound;
        }
        graph.confirmAbsent(identity);
      }
    }
  }

  /** Removes one finalizer from the live object, retrying on conflicts; nothing to do if gone or already removed. */
  private void removeFinalizer(ResourceType type, ObjectIdentity identity, String finalizer) {
    retryOnConflict(() -> {
      var latest = read(type, identity.namespace(), identity.name());
      if (latest == null || !identity.uid().equals(latest.getUid()) || !DependencyGraph.hasFinalizer(latest, finalizer)) {
        return;
      }
      var remaining = latest.getFinalizers().stream().filter(f -> !f.equals(finalizer)).toList();
      ObjectNode patch = JSON.createObjectNode();
      var meta = patch.putObject("metadata");
      meta.put("resourceVersion", latest.getResourceVersion());
      if (remaining.isEmpty()) {
        meta.putNull("finalizers");
      } else {
        var array = meta.putArray("finalizers");
        remaining.forEach(array::add);
      }
      cluster.patch(type, identity.namespace(), identity.name(), patch.toString());
    });
  }
}
