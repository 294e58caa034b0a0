package io.kube4j.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kube4j.machinery.selection.LabelSelector;
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
      return StatusWire.read(owner.getStatus());
    }

    @Override
    public ReplicaSet updateStatus(KubernetesClient client, ReplicaSet owner, Status status) {
      var copy = Serialization.clone(owner);
      copy.setStatus(StatusWire.write(status, ReplicaSetStatus.class));
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
      return StatusWire.read(owner.getStatus());
    }

    @Override
    public ReplicationController updateStatus(KubernetesClient client, ReplicationController owner, Status status) {
      var copy = Serialization.clone(owner);
      copy.setStatus(StatusWire.write(status, ReplicationControllerStatus.class));
      return client.replicationControllers().inNamespace(owner.getMetadata().getNamespace()).resource(copy).updateStatus();
    }

    @Override
    public ReplicationController get(KubernetesClient client, String namespace, String name) {
      return client.replicationControllers().inNamespace(namespace).withName(name).get();
    }
  }
}
