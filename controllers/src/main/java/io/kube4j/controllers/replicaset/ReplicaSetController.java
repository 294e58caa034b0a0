package io.kube4j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kube4j.controllers.runtime.ApiErrors;
import io.kube4j.controllers.runtime.Controller;
import io.kube4j.controllers.runtime.EventRecorder;
import io.kube4j.controllers.runtime.Expectations;
import io.kube4j.controllers.runtime.OwnerReferences;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.controllers.runtime.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps {@code spec.replicas} pods of a ReplicaSet (or ReplicationController) running: adopts
 * matching orphans, releases owned pods whose labels stopped matching, creates missing pods in
 * slow-start batches, deletes surplus pods in upstream's order, and reports counts in {@code status}.
 * Creations and deletions are recorded as expectations so a stale cache never causes a double action.
 */
public final class ReplicaSetController<T extends HasMetadata> implements Controller {

  /** Upstream's BurstReplicas: the most pods one sync creates or deletes. */
  static final int BURST_REPLICAS = 500;
  static final String REPLICA_FAILURE = "ReplicaFailure";

  private final ReplicatedKind<T> kind;
  private final KubernetesClient client;
  private final SharedInformers informers;
  private final EventRecorder events;
  private final Clock clock;
  private final WorkQueue queue;
  private final Expectations expectations;

  public ReplicaSetController(ReplicatedKind<T> kind, KubernetesClient client, SharedInformers informers, EventRecorder events,
      Clock clock) {
    this.kind = kind;
    this.client = client;
    this.informers = informers;
    this.events = events;
    this.clock = clock;
    this.queue = WorkQueue.withDefaultRateLimiter(clock);
    this.expectations = new Expectations(clock);
    informers.forType(kind.type()).addEventHandler(new OwnerHandler());
    informers.forType(Pod.class).addEventHandler(new PodHandler());
  }

  @Override
  public String name() {
    return kind.component();
  }

  @Override
  public WorkQueue queue() {
    return queue;
  }

  Expectations expectations() {
    return expectations;
  }

