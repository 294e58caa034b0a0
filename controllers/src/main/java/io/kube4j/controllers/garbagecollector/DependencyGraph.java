package io.kube4j.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who owns whom, keyed by uid, as the informers last reported it (upstream's graph builder). Owners
 * referenced before they are observed get a <em>virtual</em> node, which the garbage collector
 * verifies with a live read. Every change that may make an object collectable is reported to
 * {@link Actions}; the graph itself never talks to the API server. Thread-safe: informer handlers
 * and workers call it concurrently, each call is atomic.
 */
final class DependencyGraph {

  static final String ORPHAN_FINALIZER = "orphan";
  static final String FOREGROUND_FINALIZER = "foregroundDeletion";
  /** Upstream's absent-owner cache size. */
  private static final int ABSENT_OWNERS_CACHED = 500;

  /** What the graph asks of the garbage collector. Called while the graph is locked: must not call back. */
  interface Actions {
    /** Check whether the object with this uid is garbage, or (owner deleting in foreground) done. */
    void attemptToDelete(String uid);

    /** Remove the object with this uid from its dependents' owner references, then its orphan finalizer. */
    void attemptToOrphan(String uid);

    /** {@code dependent} names a namespaced owner that lives in another namespace. */
    void invalidOwnerNamespace(ObjectIdentity dependent, OwnerReference owner);
  }

  /** One dependent of a node, as a worker needs it. */
  record Dependent(ObjectIdentity identity, boolean blocksOwnerDeletion, boolean deletingDependents) {}

  /** A consistent copy of one node. */
  record Snapshot(ObjectIdentity identity, List<OwnerReference> owners, boolean observed, boolean beingDeleted,
      boolean deletingDependents, List<Dependent> dependents) {}

  private static final class Node {
    ObjectIdentity identity;
    List<OwnerReference> owners = List.of();
    final Set<String> dependents = new LinkedHashSet<>();
    /** False for a virtual node: an owner named by a dependent but not (yet) seen by an informer. */
    boolean observed;
    boolean beingDeleted;
    boolean deletingDependents;

    Node(ObjectIdentity identity, boolean observed) {
      this.identity = identity;
      this.observed = observed;
    }
  }

  private final Actions actions;
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<ObjectIdentity, Boolean> absentOwners = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ObjectIdentity, Boolean> eldest) {
      return size() > ABSENT_OWNERS_CACHED;
    }
  };

  DependencyGraph(Actions actions) {
    this.actions = actions;
  }

  // ---- informer events

  /** An informer saw {@code meta} (an add when {@code old} is null, else an update). */
  synchronized void observe(String apiVersion, String kind, ObjectMeta old, ObjectMeta meta) {
    var identity = identity(apiVersion, kind, meta);
    var node = nodes.get(identity.uid());
    if (node != null && !node.observed) {
      if (!node.identity.equals(identity)) {
        // Dependents guessed this owner's coordinates; those that guessed wrong get re-checked.
        for (var dependent : partition(node, identity).nonMatching()) {
          if (identity.namespaced() && !dependent.identity.namespace().equals(identity.namespace())) {
            reportInvalidNamespace(dependent, identity.uid());
          }
          actions.attemptToDelete(dependent.identity.uid());
        }
        node.identity = identity;
      }
      node.observed = true;
    }
    var owners = ownerReferences(meta);
    if (node == null) {
      node = new Node(identity, true);
      node.owners = owners;
      node.beingDeleted = beingDeleted(meta);
      node.deletingDependents = node.beingDeleted && hasFinalizer(meta, FOREGROUND_FINALIZER);
      nodes.put(identity.uid(), node);
      addDependentToOwners(node, owners);
    } else {
      node.identity = identity; // an object seen through another apiVersion keeps its uid
      var removed = new ArrayList<OwnerReference>();
      var added = new ArrayList<OwnerReference>();
      var unblocked = new ArrayList<String>();
      diff(node.owners, owners, added, removed, unblocked);
      if (!added.isEmpty() || !removed.isEmpty() || !unblocked.isEmpty()) {
        // an owner waiting for its blocking dependents may now be free to go
        unblocked.forEach(uid -> {
          if (nodes.containsKey(uid)) {
            actions.attemptToDelete(uid);
          }
        });
        node.owners = owners;
        addDependentToOwners(node, added);
        removeDependentFromOwners(node, removed);
      }
      if (beingDeleted(meta)) {
        node.beingDeleted = true;
      }
    }
    processTransitions(old, meta, node);
  }

  /** An informer saw the object deleted (or missing on relist). */
  synchronized void observeDeletion(String apiVersion, String kind, ObjectMeta meta) {
    var node = nodes.get(meta.getUid());
    if (node == null) {
      return;
    }
    removeNode(node, identity(apiVersion, kind, meta));
  }

  /**
   * A live read found no object with {@code verified}'s uid at {@code verified}'s coordinates (upstream's
   * virtual delete event): forget the node unless some dependents name the uid differently, and
   * re-check the dependents that name it this way.
   */
  synchronized void confirmAbsent(ObjectIdentity verified) {
    var node = nodes.get(verified.uid());
    if (node == null) {
      return;
    }
    if (node.observed && node.identity.equals(verified)) {
      removeNode(node, verified);
      return;
    }
    var split = partition(node, verified);
    if (node.observed || !split.nonMatching().isEmpty()) {
      // Keep the node: the informer saw it elsewhere, or other dependents name it by other coordinates.
      if (!split.matching().isEmpty()) {
        absentOwners.put(verified, true);
        split.matching().forEach(d -> actions.attemptToDelete(d.identity.uid()));
      }
      if (!node.observed && node.identity.equals(verified)) {
        var alternate = alternateIdentity(split.nonMatching(), verified);
        if (alternate != null) {
          node.identity = alternate;
          actions.attemptToDelete(node.identity.uid());
        }
      }
      return;
    }
    removeNode(node, verified);
  }

  // ---- reads for workers

  synchronized Optional<Snapshot> node(String uid) {
    var node = nodes.get(uid);
    if (node == null) {
      return Optional.empty();
    }
    var dependents = new ArrayList<Dependent>();
    for (var dependentUid : node.dependents) {
      var dependent = nodes.get(dependentUid);
      if (dependent != null) {
        boolean blocks = dependent.owners.stream()
            .anyMatch(r -> uid.equals(r.getUid()) && Boolean.TRUE.equals(r.getBlockOwnerDeletion()));
        dependents.add(new Dependent(dependent.identity, blocks, dependent.deletingDependents));
      }
    }
    return Optional.of(new Snapshot(node.identity, node.owners, node.observed, node.beingDeleted, node.deletingDependents,
        List.copyOf(dependents)));
  }

  /** Whether a live read recently found no object at these coordinates. */
  synchronized boolean knownAbsent(ObjectIdentity owner) {
    return absentOwners.containsKey(owner);
  }

  synchronized void rememberAbsent(ObjectIdentity owner) {
    absentOwners.put(owner, true);
  }

  // ---- internals

  private void processTransitions(ObjectMeta old, ObjectMeta meta, Node node) {
    if (deletionStartsWithFinalizer(old, meta, ORPHAN_FINALIZER)) {
      actions.attemptToOrphan(node.identity.uid());
      return;
    }
    if (deletionStartsWithFinalizer(old, meta, FOREGROUND_FINALIZER)) {
      node.deletingDependents = true;
      node.dependents.forEach(actions::attemptToDelete);
      actions.attemptToDelete(node.identity.uid());
    }
  }

  private void addDependentToOwners(Node dependent, List<OwnerReference> owners) {
    boolean potentiallyInvalid = false;
    for (var ref : owners) {
      var owner = nodes.get(ref.getUid());
      if (owner == null) {
        // Virtual until an informer reports it; a worker checks it exists with a live read.
        owner = new Node(ObjectIdentity.ofOwner(ref, dependent.identity.namespace()), false);
        nodes.put(ref.getUid(), owner);
        owner.dependents.add(dependent.identity.uid());
        actions.attemptToDelete(ref.getUid());
        continue;
      }
      owner.dependents.add(dependent.identity.uid());
      if (potentiallyInvalid) {
        continue;
      }
      var ownerId = owner.identity;
      if (ownerId.namespaced() && !ownerId.namespace().equals(dependent.identity.namespace())) {
        if (owner.observed) {
          reportInvalidNamespace(dependent, ref.getUid());
        }
        potentiallyInvalid = true;
      } else if (!ownerId.matches(ref)) {
        potentiallyInvalid = true;
      } else if (!ownerId.namespaced() && !ownerId.namespace().equals(dependent.identity.namespace()) && !owner.observed) {
        // A virtual cluster-scoped guess made from a cluster-scoped dependent: the owner may really be a
        // namespaced object this namespaced dependent names correctly, so check it with a live read.
        potentiallyInvalid = true;
      }
    }
    if (potentiallyInvalid) {
      actions.attemptToDelete(dependent.identity.uid());
    }
  }

  private void removeDependentFromOwners(Node dependent, List<OwnerReference> owners) {
    for (var ref : owners) {
      var owner = nodes.get(ref.getUid());
      if (owner != null) {
        owner.dependents.remove(dependent.identity.uid());
      }
    }
  }

  private void removeNode(Node node, ObjectIdentity deleted) {
    nodes.remove(node.identity.uid());
    removeDependentFromOwners(node, node.owners);
    if (!node.dependents.isEmpty()) {
      absentOwners.put(deleted, true);
    }
    node.dependents.forEach(actions::attemptToDelete);
    for (var ref : node.owners) {
      var owner = nodes.get(ref.getUid());
      if (owner != null && owner.deletingDependents) {
        // the owner may have been waiting for this dependent only
        actions.attemptToDelete(ref.getUid());
      }
    }
  }

  private record Partition(List<Node> matching, List<Node> nonMatching) {}

  /** Splits a node's dependents by whether their references to it agree with {@code owner}'s coordinates. */
  private Partition partition(Node node, ObjectIdentity owner) {
    var matching = new ArrayList<Node>();
    var nonMatching = new ArrayList<Node>();
    for (var uid : node.dependents) {
      var dependent = nodes.get(uid);
      if (dependent == null) {
        continue;
      }
      boolean match = false;
      boolean mismatch = false;
      if (owner.namespaced() && !owner.namespace().equals(dependent.identity.namespace())) {
        mismatch = true;
      } else {
        for (var ref : dependent.owners) {
          if (owner.uid().equals(ref.getUid())) {
            if (owner.matches(ref)) {
              match = true;
            } else {
              mismatch = true;
            }
          }
        }
      }
      if (match) {
        matching.add(dependent);
      }
      if (mismatch) {
        nonMatching.add(dependent);
      }
    }
    return new Partition(matching, nonMatching);
  }

  private static final Comparator<ObjectIdentity> IDENTITY_ORDER = Comparator.comparing(ObjectIdentity::kind)
      .thenComparing(ObjectIdentity::apiVersion).thenComparing(ObjectIdentity::namespace).thenComparing(ObjectIdentity::name)
      .thenComparing(ObjectIdentity::uid);

  /**
   * Another identity the dependents give the owner {@code absent} could have: the first after it in
   * a fixed order, else the first, so that every candidate gets checked in turn.
   */
  private static ObjectIdentity alternateIdentity(List<Node> dependents, ObjectIdentity absent) {
    var candidates = new java.util.TreeSet<ObjectIdentity>(IDENTITY_ORDER);
    for (var dependent : dependents) {
      for (var ref : dependent.owners) {
        if (!absent.uid().equals(ref.getUid())) {
          continue;
        }
        var candidate = ObjectIdentity.ofOwner(ref, dependent.identity.namespace());
        if (!absent.namespaced() && candidate.apiVersion().equals(absent.apiVersion()) && candidate.kind().equals(absent.kind())) {
          candidate = candidate.inNamespace(""); // that kind is known cluster-scoped
        }
        if (!candidate.equals(absent)) {
          candidates.add(candidate);
        }
      }
    }
    if (candidates.isEmpty()) {
      return null;
    }
    var following = candidates.higher(absent);
    return following != null ? following : candidates.first();
  }

  private void reportInvalidNamespace(Node dependent, String ownerUid) {
    for (var ref : dependent.owners) {
      if (ownerUid.equals(ref.getUid())) {
        actions.invalidOwnerNamespace(dependent.identity, ref);
        return;
      }
    }
  }

  /** Owner references added, removed, and those whose blockOwnerDeletion went from true to unset/false. */
  private static void diff(List<OwnerReference> old, List<OwnerReference> now, List<OwnerReference> added,
      List<OwnerReference> removed, List<String> unblockedOwnerUids) {
    var oldByUid = new LinkedHashMap<String, OwnerReference>();
    old.forEach(r -> oldByUid.put(r.getUid(), r));
    for (var ref : now) {
      var before = oldByUid.remove(ref.getUid());
      if (before == null) {
        added.add(ref);
      } else if (!Objects.equals(before, ref)) {
        if (Boolean.TRUE.equals(before.getBlockOwnerDeletion()) && !Boolean.TRUE.equals(ref.getBlockOwnerDeletion())) {
          unblockedOwnerUids.add(ref.getUid());
        }
      }
    }
    for (var gone : oldByUid.values()) {
      removed.add(gone);
      if (Boolean.TRUE.equals(gone.getBlockOwnerDeletion())) {
        unblockedOwnerUids.add(gone.getUid());
      }
    }
  }

  private static ObjectIdentity identity(String apiVersion, String kind, ObjectMeta meta) {
    return new ObjectIdentity(apiVersion, kind, meta.getNamespace(), meta.getName(), meta.getUid());
  }

  static List<OwnerReference> ownerReferences(ObjectMeta meta) {
    return meta.getOwnerReferences() == null ? List.of() : List.copyOf(meta.getOwnerReferences());
  }

  static boolean beingDeleted(ObjectMeta meta) {
    return meta.getDeletionTimestamp() != null && !meta.getDeletionTimestamp().isEmpty();
  }

  static boolean hasFinalizer(ObjectMeta meta, String finalizer) {
    return meta.getFinalizers() != null && meta.getFinalizers().contains(finalizer);
  }

  /** Whether {@code meta} is being deleted with {@code finalizer} and {@code old} was not. */
  private static boolean deletionStartsWithFinalizer(ObjectMeta old, ObjectMeta meta, String finalizer) {
    if (!beingDeleted(meta) || !hasFinalizer(meta, finalizer)) {
      return false;
    }
    return old == null || !beingDeleted(old) || !hasFinalizer(old, finalizer);
  }
}
