package io.kube4j.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerCondition;
import io.fabric8.kubernetes.api.model.ReplicationControllerConditionBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kube4j.machinery.selection.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The two kinds that keep N copies of a pod template running, ReplicaSet and ReplicationController,
 * seen through what their controller needs; they differ only in selector shape and status types.
 */
public sealed interface ReplicatedKind<T extends HasMetadata> {

  /** A replica-failure style condition ({@code ReplicaFailure}) as both kinds store it. */
  record Condition(String type, String status, String reason, String message, String lastTransitionTime) {}

  /** The status fields both kinds share. */
  record Status(int replicas, int fullyLabeledReplicas, int readyReplicas, int availableReplicas, long observedGeneration,
      List<Condition> conditions) {
    public Status {
      conditions = List.copyOf(conditions);
    }
  }

  ReplicatedKind<ReplicaSet> REPLICA_SETS = new ReplicaSets();
  ReplicatedKind<ReplicationController> REPLICATION_CONTROLLERS = new ReplicationControllers();

  Class<T> type();

  /** The controller's name in events and logs. */
  String component();

  LabelSelector selector(T owner);

  int replicas(T owner);

  int minReadySeconds(T owner);

  PodTemplateSpec template(T owner);

  Status status(T owner);

  /** Writes {@code status} through the status subresource, based on {@code owner}'s resourceVersion. */
  T updateStatus(KubernetesClient client, T owner, Status status);

  T get(KubernetesClient client, String namespace, String name);

  /** ReplicaSet: a full label selector. */
  final class ReplicaSets implements ReplicatedKind<ReplicaSet> {
    @Override
    public Class<ReplicaSet> type() {
      return ReplicaSet.class;
    }

    @Override
    public String component() {
      return "replicaset-controller";
    }

    @Override
    public LabelSelector selector(ReplicaSet owner) {
      JsonNode json = Serialization.jsonMapper().valueToTree(owner.getSpec().getSelector());
      return json == null || json.isNull() ? LabelSelector.nothing() : LabelSelector.fromJson(json);
    }

    @Override
    public int replicas(ReplicaSet owner) {
      return Objects.requireNonNullElse(owner.getSpec().getReplicas(), 1);
    }

    @Override
    public int minReadySeconds(ReplicaSet owner) {
      return Objects.requireNonNullElse(owner.getSpec().getMinReadySeconds(), 0);
    }

    @Override
    public PodTemplateSpec template(ReplicaSet owner) {
      return owner.getSpec().getTemplate();
    }

    @Override
    public Status status(ReplicaSet owner) {
      var s = owner.getStatus();
      if (s == null) {
        return new Status(0, 0, 0, 0, 0, List.of());
      }
      var conditions = new ArrayList<Condition>();
      if (s.getConditions() != null) {
        for (var c : s.getConditions()) {
          conditions.add(new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime()));
        }
      }
      return new Status(n(s.getReplicas()), n(s.getFullyLabeledReplicas()), n(s.getReadyReplicas()), n(s.getAvailableReplicas()),
          s.getObservedGeneration() == null ? 0 : s.getObservedGeneration(), conditions);
    }

    @Override
    public ReplicaSet updateStatus(KubernetesClient client, ReplicaSet owner, Status status) {
      var copy = Serialization.clone(owner);
      List<ReplicaSetCondition> conditions = new ArrayList<>();
      for (var c : status.conditions()) {
        conditions.add(new ReplicaSetConditionBuilder().withType(c.type()).withStatus(c.status()).withReason(c.reason())
            .withMessage(c.message()).withLastTransitionTime(c.lastTransitionTime()).build());
      }
      var s = copy.getStatus() == null ? new ReplicaSetStatus() : copy.getStatus();
      s.setReplicas(status.replicas());
      s.setFullyLabeledReplicas(omitZero(status.fullyLabeledReplicas()));
      s.setReadyReplicas(omitZero(status.readyReplicas()));
      s.setAvailableReplicas(omitZero(status.availableReplicas()));
      s.setObservedGeneration(status.observedGeneration());
      s.setConditions(conditions.isEmpty() ? null : conditions);
      copy.setStatus(s);
      return client.apps().replicaSets().inNamespace(owner.getMetadata().getNamespace()).resource(copy).updateStatus();
    }

    @Override
    public ReplicaSet get(KubernetesClient client, String namespace, String name) {
      return client.apps().replicaSets().inNamespace(namespace).withName(name).get();
    }
  }

  /** ReplicationController: an equality-only selector given as a map. */
  final class ReplicationControllers implements ReplicatedKind<ReplicationController> {
    @Override
    public Class<ReplicationController> type() {
      return ReplicationController.class;
    }

    @Override
    public String component() {
      return "replication-controller";
    }

    @Override
    public LabelSelector selector(ReplicationController owner) {
      Map<String, String> selector = owner.getSpec().getSelector();
      return selector == null || selector.isEmpty() ? LabelSelector.nothing() : LabelSelector.fromSet(selector);
    }

    @Override
    public int replicas(ReplicationController owner) {
      return Objects.requireNonNullElse(owner.getSpec().getReplicas(), 1);
    }

    @Override
    public int minReadySeconds(ReplicationController owner) {
      return Objects.requireNonNullElse(owner.getSpec().getMinReadySeconds(), 0);
    }

    @Override
    public PodTemplateSpec template(ReplicationController owner) {
      return owner.getSpec().getTemplate();
    }

    @Override
    public Status status(ReplicationController owner) {
      var s = owner.getStatus();
      if (s == null) {
        return new Status(0, 0, 0, 0, 0, List.of());
      }
      var conditions = new ArrayList<Condition>();
      if (s.getConditions() != null) {
        for (var c : s.getConditions()) {
          conditions.add(new Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime()));
        }
      }
      return new Status(n(s.getReplicas()), n(s.getFullyLabeledReplicas()), n(s.getReadyReplicas()), n(s.getAvailableReplicas()),
          s.getObservedGeneration() == null ? 0 : s.getObservedGeneration(), conditions);
    }

    @Override
    public ReplicationController updateStatus(KubernetesClient client, ReplicationController owner, Status status) {
      var copy = Serialization.clone(owner);
      List<ReplicationControllerCondition> conditions = new ArrayList<>();
      for (var c : status.conditions()) {
        conditions.add(new ReplicationControllerConditionBuilder().withType(c.type()).withStatus(c.status()).withReason(c.reason())
            .withMessage(c.message()).withLastTransitionTime(c.lastTransitionTime()).build());
      }
      var s = copy.getStatus() == null ? new ReplicationControllerStatus() : copy.getStatus();
      s.setReplicas(status.replicas());
      s.setFullyLabeledReplicas(omitZero(status.fullyLabeledReplicas()));
      s.setReadyReplicas(omitZero(status.readyReplicas()));
      s.setAvailableReplicas(omitZero(status.availableReplicas()));
      s.setObservedGeneration(status.observedGeneration());
      s.setConditions(conditions.isEmpty() ? null : conditions);
      copy.setStatus(s);
      return client.replicationControllers().inNamespace(owner.getMetadata().getNamespace()).resource(copy).updateStatus();
    }

    @Override
    public ReplicationController get(KubernetesClient client, String namespace, String name) {
      return client.replicationControllers().inNamespace(namespace).withName(name).get();
    }
  }

  /** Upstream's omitempty: zero counts are absent on the wire. */
  private static Integer omitZero(int value) {
    return value == 0 ? null : value;
  }

  private static int n(Integer value) {
    return value == null ? 0 : value;
  }
}
