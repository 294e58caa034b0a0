package io.kube4j.controllers;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kube4j.controllers.deployment.DeploymentController;
import io.kube4j.controllers.disruption.DisruptionController;
import io.kube4j.controllers.garbagecollector.GarbageCollector;
import io.kube4j.controllers.namespace.NamespaceController;
import io.kube4j.controllers.serviceaccount.ServiceAccountController;
import io.kube4j.controllers.replicaset.ReplicaSetController;
import io.kube4j.controllers.replicaset.ReplicatedKind;
import io.kube4j.controllers.runtime.ControllerManager;
import io.kube4j.controllers.runtime.EventRecorder;
import io.kube4j.controllers.runtime.SharedInformers;
import java.time.Clock;

/**
 * kube4j's controller manager wiring: every built-in controller this module provides (workloads,
 * namespaces, service accounts, disruption budgets, the garbage collector), sharing one set of informers, talking to the
 * API server only through {@code client}.
 */
public final class BuiltinControllers {

  /** Upstream's default concurrency for the workload controllers ({@code --concurrent-*-syncs}). */
  public static final int DEFAULT_WORKERS = 5;

  private BuiltinControllers() {}

  /**
   * Starts the Deployment, ReplicaSet, ReplicationController, namespace, service account and disruption controllers and
   * the garbage collector against {@code client}, on informers of their own, and returns once their caches are
   * filled. Closing the returned manager stops them and the informers.
   */
  public static ControllerManager start(KubernetesClient client, Clock clock, int workersPerController) throws Exception {
    var informers = new SharedInformers(client);
    try {
      return start(client, informers, clock, workersPerController).closeOnStop(informers);
    } catch (Exception e) {
      informers.close();
      throw e;
    }
  }

  /**
   * As {@link #start(KubernetesClient, Clock, int)}, on {@code informers} shared with other components (the
   * scheduler, say), which the caller stops after closing the manager. Components that want typed informers
   * should ask for them before this, so the garbage collector shares those instead of watching the same
   * resource again schemaless.
   */
  public static ControllerManager start(KubernetesClient client, SharedInformers informers, Clock clock, int workersPerController)
      throws Exception {
    // One recorder per controller so each event's source names the controller that wrote it, as upstream.
    var deploymentEvents = new EventRecorder(client, "deployment-controller", clock);
    var replicaSetEvents = new EventRecorder(client, "replicaset-controller", clock);
    var replicationEvents = new EventRecorder(client, "replication-controller", clock);
    var garbageCollectorEvents = new EventRecorder(client, "garbage-collector-controller", clock);
    var manager = new ControllerManager(informers)
        .register(new DeploymentController(client, informers, deploymentEvents, clock), workersPerController)
        .register(new ReplicaSetController<>(ReplicatedKind.REPLICA_SETS, client, informers, replicaSetEvents, clock),
            workersPerController)
        .register(new ReplicaSetController<>(ReplicatedKind.REPLICATION_CONTROLLERS, client, informers, replicationEvents, clock),
            workersPerController)
        .register(new NamespaceController(client, informers, clock), 2)
        .register(new ServiceAccountController(client, informers, clock), 1)
        .register(new DisruptionController(client, informers, clock), 1)
        .register(new GarbageCollector(client, informers, garbageCollectorEvents, clock), workersPerController)
        .closeOnStop(garbageCollectorEvents)
        .closeOnStop(deploymentEvents)
        .closeOnStop(replicaSetEvents)
        .closeOnStop(replicationEvents);
    try {
      manager.start(SharedInformers.SYNC_TIMEOUT);
    } catch (Exception e) {
      manager.close();
      throw e;
    }
    return manager;
  }
}
