package io.kube4j.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kube4j.controllers.BuiltinControllers;
import io.kube4j.nodesim.NodeTemplate;
import io.kube4j.nodesim.SimulatedNodes;
import io.kube4j.scheduler.Scheduler;
import io.kube4j.scheduler.lifecycle.NodeLifecycleController;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
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

  private final KubernetesClient client;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  private ControlPlane(KubernetesClient client) {
    this.client = client;
  }

  static ControlPlane start(ServerConfig.Components components, Path kubeconfig, Clock clock) throws Exception {
    var plane = new ControlPlane(LoopbackClient.connect(kubeconfig, 30_000));
    try {
      if (components.controllers()) {
        plane.started("controllers", () -> BuiltinControllers.start(plane.client, clock, BuiltinControllers.DEFAULT_WORKERS));
      }
      if (components.scheduler()) {
        plane.started("scheduler", () -> Scheduler.start(plane.client, Scheduler.Config.defaults()));
        plane.started("node lifecycle controller", () -> NodeLifecycleController.start(plane.client, NodeLifecycleController.Config.defaults()));
      }
      if (components.simulatedNodes() > 0) {
        plane.started(components.simulatedNodes() + " simulated nodes",
            () -> SimulatedNodes.start(plane.client, NodeTemplate.of(components.simulatedNodes())));
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
    client.close();
  }
}