  @Override
  public void sync(String key) throws Exception {
    var slash = key.indexOf('/');
    var namespace = key.substring(0, slash);
    var name = key.substring(slash + 1);
    T owner = informers.get(kind.type(), namespace, name);
    if (owner == null) {
      expectations.forget(key);
      return;
    }
    boolean needsSync = expectations.satisfied(key);
    var owned = claimPods(owner, namespace);
    var active = owned.stream().filter(PodState::isActive).toList();

    Exception manageError = null;
    if (needsSync && owner.getMetadata().getDeletionTimestamp() == null) {
      try {
        manageReplicas(key, owner, active);
      } catch (KubernetesClientException e) {
        manageError = e;
      }
    }
    var now = clock.instant();
    int minReadySeconds = kind.minReadySeconds(owner);
    var templateLabels = Objects.requireNonNullElse(kind.template(owner).getMetadata().getLabels(), Map.<String, String>of());
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (var pod : active) {
      var labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of());
      if (labels.entrySet().containsAll(templateLabels.entrySet())) {
        fullyLabeled++;
      }
      if (PodState.isReady(pod)) {
        ready++;
        if (PodState.isAvailable(pod, minReadySeconds, now)) {
          available++;
        }
      }
    }
    var current = kind.status(owner);
    var conditions = new ArrayList<>(current.conditions());
    boolean hasFailure = conditions.stream().anyMatch(c -> c.type().equals(REPLICA_FAILURE));
    if (manageError != null && !hasFailure) {
      var reason = active.size() < kind.replicas(owner) ? "FailedCreate" : "FailedDelete";
      conditions.add(new ReplicatedKind.Condition(REPLICA_FAILURE, "True", reason, manageError.getMessage(),
          now.truncatedTo(ChronoUnit.SECONDS).toString()));
    } else if (manageError == null && hasFailure) {
      conditions.removeIf(c -> c.type().equals(REPLICA_FAILURE));
    }
    var generation = owner.getMetadata().getGeneration() == null ? 0 : owner.getMetadata().getGeneration();
    var desired = new ReplicatedKind.Status(active.size(), fullyLabeled, ready, available, generation, conditions);
    if (!desired.equals(current)) {
      updateStatus(owner, desired);
    }
    if (manageError != null) {
      throw manageError;
    }
    if (minReadySeconds > 0 && ready != available) {
      // A pod will turn available when its minReadySeconds pass; nothing else would wake us then.
      queue.addAfter(key, Duration.ofSeconds(minReadySeconds).plusSeconds(1));
    }
  }

  private void updateStatus(T owner, ReplicatedKind.Status status) {
    var target = owner;
    for (int attempt = 0; ; attempt++) {
      try {
        kind.updateStatus(client, target, status);
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return;
        }
        if (e.getCode() != 409 || attempt >= 1) {
          throw e;
        }
        target = kind.get(client, owner.getMetadata().getNamespace(), owner.getMetadata().getName());
        if (target == null || !Objects.equals(target.getMetadata().getUid(), owner.getMetadata().getUid())) {
          return;
        }
      }
    }
  }

  /**
   * The pods {@code owner} controls after adoption and release: pods with its controller reference
   * whose labels still match, plus matching orphans it managed to adopt.
   */
  private List<Pod> claimPods(T owner, String namespace) {
    var selector = kind.selector(owner);
    var uid = owner.getMetadata().getUid();
    var claimed = new ArrayList<Pod>();
    Boolean canAdopt = null;
    for (var pod : informers.list(Pod.class, namespace)) {
      var labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of());
      var ref = OwnerReferences.controllerOf(pod);
      if (ref != null) {
        if (!uid.equals(ref.getUid())) {
          continue;
        }
        if (selector.matches(labels)) {
          claimed.add(pod);
        } else if (pod.getMetadata().getDeletionTimestamp() == null && owner.getMetadata().getDeletionTimestamp() == null) {
          release(pod, uid);
        }
        continue;
      }
      if (!selector.matches(labels) || pod.getMetadata().getDeletionTimestamp() != null
          || owner.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      if (canAdopt == null) {
        // Upstream re-reads the owner before adopting: a cache that still shows a deleted owner must not adopt.
        var fresh = kind.get(client, namespace, owner.getMetadata().getName());
        canAdopt = fresh != null && uid.equals(fresh.getMetadata().getUid()) && fresh.getMetadata().getDeletionTimestamp() == null;
      }
      if (canAdopt && adopt(pod, owner)) {
        claimed.add(pod);
      }
    }
    return claimed;
  }

  private boolean adopt(Pod pod, T owner) {
    var copy = Serialization.clone(pod);
    var refs = new ArrayList<OwnerReference>(Objects.requireNonNullElse(copy.getMetadata().getOwnerReferences(), List.of()));
    refs.add(OwnerReferences.controllerReference(owner));
    copy.getMetadata().setOwnerReferences(refs);
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(copy).update();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) {
        // Gone or changed since the cache saw it; the watch event that follows requeues us.
        return false;
      }
      throw e;
    }
  }

  private void release(Pod pod, String ownerUid) {
    var copy = Serialization.clone(pod);
    var refs = new ArrayList<OwnerReference>(copy.getMetadata().getOwnerReferences());
    refs.removeIf(r -> ownerUid.equals(r.getUid()));
    copy.getMetadata().setOwnerReferences(refs.isEmpty() ? null : refs);
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(copy).update();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        throw e;
      }
    }
  }

  private void manageReplicas(String key, T owner, List<Pod> active) throws InterruptedException {
    int diff = active.size() - kind.replicas(owner);
    if (diff < 0) {
      int toCreate = Math.min(-diff, BURST_REPLICAS);
      expectations.expectCreations(key, toCreate);
      var result = slowStartBatch(toCreate, () -> createPod(owner));
      int skipped = toCreate - result.successes();
      for (int i = 0; i < skipped; i++) {
        // Requests never sent or refused will never be observed.
        expectations.creationObserved(key);
      }
      if (result.error() != null) {
        throw result.error();
      }
    } else if (diff > 0) {
      int toDelete = Math.min(diff, BURST_REPLICAS);
      var victims = PodDeletionOrder.podsToDelete(active, relatedPods(owner), toDelete, clock.instant());
      expectations.expectDeletions(key, victims.stream().map(p -> p.getMetadata().getUid()).toList());
      KubernetesClientException firstError = null;
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        var futures = new ArrayList<Future<?>>();
        for (var pod : victims) {
          futures.add(executor.submit(() -> deletePod(key, owner, pod)));
        }
        for (var future : futures) {
          try {
            future.get();
          } catch (ExecutionException e) {
            if (firstError == null && e.getCause() instanceof KubernetesClientException kce) {
              firstError = kce;
            } else if (!(e.getCause() instanceof KubernetesClientException)) {
              throw new IllegalStateException(e.getCause());
            }
          }
        }
      }
      if (firstError != null) {
        throw firstError;
      }
    }
  }

  /** The active pods of every ReplicaSet controlled by the same owner as {@code owner} (for ranks). */
  private List<Pod> relatedPods(T owner) {
    var namespace = owner.getMetadata().getNamespace();
    var ownerRef = OwnerReferences.controllerOf(owner);
    var siblings = new java.util.HashSet<String>();
    siblings.add(owner.getMetadata().getUid());
    if (ownerRef != null) {
      for (var other : informers.list(kind.type(), namespace)) {
        var otherRef = OwnerReferences.controllerOf(other);
        if (otherRef != null && ownerRef.getUid().equals(otherRef.getUid())) {
          siblings.add(other.getMetadata().getUid());
        }
      }
    }
    var related = new ArrayList<Pod>();
    for (var pod : informers.list(Pod.class, namespace)) {
      var ref = OwnerReferences.controllerOf(pod);
      if (ref != null && siblings.contains(ref.getUid()) && PodState.isActive(pod)) {
        related.add(pod);
      }
    }
    return related;
  }

  private Void deletePod(String key, T owner, Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
      events.event(owner, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
      return null;
    } catch (KubernetesClientException e) {
      expectations.deletionObserved(key, pod.getMetadata().getUid());
      if (e.getCode() == 404) {
        return null;
      }
      events.event(owner, EventRecorder.WARNING, "FailedDelete", "Error deleting: " + ApiErrors.message(e));
      throw e;
    }
  }

  private Void createPod(T owner) {
    var template = kind.template(owner);
    var meta = template.getMetadata();
    var pod = new PodBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withGenerateName(owner.getMetadata().getName() + "-")
            .withNamespace(owner.getMetadata().getNamespace())
            .withLabels(meta == null || meta.getLabels() == null ? null : new HashMap<>(meta.getLabels()))
            .withAnnotations(meta == null || meta.getAnnotations() == null ? null : new HashMap<>(meta.getAnnotations()))
            .withFinalizers(meta == null || meta.getFinalizers() == null ? null : new ArrayList<>(meta.getFinalizers()))
            .withOwnerReferences(OwnerReferences.controllerReference(owner))
            .build())
        .withSpec(Serialization.clone(Objects.requireNonNullElseGet(template.getSpec(), PodSpec::new)))
        .build();
    try {
      var created = client.pods().inNamespace(owner.getMetadata().getNamespace()).resource(pod).create();
      events.event(owner, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
      return null;
    } catch (KubernetesClientException e) {
      events.event(owner, EventRecorder.WARNING, "FailedCreate", "Error creating: " + ApiErrors.message(e));
      throw e;
    }
  }

  /** How many calls of a slow-start run succeeded, and the first error that stopped it. */
  record BatchResult(int successes, KubernetesClientException error) {}

  /**
   * Calls {@code action} {@code count} times in batches of 1, 2, 4, … running each batch in parallel,
   * stopping after the first batch with a failure, so a template the server rejects costs one call.
   */
  static BatchResult slowStartBatch(int count, Callable<Void> action) throws InterruptedException {
    int successes = 0;
    int remaining = count;
    for (int batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining)) {
      KubernetesClientException error = null;
      try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
        var futures = new ArrayList<Future<Void>>();
        for (int i = 0; i < batch; i++) {
          futures.add(executor.submit(action));
        }
        for (var future : futures) {
          try {
            future.get();
            successes++;
          } catch (ExecutionException e) {
            if (e.getCause() instanceof KubernetesClientException kce) {
              error = error == null ? kce : error;
            } else {
              throw new IllegalStateException("creating a pod failed unexpectedly", e.getCause());
            }
          }
        }
      }
      if (error != null) {
        return new BatchResult(successes, error);
      }
      remaining -= batch;
    }
    return new BatchResult(successes, null);
  }

  private String ownerKeyOf(Pod pod) {
    var ref = OwnerReferences.controllerOf(pod);
    if (ref == null || !kind.type().getSimpleName().equals(ref.getKind())) {
      return null;
    }
    T owner = informers.get(kind.type(), pod.getMetadata().getNamespace(), ref.getName());
    if (owner == null || !ref.getUid().equals(owner.getMetadata().getUid())) {
      return null;
    }
    return OwnerReferences.key(owner);
  }

  private void enqueueMatchingOwners(Pod pod) {
    var labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.<String, String>of());
    if (labels.isEmpty()) {
      return;
    }
    for (var owner : informers.list(kind.type(), pod.getMetadata().getNamespace())) {
      if (kind.selector(owner).matches(labels)) {
        queue.add(OwnerReferences.key(owner));
      }
    }
  }

  private final class OwnerHandler implements ResourceEventHandler<T> {
    @Override
    public void onAdd(T owner) {
      queue.add(OwnerReferences.key(owner));
    }

    @Override
    public void onUpdate(T oldOwner, T newOwner) {
      queue.add(OwnerReferences.key(newOwner));
    }

    @Override
    public void onDelete(T owner, boolean finalStateUnknown) {
      var key = OwnerReferences.key(owner);
      expectations.forget(key);
      queue.add(key);
    }
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        onDelete(pod, false);
        return;
      }
      var key = ownerKeyOf(pod);
      if (key != null) {
        expectations.creationObserved(key);
        queue.add(key);
      } else if (OwnerReferences.controllerOf(pod) == null) {
        enqueueMatchingOwners(pod);
      }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
      if (Objects.equals(oldPod.getMetadata().getResourceVersion(), newPod.getMetadata().getResourceVersion())) {
        return;
      }
      if (newPod.getMetadata().getDeletionTimestamp() != null) {
        onDelete(newPod, false);
        return;
      }
      var oldRef = OwnerReferences.controllerOf(oldPod);
      var newRef = OwnerReferences.controllerOf(newPod);
      boolean labelsChanged = !Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels());
      if (oldRef != null && (newRef == null || !oldRef.getUid().equals(newRef.getUid()))) {
        var oldKey = ownerKeyOf(oldPod);
        if (oldKey != null) {
          queue.add(oldKey);
        }
      }
      var key = ownerKeyOf(newPod);
      if (key != null) {
        queue.add(key);
        T owner = informers.get(kind.type(), newPod.getMetadata().getNamespace(), newRef.getName());
        if (owner != null && !PodState.isReady(oldPod) && PodState.isReady(newPod) && kind.minReadySeconds(owner) > 0) {
          queue.addAfter(key, Duration.ofSeconds(kind.minReadySeconds(owner)).plusSeconds(1));
        }
      } else if (newRef == null && (labelsChanged || oldRef != null)) {
        enqueueMatchingOwners(newPod);
      }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      var key = ownerKeyOf(pod);
      if (key != null) {
        expectations.deletionObserved(key, pod.getMetadata().getUid());
        queue.add(key);
      }
    }
  }
}
