package io.kube4j.e2e;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays scheduler and kubelet for tests of controllers: binds every new pod to one node through the
 * {@code binding} subresource, marks it Running and Ready through the status subresource, and
 * finishes graceful deletions. Pods whose first container image contains {@code never-ready} are
 * bound and Running but never become Ready.
 */
final class FakeNode implements AutoCloseable {

  static final String NODE = "fake-node";

  private final KubernetesClient client;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
  private final Watch watch;

  FakeNode(KubernetesClient client) {
    this.client = client;
    this.watch = client.pods().inAnyNamespace().watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (action == Action.ADDED || action == Action.MODIFIED) {
          worker.execute(() -> handle(pod));
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        if (cause != null) {
          System.err.println("fake node: pod watch closed: " + cause);
        }
      }
    });
  }

  private void handle(Pod pod) {
    var ns = pod.getMetadata().getNamespace();
    var name = pod.getMetadata().getName();
    try {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
        return;
      }
      if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
        if (bind(ns, name)) {
          return;
        }
      }
      if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
        return;
      }
      var current = client.pods().inNamespace(ns).withName(name).get();
      if (current == null || current.getMetadata().getDeletionTimestamp() != null) {
        return;
      }
      boolean ready = !pod.getSpec().getContainers().getFirst().getImage().contains("never-ready");
      var now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      var readyStatus = ready ? "True" : "False";
      List<PodCondition> conditions = new ArrayList<>();
      conditions.add(condition("PodScheduled", "True", now));
      conditions.add(condition("Initialized", "True", now));
      conditions.add(condition("ContainersReady", readyStatus, now));
      conditions.add(condition("Ready", readyStatus, now));
      var status = current.getStatus();
      status.setPhase("Running");
      status.setConditions(conditions);
      status.setHostIP("10.0.0.1");
      status.setPodIP("10.42.0." + (1 + Math.floorMod(name.hashCode(), 250)));
      status.setStartTime(now);
      status.setContainerStatuses(current.getSpec().getContainers().stream().map(c -> new ContainerStatusBuilder()
          .withName(c.getName()).withImage(c.getImage()).withImageID("sha256:fake").withContainerID("fake://" + name + "/" + c.getName())
          .withReady(ready).withStarted(true).withRestartCount(0).withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
          .build()).toList());
      client.pods().inNamespace(ns).resource(current).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404 && e.getCode() != 409) {
        System.err.println("fake node: " + ns + "/" + name + ": " + e.getMessage());
      }
      // 409: the pod changed meanwhile; its next MODIFIED event brings us back.
    } catch (RuntimeException e) {
      System.err.println("fake node: " + ns + "/" + name + ": " + e);
      e.printStackTrace();
    }
  }

  /**
   * POSTs a Binding to {@code pods/NAME/binding}; false when the server refuses it, in which case the
   * pod is run unscheduled (this branch's API server rejects bindings with a pod-update validation
   * error, see the report).
   */
  private boolean bind(String ns, String name) {
    var body = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"target\":{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"name\":\"" + NODE + "\"}}";
    var http = client.getHttpClient();
    var url = client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + ns + "/pods/" + name + "/binding";
    var request = http.newHttpRequestBuilder().uri(url).post("application/json", body).build();
    try {
      var response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
      if (response.code() == 201 || response.code() == 200) {
        return true;
      }
      if (!bindingRefused) {
        bindingRefused = true;
        System.err.println("fake node: the server refused a binding (" + response.code() + "): " + response.body()
            + "; running pods without spec.nodeName");
      }
      return false;
    } catch (Exception e) {
      throw new IllegalStateException("binding " + ns + "/" + name + " failed", e);
    }
  }

  private volatile boolean bindingRefused;

  private static PodCondition condition(String type, String status, String now) {
    return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(now).build();
  }

  @Override
  public void close() {
    watch.close();
    worker.shutdownNow();
  }
}
