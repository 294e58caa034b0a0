package io.kube4j.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kube4j.controllers.runtime.ApiErrors;
import io.kube4j.controllers.runtime.Controller;
import io.kube4j.controllers.runtime.EventRecorder;
import io.kube4j.controllers.runtime.OwnerReferences;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.controllers.runtime.WorkQueue;
import io.kube4j.machinery.selection.LabelSelector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rolls a Deployment's pod template out through ReplicaSets, as upstream's deployment controller:
 * the ReplicaSet whose template equals the Deployment's is the new one (created, named
 * {@code <deployment>-<pod-template-hash>}, when none is), the others are old; RollingUpdate moves
 * replicas from old to new within {@code maxSurge}/{@code maxUnavailable}, Recreate scales every old
 * ReplicaSet to zero and waits for its pods to be gone first. Revisions, proportional scaling while
 * paused or mid-rollout, history cleanup, and the Progressing/Available conditions follow upstream.
 */
public final class DeploymentController implements Controller {

  public static final String REVISION = "deployment.kubernetes.io/revision";
  public static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  /** Annotations a Deployment does not hand down to its ReplicaSets. */
  static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY,
      DESIRED_REPLICAS, MAX_REPLICAS, "deprecated.deployment.rollback.to");
  /** Upstream's cap on the revision-history annotation, in characters. */
  static final int MAX_REVISION_HISTORY_LENGTH = 2000;

  static final String PROGRESSING = "Progressing";
  static final String AVAILABLE = "Available";
  static final String REPLICA_FAILURE = "ReplicaFailure";

  private final KubernetesClient client;
  private final SharedInformers informers;
  private final EventRecorder events;
  private final Clock clock;
  private final WorkQueue queue;

  public DeploymentController(KubernetesClient client, SharedInformers informers, EventRecorder events, Clock clock) {
    this.client = client;
    this.informers = informers;
    this.events = events;
    this.clock = clock;
    this.queue = WorkQueue.withDefaultRateLimiter(clock);
    informers.forType(Deployment.class).addEventHandler(new DeploymentHandler());
    informers.forType(ReplicaSet.class).addEventHandler(new ReplicaSetHandler());
    informers.forType(Pod.class).addEventHandler(new PodHandler());
  }

  @Override
  public String name() {
    return "deployment";
  }

  @Override
  public WorkQueue queue() {
    return queue;
  }

  @Override
  public void sync(String key) {
    var slash = key.indexOf('/');
    Deployment cached = informers.get(Deployment.class, key.substring(0, slash), key.substring(slash + 1));
    if (cached == null) {
      return;
    }
    // Never mutate the informer's object: work on a copy that this sync keeps current.
    var d = Serialization.clone(cached);
    var selector = selector(d);
    if (selector.isEmpty()) {
      events.event(d, EventRecorder.WARNING, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
      if (d.getStatus() == null || !Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())) {
        var status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        status.setObservedGeneration(d.getMetadata().getGeneration());
        d.setStatus(status);
        updateStatus(d);
      }
      return;
    }
    var sets = claimReplicaSets(d, selector);
    if (d.getMetadata().getDeletionTimestamp() != null) {
      var split = split(d, sets);
      syncDeploymentStatus(d, split.all(), split.newRs());
      return;
    }
    checkPausedConditions(d);
    if (Boolean.TRUE.equals(d.getSpec().getPaused()) || isScalingEvent(d, sets)) {
      syncScaling(d, sets);
      return;
    }
    if (RolloutArithmetic.isRollingUpdate(d)) {
      rolloutRolling(d, sets);
    } else {
      rolloutRecreate(d, sets);
    }
  }

  private static LabelSelector selector(Deployment d) {
    JsonNode json = Serialization.jsonMapper().valueToTree(d.getSpec().getSelector());
    return json == null || json.isNull() ? LabelSelector.everything() : LabelSelector.fromJson(json);
  }

  // ---- ownership -------------------------------------------------------------------------------

  private List<ReplicaSet> claimReplicaSets(Deployment d, LabelSelector selector) {
    var uid = d.getMetadata().getUid();
    var claimed = new ArrayList<ReplicaSet>();
    Boolean canAdopt = null;
    for (var rs : informers.list(ReplicaSet.class, d.getMetadata().getNamespace())) {
      var labels = Objects.requireNonNullElse(rs.getMetadata().getLabels(), Map.<String, String>of());
      var ref = OwnerReferences.controllerOf(rs);
      if (ref != null) {
        if (!uid.equals(ref.getUid())) {
          continue;
        }
        if (selector.matches(labels)) {
          claimed.add(Serialization.clone(rs));
        } else if (rs.getMetadata().getDeletionTimestamp() == null && d.getMetadata().getDeletionTimestamp() == null) {
          var copy = Serialization.clone(rs);
          var refs = new ArrayList<>(copy.getMetadata().getOwnerReferences());
          refs.removeIf(r -> uid.equals(r.getUid()));
          copy.getMetadata().setOwnerReferences(refs.isEmpty() ? null : refs);
          updateIgnoringGone(copy);
        }
        continue;
      }
      if (!selector.matches(labels) || rs.getMetadata().getDeletionTimestamp() != null || d.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      if (canAdopt == null) {
        var fresh = client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName()).get();
        canAdopt = fresh != null && uid.equals(fresh.getMetadata().getUid()) && fresh.getMetadata().getDeletionTimestamp() == null;
      }
      if (canAdopt) {
        var copy = Serialization.clone(rs);
        var refs = new ArrayList<OwnerReference>(Objects.requireNonNullElse(copy.getMetadata().getOwnerReferences(), List.of()));
        refs.add(OwnerReferences.controllerReference(d));
        copy.getMetadata().setOwnerReferences(refs);
        var adopted = updateIgnoringGone(copy);
        if (adopted != null) {
          claimed.add(adopted);
        }
      }
    }
    return claimed;
  }

  private ReplicaSet updateIgnoringGone(ReplicaSet rs) {
    try {
      return client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).update();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404 || e.getCode() == 409) {
        return null;
      }
      throw e;
    }
  }

  // ---- new and old ReplicaSets ----------------------------------------------------------------

  /** The new ReplicaSet (possibly {@code null}) and the others, oldest first. */
  record Split(ReplicaSet newRs, List<ReplicaSet> old) {
    List<ReplicaSet> all() {
      var all = new ArrayList<>(old);
      if (newRs != null) {
        all.add(newRs);
      }
      return all;
    }
  }

  /** Pod templates equal once the pod-template-hash label is ignored (upstream's EqualIgnoreHash). */
  static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b) {
    return normalizedTemplate(a).equals(normalizedTemplate(b));
  }

  private static JsonNode normalizedTemplate(PodTemplateSpec template) {
    JsonNode tree = PodTemplateHash.prune(Serialization.jsonMapper().valueToTree(template));
    if (tree.path("metadata").path("labels") instanceof ObjectNode labels) {
      labels.remove(PodTemplateHash.LABEL);
      if (labels.isEmpty()) {
        ((ObjectNode) tree.path("metadata")).remove("labels");
        if (tree.path("metadata").isEmpty()) {
          ((ObjectNode) tree).remove("metadata");
        }
      }
    }
    return tree;
  }

  private static Comparator<ReplicaSet> byCreation() {
    return Comparator.comparing((ReplicaSet rs) -> Objects.requireNonNullElse(rs.getMetadata().getCreationTimestamp(), ""))
        .thenComparing(rs -> rs.getMetadata().getName());
  }

  private Split split(Deployment d, List<ReplicaSet> sets) {
    var sorted = new ArrayList<>(sets);
    sorted.sort(byCreation());
    ReplicaSet newRs = null;
    var old = new ArrayList<ReplicaSet>();
    for (var rs : sorted) {
      if (newRs == null && equalIgnoringHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate())) {
        newRs = rs;
      } else {
        old.add(rs);
      }
    }
    return new Split(newRs, old);
  }

  static long revision(ReplicaSet rs) {
    var annotations = rs.getMetadata().getAnnotations();
    var value = annotations == null ? null : annotations.get(REVISION);
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Finds the new ReplicaSet (creating it when asked and missing), brings its revision to one past
   * the newest old one and copies the revision onto the Deployment.
   */
  private Split syncRevision(Deployment d, List<ReplicaSet> sets, boolean createIfMissing) {
    var split = split(d, sets);
    long maxOld = split.old().stream().mapToLong(DeploymentController::revision).max().orElse(0);
    var newRevision = Long.toString(maxOld + 1);
    var newRs = split.newRs();
    if (newRs != null) {
      var copy = Serialization.clone(newRs);
      boolean annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      int minReadySeconds = Objects.requireNonNullElse(d.getSpec().getMinReadySeconds(), 0);
      boolean minReadyChanged = !Objects.equals(Objects.requireNonNullElse(copy.getSpec().getMinReadySeconds(), 0), minReadySeconds);
      if (annotationsChanged || minReadyChanged) {
        copy.getSpec().setMinReadySeconds(minReadySeconds);
        newRs = client.apps().replicaSets().inNamespace(copy.getMetadata().getNamespace()).resource(copy).update();
      }
      setDeploymentRevision(d, annotation(newRs, REVISION));
      if (condition(d, PROGRESSING) == null) {
        setCondition(d, newCondition(PROGRESSING, "True", "FoundNewReplicaSet", "Found new replica set \"" + newRs.getMetadata().getName() + "\""));
        updateStatus(d);
      }
      return new Split(newRs, split.old());
    }
    if (!createIfMissing) {
      return split;
    }
    var collisionCount = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
    var hash = PodTemplateHash.compute(d.getSpec().getTemplate(), collisionCount);
    var template = Serialization.clone(d.getSpec().getTemplate());
    var labels = new LinkedHashMap<String, String>(Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
    labels.put(PodTemplateHash.LABEL, hash);
    template.getMetadata().setLabels(labels);
    var selector = Serialization.clone(d.getSpec().getSelector());
    var matchLabels = new LinkedHashMap<String, String>(Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()));
    matchLabels.put(PodTemplateHash.LABEL, hash);
    selector.setMatchLabels(matchLabels);
    var rs = new ReplicaSetBuilder()
        .withNewMetadata()
          .withName(d.getMetadata().getName() + "-" + hash)
          .withNamespace(d.getMetadata().getNamespace())
          .withLabels(new LinkedHashMap<>(labels))
          .withOwnerReferences(OwnerReferences.controllerReference(d))
        .endMetadata()
        .withNewSpec()
          .withReplicas(0)
          .withMinReadySeconds(Objects.requireNonNullElse(d.getSpec().getMinReadySeconds(), 0))
          .withSelector(selector)
          .withTemplate(template)
        .endSpec()
        .build();
    var all = new ArrayList<>(split.old());
    all.add(rs);
    int replicas = RolloutArithmetic.newReplicaSetReplicas(d, all, rs);
    rs.getSpec().setReplicas(replicas);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    ReplicaSet created;
    boolean alreadyExisted = false;
    try {
      created = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).resource(rs).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        setCondition(d, newCondition(REPLICA_FAILURE, "True", "ReplicaSetCreateError", ApiErrors.message(e)));
        updateStatus(d);
        events.event(d, EventRecorder.WARNING, "FailedCreate", "Failed to create new replica set \"" + rs.getMetadata().getName() + "\": " + ApiErrors.message(e));
        throw e;
      }
      var existing = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).get();
      var ref = existing == null ? null : OwnerReferences.controllerOf(existing);
      if (existing != null && ref != null && d.getMetadata().getUid().equals(ref.getUid())
          && equalIgnoringHash(existing.getSpec().getTemplate(), d.getSpec().getTemplate())) {
        created = existing;
        alreadyExisted = true;
      } else {
        // A different template hashed to the same name: bump the collision count so the next hash differs.
        var status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        status.setCollisionCount(Objects.requireNonNullElse(status.getCollisionCount(), 0) + 1);
        d.setStatus(status);
        updateStatus(d);
        throw new IllegalStateException("hash collision for replica set " + rs.getMetadata().getName() + "; collisionCount is now "
            + status.getCollisionCount());
      }
    }
    if (!alreadyExisted && replicas > 0) {
      events.event(d, EventRecorder.NORMAL, "ScalingReplicaSet",
          "Scaled up replica set " + created.getMetadata().getName() + " from 0 to " + replicas);
    }
    setDeploymentRevision(d, newRevision);
    if (!alreadyExisted) {
      setCondition(d, newCondition(PROGRESSING, "True", "NewReplicaSetCreated", "Created new replica set \"" + created.getMetadata().getName() + "\""));
      updateStatus(d);
    }
    return new Split(created, split.old());
  }

  private static String annotation(ReplicaSet rs, String name) {
    var annotations = rs.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(name);
  }

  /** Upstream's SetNewReplicaSetAnnotations: copied annotations, revision, history, replica annotations. */
  static boolean setNewReplicaSetAnnotations(Deployment d, ReplicaSet rs, String newRevision, boolean exists) {
    var annotations = new LinkedHashMap<String, String>(Objects.requireNonNullElse(rs.getMetadata().getAnnotations(), Map.of()));
    boolean changed = false;
    for (var entry : Objects.requireNonNullElse(d.getMetadata().getAnnotations(), Map.<String, String>of()).entrySet()) {
      if (NOT_COPIED.contains(entry.getKey())) {
        continue;
      }
      if (!entry.getValue().equals(annotations.get(entry.getKey()))) {
        annotations.put(entry.getKey(), entry.getValue());
        changed = true;
      }
    }
    var oldRevision = annotations.get(REVISION);
    long oldRevisionValue = 0;
    if (oldRevision != null && !oldRevision.isEmpty()) {
      try {
        oldRevisionValue = Long.parseLong(oldRevision);
      } catch (NumberFormatException e) {
        rs.getMetadata().setAnnotations(annotations);
        return changed;
      }
    }
    long newRevisionValue = Long.parseLong(newRevision);
    if (oldRevisionValue < newRevisionValue) {
      annotations.put(REVISION, newRevision);
      changed = true;
      if (oldRevision != null && !oldRevision.isEmpty()) {
        var history = annotations.get(REVISION_HISTORY);
        if (history == null || history.isEmpty()) {
          annotations.put(REVISION_HISTORY, oldRevision);
        } else {
          var entries = new ArrayList<>(List.of(history.split(",")));
          entries.add(oldRevision);
          // Drop the oldest entries past the length cap, as upstream does.
          while (String.join(",", entries).length() > MAX_REVISION_HISTORY_LENGTH && entries.size() > 1) {
            entries.remove(0);
          }
          annotations.put(REVISION_HISTORY, String.join(",", entries));
        }
      }
    }
    rs.getMetadata().setAnnotations(annotations);
    if (!exists && setReplicasAnnotations(rs, RolloutArithmetic.replicas(d), RolloutArithmetic.replicas(d) + RolloutArithmetic.maxSurge(d))) {
      changed = true;
    }
    return changed;
  }

  static boolean setReplicasAnnotations(ReplicaSet rs, int desired, int max) {
    var annotations = new LinkedHashMap<String, String>(Objects.requireNonNullElse(rs.getMetadata().getAnnotations(), Map.of()));
    boolean changed = false;
    if (!Integer.toString(desired).equals(annotations.get(DESIRED_REPLICAS))) {
      annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
      changed = true;
    }
    if (!Integer.toString(max).equals(annotations.get(MAX_REPLICAS))) {
      annotations.put(MAX_REPLICAS, Integer.toString(max));
      changed = true;
    }
    rs.getMetadata().setAnnotations(annotations);
    return changed;
  }

  private void setDeploymentRevision(Deployment d, String revision) {
    if (revision == null) {
      return;
    }
    var annotations = d.getMetadata().getAnnotations();
    if (annotations != null && revision.equals(annotations.get(REVISION))) {
      return;
    }
    var patch = Serialization.jsonMapper().createObjectNode();
    patch.putObject("metadata").putObject("annotations").put(REVISION, revision);
    var patched = client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    d.getMetadata().setAnnotations(patched.getMetadata().getAnnotations());
    d.getMetadata().setResourceVersion(patched.getMetadata().getResourceVersion());
  }

  // ---- scaling ---------------------------------------------------------------------------------

  private static List<ReplicaSet> active(List<ReplicaSet> sets) {
    return sets.stream().filter(rs -> rs != null && RolloutArithmetic.specReplicas(rs) > 0).toList();
  }

  private static Integer intAnnotation(ReplicaSet rs, String name) {
    var value = annotation(rs, name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isScalingEvent(Deployment d, List<ReplicaSet> sets) {
    for (var rs : active(sets)) {
      var desired = intAnnotation(rs, DESIRED_REPLICAS);
      if (desired != null && desired != RolloutArithmetic.replicas(d)) {
        return true;
      }
    }
    return false;
  }

  /** Paused or resized mid-rollout: resize ReplicaSets in proportion, no rollout progress. */
  private void syncScaling(Deployment d, List<ReplicaSet> sets) {
    var split = syncRevision(d, sets, false);
    var scaled = scale(d, split);
    if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
      cleanupOld(d, scaled.old());
    }
    syncDeploymentStatus(d, scaled.all(), scaled.newRs());
  }

  /** Upstream's scale(): one active set takes all; a saturated new set empties the old; else proportional. */
  private Split scale(Deployment d, Split split) {
    int replicas = RolloutArithmetic.replicas(d);
    var newRs = split.newRs();
    var old = new ArrayList<>(split.old());
    var activeOrLatest = activeOrLatest(newRs, old);
    if (activeOrLatest != null) {
      if (RolloutArithmetic.specReplicas(activeOrLatest) != replicas) {
        var scaled = scaleReplicaSet(activeOrLatest, replicas, d);
        return replace(split, activeOrLatest, scaled);
      }
      return split;
    }
    if (isSaturated(d, newRs)) {
      var result = split;
      for (var rs : active(old)) {
        result = replace(result, rs, scaleReplicaSet(rs, 0, d));
      }
      return result;
    }
    if (!RolloutArithmetic.isRollingUpdate(d)) {
      return split;
    }
    var all = new ArrayList<>(active(split.all()));
    int allReplicas = RolloutArithmetic.sumSpecReplicas(all);
    int allowed = replicas > 0 ? replicas + RolloutArithmetic.maxSurge(d) : 0;
    int toAdd = allowed - allReplicas;
    if (toAdd > 0) {
      // Largest first, newer first on ties: growth lands on the biggest, newest sets.
      all.sort(Comparator.comparingInt(RolloutArithmetic::specReplicas).reversed().thenComparing(byCreation().reversed()));
    } else {
      all.sort(Comparator.comparingInt(RolloutArithmetic::specReplicas).reversed().thenComparing(byCreation()));
    }
    int added = 0;
    var sizes = new LinkedHashMap<String, Integer>();
    for (var rs : all) {
      int proportion = toAdd == 0 ? 0 : proportion(rs, d, toAdd, added);
      sizes.put(rs.getMetadata().getName(), RolloutArithmetic.specReplicas(rs) + proportion);
      added += proportion;
    }
    if (toAdd != added && !all.isEmpty()) {
      var first = all.getFirst().getMetadata().getName();
      sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
    }
    var result = split;
    for (var rs : all) {
      result = replace(result, rs, scaleReplicaSet(rs, sizes.get(rs.getMetadata().getName()), d));
    }
    return result;
  }

  private static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
    if (RolloutArithmetic.specReplicas(rs) == 0 || toAdd == added) {
      return 0;
    }
    int fraction = fraction(rs, d);
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  private static int fraction(ReplicaSet rs, Deployment d) {
    int replicas = RolloutArithmetic.replicas(d);
    if (replicas == 0) {
      return -RolloutArithmetic.specReplicas(rs);
    }
    int deploymentReplicas = replicas + RolloutArithmetic.maxSurge(d);
    var annotated = intAnnotation(rs, MAX_REPLICAS);
    int base = annotated != null ? annotated : (d.getStatus() == null ? 0 : Objects.requireNonNullElse(d.getStatus().getReplicas(), 0));
    if (base == 0) {
      return 0;
    }
    double size = (double) RolloutArithmetic.specReplicas(rs) * deploymentReplicas / base;
    return (int) Math.round(size) - RolloutArithmetic.specReplicas(rs);
  }

  private static ReplicaSet activeOrLatest(ReplicaSet newRs, List<ReplicaSet> old) {
    if (newRs == null && old.isEmpty()) {
      return null;
    }
    var newestFirst = new ArrayList<>(old);
    newestFirst.sort(byCreation().reversed());
    var candidates = new ArrayList<>(newestFirst);
    if (newRs != null) {
      candidates.add(newRs);
    }
    var activeSets = active(candidates);
    return switch (activeSets.size()) {
      case 0 -> newRs != null ? newRs : newestFirst.getFirst();
      case 1 -> activeSets.getFirst();
      default -> null;
    };
  }

  private static boolean isSaturated(Deployment d, ReplicaSet rs) {
    if (rs == null) {
      return false;
    }
    var desired = intAnnotation(rs, DESIRED_REPLICAS);
    int replicas = RolloutArithmetic.replicas(d);
    int available = rs.getStatus() == null ? 0 : Objects.requireNonNullElse(rs.getStatus().getAvailableReplicas(), 0);
    return desired != null && desired == replicas && RolloutArithmetic.specReplicas(rs) == replicas && available == replicas;
  }

  private static Split replace(Split split, ReplicaSet before, ReplicaSet after) {
    if (split.newRs() != null && split.newRs().getMetadata().getName().equals(before.getMetadata().getName())) {
      return new Split(after, split.old());
    }
    var old = new ArrayList<ReplicaSet>();
    for (var rs : split.old()) {
      old.add(rs.getMetadata().getName().equals(before.getMetadata().getName()) ? after : rs);
    }
    return new Split(split.newRs(), old);
  }

  /** Sets {@code rs}'s replicas and replica annotations; records a ScalingReplicaSet event on resize. */
  private ReplicaSet scaleReplicaSet(ReplicaSet rs, int replicas, Deployment d) {
    int from = RolloutArithmetic.specReplicas(rs);
    var copy = Serialization.clone(rs);
    boolean annotationsChanged = setReplicasAnnotations(copy, RolloutArithmetic.replicas(d),
        RolloutArithmetic.replicas(d) + RolloutArithmetic.maxSurge(d));
    if (from == replicas && !annotationsChanged) {
      return rs;
    }
    copy.getSpec().setReplicas(replicas);
    var updated = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(copy).update();
    if (from != replicas) {
      events.event(d, EventRecorder.NORMAL, "ScalingReplicaSet",
          "Scaled " + (replicas > from ? "up" : "down") + " replica set " + rs.getMetadata().getName() + " from " + from + " to " + replicas);
    }
    return updated;
  }

  // ---- strategies ------------------------------------------------------------------------------

  private void rolloutRolling(Deployment d, List<ReplicaSet> sets) {
    var split = syncRevision(d, sets, true);
    var newRs = split.newRs();
    int replicas = RolloutArithmetic.replicas(d);
    // Scale the new ReplicaSet up (or down to the desired size).
    int newSpec = RolloutArithmetic.specReplicas(newRs);
    if (newSpec != replicas) {
      int target = newSpec > replicas ? replicas : RolloutArithmetic.newReplicaSetReplicas(d, split.all(), newRs);
      if (target != newSpec) {
        var scaled = scaleReplicaSet(newRs, target, d);
        split = replace(split, newRs, scaled);
        syncRolloutStatus(d, split.all(), split.newRs());
        return;
      }
    }
    var scaledDown = reconcileOldReplicaSets(d, split);
    if (scaledDown != null) {
      syncRolloutStatus(d, scaledDown.all(), scaledDown.newRs());
      return;
    }
    if (isComplete(d, d.getStatus())) {
      cleanupOld(d, split.old());
    }
    syncRolloutStatus(d, split.all(), split.newRs());
  }

  /** Upstream's reconcileOldReplicaSets; the updated split when something was scaled, else null. */
  private Split reconcileOldReplicaSets(Deployment d, Split split) {
    var oldActive = active(split.old());
    int oldPods = RolloutArithmetic.sumSpecReplicas(oldActive);
    if (oldPods == 0) {
      return null;
    }
    var newRs = split.newRs();
    int allPods = RolloutArithmetic.sumSpecReplicas(split.all());
    int replicas = RolloutArithmetic.replicas(d);
    int maxUnavailable = RolloutArithmetic.maxUnavailable(d);
    int newAvailable = RolloutArithmetic.availableWithinSpec(newRs);
    int maxScaledDown = RolloutArithmetic.maxOldScaleDown(allPods, replicas, maxUnavailable, RolloutArithmetic.specReplicas(newRs), newAvailable);
    if (maxScaledDown <= 0) {
      return null;
    }
    // First drop old replicas that are not available anyway: they hold back nothing.
    var result = split;
    int cleaned = 0;
    var oldSorted = new ArrayList<>(oldActive);
    oldSorted.sort(byCreation());
    for (var rs : oldSorted) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      int spec = RolloutArithmetic.specReplicas(rs);
      int unhealthy = spec - RolloutArithmetic.availableWithinSpec(rs);
      if (spec == 0 || unhealthy <= 0) {
        continue;
      }
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      result = replace(result, rs, scaleReplicaSet(rs, spec - down, d));
      cleaned += down;
    }
    // Then scale old sets down while enough pods stay available.
    int minAvailable = replicas - maxUnavailable;
    int availableNow = RolloutArithmetic.sumAvailableWithinSpec(result.all());
    int scaledDown = 0;
    if (availableNow > minAvailable) {
      int total = availableNow - minAvailable;
      var remaining = new ArrayList<>(active(result.old()));
      remaining.sort(byCreation());
      for (var rs : remaining) {
        if (scaledDown >= total) {
          break;
        }
        int spec = RolloutArithmetic.specReplicas(rs);
        int down = Math.min(spec, total - scaledDown);
        result = replace(result, rs, scaleReplicaSet(rs, spec - down, d));
        scaledDown += down;
      }
    }
    return cleaned + scaledDown > 0 ? result : null;
  }

  private void rolloutRecreate(Deployment d, List<ReplicaSet> sets) {
    var split = syncRevision(d, sets, false);
    boolean scaledDown = false;
    for (var rs : active(split.old())) {
      split = replace(split, rs, scaleReplicaSet(rs, 0, d));
      scaledDown = true;
    }
    if (scaledDown) {
      syncRolloutStatus(d, split.all(), split.newRs());
      return;
    }
    if (oldPodsRunning(split)) {
      syncRolloutStatus(d, split.all(), split.newRs());
      return;
    }
    if (split.newRs() == null) {
      split = syncRevision(d, sets, true);
    }
    if (RolloutArithmetic.specReplicas(split.newRs()) != RolloutArithmetic.replicas(d)) {
      split = replace(split, split.newRs(), scaleReplicaSet(split.newRs(), RolloutArithmetic.replicas(d), d));
    }
    if (isComplete(d, d.getStatus())) {
      cleanupOld(d, split.old());
    }
    syncRolloutStatus(d, split.all(), split.newRs());
  }

  /** Whether any pod of an old ReplicaSet still exists in a non-terminal phase (terminating ones count). */
  private boolean oldPodsRunning(Split split) {
    if (RolloutArithmetic.sumStatus(split.old(), ReplicaSetStatus::getReplicas) > 0) {
      return true;
    }
    var oldUids = new java.util.HashSet<String>();
    split.old().forEach(rs -> oldUids.add(rs.getMetadata().getUid()));
    if (oldUids.isEmpty()) {
      return false;
    }
    var namespace = split.old().getFirst().getMetadata().getNamespace();
    for (var pod : informers.list(Pod.class, namespace)) {
      var ref = OwnerReferences.controllerOf(pod);
      if (ref == null || !oldUids.contains(ref.getUid())) {
        continue;
      }
      var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
        return true;
      }
    }
    return false;
  }

  /** Deletes the oldest empty old ReplicaSets beyond {@code revisionHistoryLimit}. */
  private void cleanupOld(Deployment d, List<ReplicaSet> old) {
    var limit = d.getSpec().getRevisionHistoryLimit();
    if (limit == null) {
      return;
    }
    var cleanable = new ArrayList<>(old.stream().filter(rs -> rs.getMetadata().getDeletionTimestamp() == null).toList());
    int diff = cleanable.size() - limit;
    if (diff <= 0) {
      return;
    }
    cleanable.sort(Comparator.comparingLong(DeploymentController::revision).thenComparing(byCreation()));
    for (int i = 0; i < diff; i++) {
      var rs = cleanable.get(i);
      var status = rs.getStatus();
      int statusReplicas = status == null ? 0 : Objects.requireNonNullElse(status.getReplicas(), 0);
      long observed = status == null || status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
      long generation = Objects.requireNonNullElse(rs.getMetadata().getGeneration(), 0L);
      if (statusReplicas != 0 || RolloutArithmetic.specReplicas(rs) != 0 || generation > observed) {
        continue;
      }
      try {
        client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).delete();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
      }
    }
  }

  // ---- status ----------------------------------------------------------------------------------

  private static boolean hasProgressDeadline(Deployment d) {
    var deadline = d.getSpec().getProgressDeadlineSeconds();
    return deadline != null && deadline != Integer.MAX_VALUE;
  }

  private void checkPausedConditions(Deployment d) {
    if (!hasProgressDeadline(d)) {
      return;
    }
    var current = condition(d, PROGRESSING);
    if (current != null && "ProgressDeadlineExceeded".equals(current.getReason())) {
      return;
    }
    boolean pausedCondition = current != null && "DeploymentPaused".equals(current.getReason());
    boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
    if (paused && !pausedCondition) {
      setCondition(d, newCondition(PROGRESSING, "Unknown", "DeploymentPaused", "Deployment is paused"));
      updateStatus(d);
    } else if (!paused && pausedCondition) {
      setCondition(d, newCondition(PROGRESSING, "Unknown", "DeploymentResumed", "Deployment is resumed"));
      updateStatus(d);
    }
  }

  private DeploymentStatus calculateStatus(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    int available = RolloutArithmetic.sumStatus(all, ReplicaSetStatus::getAvailableReplicas);
    int total = RolloutArithmetic.sumSpecReplicas(all);
    var status = new DeploymentStatus();
    // Zero counts are left out, as upstream's omitempty fields are on the wire.
    status.setObservedGeneration(d.getMetadata().getGeneration());
    status.setReplicas(omitZero(RolloutArithmetic.sumStatus(all, ReplicaSetStatus::getReplicas)));
    status.setUpdatedReplicas(omitZero(newRs == null ? 0 : RolloutArithmetic.sumStatus(List.of(newRs), ReplicaSetStatus::getReplicas)));
    status.setReadyReplicas(omitZero(RolloutArithmetic.sumStatus(all, ReplicaSetStatus::getReadyReplicas)));
    status.setAvailableReplicas(omitZero(available));
    status.setUnavailableReplicas(omitZero(Math.max(0, total - available)));
    status.setCollisionCount(d.getStatus() == null ? null : d.getStatus().getCollisionCount());
    var conditions = new ArrayList<DeploymentCondition>();
    if (d.getStatus() != null && d.getStatus().getConditions() != null) {
      d.getStatus().getConditions().forEach(c -> conditions.add(Serialization.clone(c)));
    }
    status.setConditions(conditions);
    if (available >= RolloutArithmetic.replicas(d) - RolloutArithmetic.maxUnavailable(d)) {
      setCondition(status, newCondition(AVAILABLE, "True", "MinimumReplicasAvailable", "Deployment has minimum availability."));
    } else {
      setCondition(status, newCondition(AVAILABLE, "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
    }
    return status;
  }

  private void syncDeploymentStatus(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    var status = calculateStatus(d, all, newRs);
    if (!status.equals(d.getStatus())) {
      d.setStatus(status);
      updateStatus(d);
    }
  }

  static boolean isComplete(Deployment d, DeploymentStatus status) {
    if (status == null) {
      return false;
    }
    int replicas = RolloutArithmetic.replicas(d);
    return n(status.getUpdatedReplicas()) == replicas && n(status.getReplicas()) == replicas
        && n(status.getAvailableReplicas()) == replicas
        && Objects.requireNonNullElse(status.getObservedGeneration(), 0L) >= Objects.requireNonNullElse(d.getMetadata().getGeneration(), 0L);
  }

  private static boolean isProgressing(Deployment d, DeploymentStatus next) {
    var old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    int oldOld = n(old.getReplicas()) - n(old.getUpdatedReplicas());
    int newOld = n(next.getReplicas()) - n(next.getUpdatedReplicas());
    return n(next.getUpdatedReplicas()) > n(old.getUpdatedReplicas()) || newOld < oldOld
        || n(next.getReadyReplicas()) > n(old.getReadyReplicas()) || n(next.getAvailableReplicas()) > n(old.getAvailableReplicas());
  }

  private boolean timedOut(Deployment d, DeploymentStatus next) {
    if (!hasProgressDeadline(d)) {
      return false;
    }
    var condition = condition(next, PROGRESSING);
    if (condition == null || "NewReplicaSetAvailable".equals(condition.getReason())) {
      return false;
    }
    if ("ProgressDeadlineExceeded".equals(condition.getReason())) {
      return true;
    }
    if (condition.getLastUpdateTime() == null) {
      return false;
    }
    var from = Instant.parse(condition.getLastUpdateTime());
    return from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(clock.instant());
  }

  private void syncRolloutStatus(Deployment d, List<ReplicaSet> all, ReplicaSet newRs) {
    var next = calculateStatus(d, all, newRs);
    if (!hasProgressDeadline(d)) {
      next.getConditions().removeIf(c -> PROGRESSING.equals(c.getType()));
    }
    var current = condition(d, PROGRESSING);
    boolean complete = n(next.getReplicas()) == n(next.getUpdatedReplicas()) && current != null
        && "NewReplicaSetAvailable".equals(current.getReason());
    var subject = newRs != null ? "ReplicaSet \"" + newRs.getMetadata().getName() + "\"" : "Deployment \"" + d.getMetadata().getName() + "\"";
    if (hasProgressDeadline(d) && !complete) {
      if (isComplete(d, next)) {
        setCondition(next, newCondition(PROGRESSING, "True", "NewReplicaSetAvailable", subject + " has successfully progressed."));
      } else if (isProgressing(d, next)) {
        var condition = newCondition(PROGRESSING, "True", "ReplicaSetUpdated", subject + " is progressing.");
        if (current != null && "True".equals(current.getStatus())) {
          condition.setLastTransitionTime(current.getLastTransitionTime());
        }
        next.getConditions().removeIf(c -> PROGRESSING.equals(c.getType()));
        setCondition(next, condition);
      } else if (timedOut(d, next)) {
        setCondition(next, newCondition(PROGRESSING, "False", "ProgressDeadlineExceeded", subject + " has timed out progressing."));
      }
    }
    var failure = replicaFailure(all, newRs);
    if (failure != null) {
      setCondition(next, failure);
    } else {
      next.getConditions().removeIf(c -> REPLICA_FAILURE.equals(c.getType()));
    }
    if (next.equals(d.getStatus())) {
      requeueStuck(d, next);
      return;
    }
    d.setStatus(next);
    updateStatus(d);
  }

  /** Upstream's requeueStuckDeployment: wake up when the progress deadline would pass. */
  private void requeueStuck(Deployment d, DeploymentStatus next) {
    var current = condition(d, PROGRESSING);
    if (!hasProgressDeadline(d) || current == null || isComplete(d, next) || "ProgressDeadlineExceeded".equals(current.getReason())
        || current.getLastUpdateTime() == null) {
      return;
    }
    var deadline = Instant.parse(current.getLastUpdateTime()).plusSeconds(d.getSpec().getProgressDeadlineSeconds());
    var after = Duration.between(clock.instant(), deadline);
    var key = OwnerReferences.key(d);
    if (after.compareTo(Duration.ofSeconds(1)) < 0) {
      queue.addRateLimited(key);
    } else {
      queue.addAfter(key, after.plusSeconds(1));
    }
  }

  private static DeploymentCondition replicaFailure(List<ReplicaSet> all, ReplicaSet newRs) {
    var ordered = new ArrayList<ReplicaSet>();
    if (newRs != null) {
      ordered.add(newRs);
    }
    all.stream().filter(rs -> rs != newRs).forEach(ordered::add);
    for (var rs : ordered) {
      if (rs.getStatus() == null || rs.getStatus().getConditions() == null) {
        continue;
      }
      for (var c : rs.getStatus().getConditions()) {
        if (REPLICA_FAILURE.equals(c.getType())) {
          return new DeploymentConditionBuilder().withType(REPLICA_FAILURE).withStatus(c.getStatus()).withReason(c.getReason())
              .withMessage(c.getMessage()).withLastTransitionTime(c.getLastTransitionTime()).withLastUpdateTime(c.getLastTransitionTime())
              .build();
        }
      }
    }
    return null;
  }

  private DeploymentCondition newCondition(String type, String status, String reason, String message) {
    var now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
        .withLastUpdateTime(now).withLastTransitionTime(now).build();
  }

  private static DeploymentCondition condition(Deployment d, String type) {
    return d.getStatus() == null ? null : condition(d.getStatus(), type);
  }

  private static DeploymentCondition condition(DeploymentStatus status, String type) {
    if (status.getConditions() == null) {
      return null;
    }
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  private static void setCondition(Deployment d, DeploymentCondition condition) {
    if (d.getStatus() == null) {
      d.setStatus(new DeploymentStatus());
    }
    if (d.getStatus().getConditions() == null) {
      d.getStatus().setConditions(new ArrayList<>());
    } else {
      d.getStatus().setConditions(new ArrayList<>(d.getStatus().getConditions()));
    }
    setCondition(d.getStatus(), condition);
  }

  /** Upstream's SetDeploymentCondition: same status and reason keeps the existing condition. */
  private static void setCondition(DeploymentStatus status, DeploymentCondition condition) {
    var current = condition(status, condition.getType());
    if (current != null && Objects.equals(current.getStatus(), condition.getStatus()) && Objects.equals(current.getReason(), condition.getReason())) {
      return;
    }
    if (current != null && Objects.equals(current.getStatus(), condition.getStatus())) {
      condition.setLastTransitionTime(current.getLastTransitionTime());
    }
    var conditions = new ArrayList<>(Objects.requireNonNullElse(status.getConditions(), List.<DeploymentCondition>of()));
    conditions.removeIf(c -> condition.getType().equals(c.getType()));
    conditions.add(condition);
    status.setConditions(conditions);
  }

  private void updateStatus(Deployment d) {
    try {
      var updated = client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(d).updateStatus();
      d.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private static Integer omitZero(int value) {
    return value == 0 ? null : value;
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }

  // ---- event handlers --------------------------------------------------------------------------

  private String deploymentKeyOf(ReplicaSet rs) {
    var ref = OwnerReferences.controllerOf(rs);
    if (ref == null || !"Deployment".equals(ref.getKind())) {
      return null;
    }
    var d = informers.get(Deployment.class, rs.getMetadata().getNamespace(), ref.getName());
    if (d == null || !ref.getUid().equals(d.getMetadata().getUid())) {
      return null;
    }
    return OwnerReferences.key(d);
  }

  private void enqueueMatching(ReplicaSet rs) {
    var labels = Objects.requireNonNullElse(rs.getMetadata().getLabels(), Map.<String, String>of());
    if (labels.isEmpty()) {
      return;
    }
    for (var d : informers.list(Deployment.class, rs.getMetadata().getNamespace())) {
      var selector = selector(d);
      if (!selector.isEmpty() && selector.matches(labels)) {
        queue.add(OwnerReferences.key(d));
      }
    }
  }

  private final class DeploymentHandler implements ResourceEventHandler<Deployment> {
    @Override
    public void onAdd(Deployment d) {
      queue.add(OwnerReferences.key(d));
    }

    @Override
    public void onUpdate(Deployment oldD, Deployment newD) {
      queue.add(OwnerReferences.key(newD));
    }

    @Override
    public void onDelete(Deployment d, boolean finalStateUnknown) {
      queue.add(OwnerReferences.key(d));
    }
  }

  private final class ReplicaSetHandler implements ResourceEventHandler<ReplicaSet> {
    @Override
    public void onAdd(ReplicaSet rs) {
      var key = deploymentKeyOf(rs);
      if (key != null) {
        queue.add(key);
      } else if (OwnerReferences.controllerOf(rs) == null && rs.getMetadata().getDeletionTimestamp() == null) {
        enqueueMatching(rs);
      }
    }

    @Override
    public void onUpdate(ReplicaSet oldRs, ReplicaSet newRs) {
      if (Objects.equals(oldRs.getMetadata().getResourceVersion(), newRs.getMetadata().getResourceVersion())) {
        return;
      }
      var oldRef = OwnerReferences.controllerOf(oldRs);
      var newRef = OwnerReferences.controllerOf(newRs);
      if (oldRef != null && (newRef == null || !oldRef.getUid().equals(newRef.getUid()))) {
        var oldKey = deploymentKeyOf(oldRs);
        if (oldKey != null) {
          queue.add(oldKey);
        }
      }
      var key = deploymentKeyOf(newRs);
      if (key != null) {
        queue.add(key);
      } else if (newRef == null && (!Objects.equals(oldRs.getMetadata().getLabels(), newRs.getMetadata().getLabels()) || oldRef != null)) {
        enqueueMatching(newRs);
      }
    }

    @Override
    public void onDelete(ReplicaSet rs, boolean finalStateUnknown) {
      var key = deploymentKeyOf(rs);
      if (key != null) {
        queue.add(key);
      }
    }
  }

  /** Pods matter only to Recreate, which waits for the old pods to be gone. */
  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {}

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {}

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
      var ref = OwnerReferences.controllerOf(pod);
      if (ref == null || !"ReplicaSet".equals(ref.getKind())) {
        return;
      }
      var rs = informers.get(ReplicaSet.class, pod.getMetadata().getNamespace(), ref.getName());
      if (rs == null) {
        return;
      }
      var key = deploymentKeyOf(rs);
      if (key == null) {
        return;
      }
      var d = informers.get(Deployment.class, rs.getMetadata().getNamespace(), key.substring(key.indexOf('/') + 1));
      if (d != null && !RolloutArithmetic.isRollingUpdate(d)) {
        queue.add(key);
      }
    }
  }
}
