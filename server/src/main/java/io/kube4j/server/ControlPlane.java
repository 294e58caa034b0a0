package io.kube4j.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kube4j.controllers.BuiltinControllers;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.nodesim.NodeTemplate;
import io.kube4j.nodesim.SimulatedNodes;
import io.kube4j.scheduler.Scheduler;
import io.kube4j.scheduler.lifecycle.NodeLifecycleController;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane components that run in the server process beside the API server. Each is an
 * ordinary API client (DESIGN.md principle 1), connected over the server's own HTTPS endpoint with
 * the admin credentials, so the same components can later run on other machines.
 */
final class ControlPlane implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  private final Path kubeconfig;
  /** The controller manager's client; the shared informers read through it. */
  private final KubernetesClient client;
  /** The other components' clients, each with its component's user agent. */
  private final List<KubernetesClient> otherClients = new ArrayList<>();
  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  private ControlPlane(Path kubeconfig, KubernetesClient client) {
    this.kubeconfig = kubeconfig;
    this.client = client;
  }

  /** A client of its own for {@code component}, so its writes carry its name (see {@link LoopbackClient#connect}). */
  private KubernetesClient connect(String component) throws IOException {
    return closedWithThis(LoopbackClient.connect(kubeconfig, 30_000, component));
  }

  private KubernetesClient closedWithThis(KubernetesClient client) {
    otherClients.add(client);
    return client;
  }

  static ControlPlane start(ServerConfig.Components components, Path kubeconfig, Clock clock) throws Exception {
    var plane = new ControlPlane(kubeconfig, LoopbackClient.connect(kubeconfig, 30_000, "kube-controller-manager"));
    try {
      // One set of informers for every component here, as kube-controller-manager's shared informer factory:
      // each pod, node and Lease change is watched and decoded once, not once per component. The schemaless
      // informers (the garbage collector's, for resources no component has a typed informer for) are metadata
      // informers, as upstream's.
      var informers = new SharedInformers(plane.client,
          plane.closedWithThis(LoopbackClient.connectForMetadata(kubeconfig, 30_000, "kube-controller-manager")));
      plane.running.push(informers);
      // The scheduler and the node lifecycle controller ask for their typed informers before the controllers
      // are built, so the garbage collector shares those rather than watching pods, nodes and Leases again.
      var scheduler = components.scheduler() ? new Scheduler(plane.connect("kube-scheduler"), informers, Scheduler.Config.defaults()) : null;
      var lifecycle = components.scheduler()
          ? new NodeLifecycleController(plane.client, informers, NodeLifecycleController.Config.defaults()) : null;
      if (components.controllers()) {
        plane.started("controllers", () -> BuiltinControllers.start(plane.client, informers, clock, BuiltinControllers.DEFAULT_WORKERS));
      } else {
        informers.start(SharedInformers.SYNC_TIMEOUT);
      }
      if (scheduler != null) {
        plane.started("scheduler", scheduler::run);
        plane.started("node lifecycle controller", lifecycle::run);
      }
      if (components.simulatedNodes() > 0) {
        plane.started(components.simulatedNodes() + " simulated nodes",
            () -> SimulatedNodes.start(plane.connect("kubelet"), NodeTemplate.of(components.simulatedNodes())));
      }
    } catch (Exception e) {
      plane.close();
      throw e;
    }
    return plane;
  }

  private void started(String what, Callable<? extends AutoCloseable> start) throws Exception {
    long begin = System.nanoTime();
    running.push(start.call());
    log.info("{} started in {} ms", what, (System.nanoTime() - begin) / 1_000_000);
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        log.warn("stopping a control-plane component failed: {}", e.toString());
      }
    }
    otherClients.forEach(KubernetesClient::close);
    client.close();
  }
}
