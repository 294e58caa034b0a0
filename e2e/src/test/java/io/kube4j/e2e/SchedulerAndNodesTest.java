package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.nodesim.NodeTemplate;
import io.kube4j.nodesim.SimulatedNodes;
import io.kube4j.scheduler.Scheduler;
import io.kube4j.scheduler.lifecycle.NodeLifecycleController;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real server with three simulated nodes, the scheduler and the node lifecycle controller, driven
 * by the real kubectl: pods get scheduled and Running, unschedulable pods explain why in
 * {@code kubectl describe} and get scheduled once the cluster changes, and an unreachable node is
 * tainted and loses its pods after their toleration.
 */
class SchedulerAndNodesTest {

  static TestCluster cluster;
  static io.kube4j.controllers.runtime.ControllerManager controllers;
  static SimulatedNodes nodes;
  static Scheduler scheduler;
  static NodeLifecycleController lifecycle;
  static SharedInformers informers;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start();
    var client = cluster.client();
    nodes = SimulatedNodes.start(client, NodeTemplate.of(3).withNames("node", 1).withCapacity("2", "4Gi", 110)
        .withIntervals(Duration.ofSeconds(1), Duration.ofSeconds(10)));
    // Wired as the server wires them: one set of informers shared by the scheduler, the node lifecycle
    // controller and the controllers, the typed ones asked for before the garbage collector picks its own.
    informers = new SharedInformers(client);
    scheduler = new Scheduler(client, informers, Scheduler.Config.defaults());
    lifecycle = new NodeLifecycleController(client, informers,
        new NodeLifecycleController.Config(Duration.ofSeconds(5), Duration.ofMillis(500), Clock.systemUTC()));
    controllers = io.kube4j.controllers.BuiltinControllers.start(client, informers, Clock.systemUTC(), 2);
    scheduler.run();
    lifecycle.run();
  }

  @AfterAll
  static void stop() throws Exception {
    controllers.close();
    lifecycle.close();
    scheduler.close();
    informers.close();
    nodes.close();
    cluster.close();
  }

  static String pod(String name, String extraSpec) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          labels: {app: %s}
        spec:
          containers:
          - name: app
            image: busybox
            command: ["sleep", "3600"]
        %s""".formatted(name, name, extraSpec.indent(2));
  }

  static List<io.fabric8.kubernetes.api.model.Pod> listPods(String namespace) {
    try {
      return cluster.client().pods().inNamespace(namespace).list().getItems();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
    var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  static String kubectl(String... args) {
    try {
      return cluster.kubectl(args).assertOk().stdout();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void nodesAreReadyAndBarePodsRunWithIps() throws Exception {
    var table = kubectl("get", "nodes");
    assertThat(table).containsPattern("node-1\\s+Ready\\s+<none>\\s+\\d+s\\s+v1.32.0")
        .containsPattern("node-2\\s+Ready").containsPattern("node-3\\s+Ready");
    kubectl("create", "namespace", "bare");
    for (int i = 0; i < 6; i++) {
      cluster.kubectlWithInput(pod("web-" + i, ""), "create", "-n", "bare", "-f", "-").assertOk();
    }
    eventually(() -> kubectl("get", "pods", "-n", "bare", "--field-selector", "status.phase=Running", "-o", "name").lines().count() == 6,
        "6 running pods");
    var wide = kubectl("get", "pods", "-n", "bare", "-o", "wide");
    assertThat(wide).containsPattern("web-0\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+node-[123]");
    var described = kubectl("describe", "pod", "web-0", "-n", "bare");
    assertThat(described).containsPattern("Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned bare/web-0 to node-[123]");
    // A binding writes no managedFields entry (upstream's binding updates storage without the field
    // manager): kubectl's create and the (simulated, fabric8) kubelet's status updates are the pod's managers.
    var managers = kubectl("get", "pod", "web-0", "-n", "bare", "--show-managed-fields",
        "-o", "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}/{.subresource};{end}");
    assertThat(managers.split(";")).containsExactlyInAnyOrder("kubectl-create/Update/", "fabric8-kubernetes-client/Update/status");
    // LeastAllocated spreads equal pods instead of piling them on one node.
    var spread = kubectl("get", "pods", "-n", "bare", "-o", "jsonpath={.items[*].spec.nodeName}");
    assertThat(java.util.Arrays.stream(spread.split(" ")).distinct().count()).isGreaterThan(1);
  }

  @Test
  void nodeSelectorWaitsForALabel() throws Exception {
    kubectl("create", "namespace", "selector");
    cluster.kubectlWithInput(pod("picky", "nodeSelector: {disk: ssd}"), "create", "-n", "selector", "-f", "-").assertOk();
    eventually(() -> kubectl("describe", "pod", "picky", "-n", "selector").contains("FailedScheduling"), "FailedScheduling event");
    var described = kubectl("describe", "pod", "picky", "-n", "selector");
    assertThat(described).contains("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. "
        + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    assertThat(kubectl("get", "pod", "picky", "-n", "selector", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}"))
        .isEqualTo("Unschedulable");
    // A label that does not help makes the scheduler try again; the repeat is counted on the same event.
    kubectl("label", "node", "node-1", "unrelated=yes");
    try {
      eventually(() -> kubectl("describe", "pod", "picky", "-n", "selector").lines()
          .anyMatch(line -> line.matches("\\s*Warning\\s+FailedScheduling\\s+\\S+ \\(x[2-9] over \\S+\\)\\s+default-scheduler\\s+0/3 nodes.*")),
          "FailedScheduling counted twice");
      assertThat(kubectl("get", "events", "-n", "selector", "--field-selector", "reason=FailedScheduling", "-o", "name").lines())
          .as("one Event object for the repeated failure").hasSize(1);
    } finally {
      kubectl("label", "node", "node-1", "unrelated-");
    }
    kubectl("label", "node", "node-2", "disk=ssd");
    eventually(() -> kubectl("get", "pod", "picky", "-n", "selector", "-o", "jsonpath={.spec.nodeName}").equals("node-2"), "picky on node-2");
    eventually(() -> kubectl("get", "pod", "picky", "-n", "selector", "-o", "jsonpath={.status.phase}").equals("Running"), "picky running");
  }

  @Test
  void taintsKeepPodsAwayUnlessTolerated() throws Exception {
    kubectl("create", "namespace", "taints");
    kubectl("taint", "node", "node-1", "dedicated=gpu:NoSchedule");
    kubectl("taint", "node", "node-2", "dedicated=gpu:NoSchedule");
    kubectl("taint", "node", "node-3", "dedicated=gpu:NoSchedule");
    try {
      cluster.kubectlWithInput(pod("plain", ""), "create", "-n", "taints", "-f", "-").assertOk();
      cluster.kubectlWithInput(pod("tolerant", """
          tolerations:
          - {key: dedicated, operator: Equal, value: gpu, effect: NoSchedule}"""), "create", "-n", "taints", "-f", "-").assertOk();
      eventually(() -> kubectl("get", "pod", "tolerant", "-n", "taints", "-o", "jsonpath={.status.phase}").equals("Running"), "tolerant running");
      eventually(() -> kubectl("describe", "pod", "plain", "-n", "taints").contains("FailedScheduling"), "plain FailedScheduling");
      assertThat(kubectl("describe", "pod", "plain", "-n", "taints"))
          .contains("0/3 nodes are available: 3 node(s) had untolerated taint {dedicated: gpu}.");
      assertThat(kubectl("get", "pod", "plain", "-n", "taints", "-o", "jsonpath={.spec.nodeName}")).isEmpty();
    } finally {
      kubectl("taint", "node", "node-1", "dedicated-");
      kubectl("taint", "node", "node-2", "dedicated-");
      kubectl("taint", "node", "node-3", "dedicated-");
    }
    eventually(() -> kubectl("get", "pod", "plain", "-n", "taints", "-o", "jsonpath={.status.phase}").equals("Running"), "plain running after untaint");
  }

  @Test
  void podsThatDoNotFitStayPendingUntilResourcesFree() throws Exception {
    kubectl("create", "namespace", "big");
    for (int i = 0; i < 4; i++) {
      var spec = pod("big-" + i, "").replace("command: [\"sleep\", \"3600\"]",
          "command: [\"sleep\", \"3600\"]\n    resources: {requests: {cpu: 1500m, memory: 1Gi}}");
      cluster.kubectlWithInput(spec, "create", "-n", "big", "-f", "-").assertOk();
    }
    eventually(() -> kubectl("get", "pods", "-n", "big", "--field-selector", "status.phase=Running", "-o", "name").lines().count() == 3,
        "3 big pods running");
    var pending = kubectl("get", "pods", "-n", "big", "--field-selector", "status.phase=Pending", "-o", "name").strip();
    assertThat(pending).startsWith("pod/big-");
    var name = pending.substring("pod/".length());
    eventually(() -> kubectl("describe", "pod", name, "-n", "big").contains("Insufficient cpu"), "Insufficient cpu");
    // Other tests' pods may also use memory on some node; cpu is short everywhere, and no pod has a lower priority.
    assertThat(kubectl("describe", "pod", name, "-n", "big")).containsPattern("0/3 nodes are available: (\\d Insufficient memory, )?3 Insufficient cpu\\. "
        + "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod\\.");
    var victim = kubectl("get", "pods", "-n", "big", "--field-selector", "status.phase=Running", "-o", "name").lines().findFirst().orElseThrow();
    kubectl("delete", "-n", "big", victim);
    eventually(() -> kubectl("get", "pod", name, "-n", "big", "-o", "jsonpath={.status.phase}").equals("Running"), name + " running after a delete");
  }

  @Test
  void unreachableNodeIsTaintedAndItsPodsEvicted() throws Exception {
    kubectl("create", "namespace", "lost");
    cluster.kubectlWithInput(pod("doomed", """
        nodeName: node-3
        tolerations:
        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 5}"""), "create", "-n", "lost", "-f", "-").assertOk();
    eventually(() -> kubectl("get", "pod", "doomed", "-n", "lost", "-o", "jsonpath={.status.phase}").equals("Running"), "doomed running");
    nodes.stopHeartbeat("node-3");
    try {
      eventually(() -> kubectl("get", "nodes").matches("(?s).*node-3\\s+NotReady.*"), "node-3 NotReady");
      eventually(() -> kubectl("get", "node", "node-3", "-o", "jsonpath={.spec.taints[*].key} {.spec.taints[*].effect}")
          .equals("node.kubernetes.io/unreachable node.kubernetes.io/unreachable NoSchedule NoExecute"), "unreachable taints");
      eventually(() -> !kubectl("get", "pod", "doomed", "-n", "lost", "-o", "jsonpath={.metadata.deletionTimestamp}").isEmpty(),
          "doomed evicted");
    } finally {
      nodes.resumeHeartbeat("node-3");
    }
    eventually(() -> kubectl("get", "node", "node-3", "-o", "jsonpath={.spec.taints}").isEmpty(), "taint removed");
    eventually(() -> kubectl("get", "nodes").matches("(?s).*node-3\\s+Ready.*"), "node-3 Ready again");
    // The revived kubelet finishes the graceful deletion.
    eventually(() -> !kubectl("get", "pods", "-n", "lost", "-o", "name").contains("doomed"), "doomed gone");
  }

  @Test
  void podsOfALostNodeAreRecreatedElsewhereByTheirReplicaSet() throws Exception {
    kubectl("create", "namespace", "rescue");
    cluster.kubectlWithInput("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - {name: app, image: nginx}
              tolerations:
              - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
        """, "apply", "-n", "rescue", "-f", "-").assertOk();
    eventually(() -> kubectl("get", "pods", "-n", "rescue", "--field-selector", "status.phase=Running", "-o", "name").lines().count() == 3,
        "3 web pods running");
    var lost = kubectl("get", "pods", "-n", "rescue", "-o", "jsonpath={.items[0].spec.nodeName}");
    nodes.stopHeartbeat(lost);
    try {
      // Evicted pods stay Terminating (their kubelet is gone); the ReplicaSet replaces them on the other nodes.
      eventually(() -> {
        var pods = listPods("rescue");
        var evicted = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() != null).count();
        var liveElsewhere = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null
            && "Running".equals(p.getStatus().getPhase()) && !lost.equals(p.getSpec().getNodeName())).count();
        var liveOnLost = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null && lost.equals(p.getSpec().getNodeName())).count();
        return evicted > 0 && liveElsewhere == 3 && liveOnLost == 0;
      }, "3 web pods running away from " + lost);
    } finally {
      nodes.resumeHeartbeat(lost);
    }
    eventually(() -> kubectl("get", "node", lost, "-o", "jsonpath={.spec.taints}").isEmpty(), "taint removed from " + lost);
    eventually(() -> kubectl("get", "nodes").matches("(?s).*" + lost + "\\s+Ready.*"), lost + " Ready again");
  }

  @Test
  void higherPriorityPodPreemptsALowerOne() throws Exception {
    kubectl("create", "namespace", "prio");
    kubectl("label", "node", "node-1", "preempt=here");
    cluster.kubectlWithInput("""
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: important}
        value: 1000
        """, "create", "-f", "-").assertOk();
    var request = "command: [\"sleep\", \"3600\"]\n    resources: {requests: {memory: 2500Mi}}";
    cluster.kubectlWithInput(pod("low", "nodeSelector: {preempt: here}").replace("command: [\"sleep\", \"3600\"]", request),
        "create", "-n", "prio", "-f", "-").assertOk();
    eventually(() -> kubectl("get", "pod", "low", "-n", "prio", "-o", "jsonpath={.status.phase}").equals("Running"), "low running");
    cluster.kubectlWithInput(pod("high", "nodeSelector: {preempt: here}\npriorityClassName: important")
        .replace("command: [\"sleep\", \"3600\"]", request), "create", "-n", "prio", "-f", "-").assertOk();
    eventually(() -> kubectl("get", "pod", "high", "-n", "prio", "-o", "jsonpath={.status.phase}").equals("Running"), "high running");
    assertThat(kubectl("get", "pods", "-n", "prio", "-o", "name").strip()).isEqualTo("pod/high");
    var events = kubectl("get", "events", "-n", "prio", "--field-selector", "reason=Preempted", "-o", "jsonpath={.items[*].involvedObject.name}");
    assertThat(events).isEqualTo("low");
  }

  @Test
  void drainEvictsThePodsOfANodeAndEvictionsRespectADisruptionBudget() throws Exception {
    kubectl("create", "namespace", "drain");
    kubectl("create", "deployment", "web", "-n", "drain", "--image=nginx", "--replicas=6");
    eventually(() -> kubectl("get", "pods", "-n", "drain", "-l", "app=web", "--field-selector", "status.phase=Running", "-o", "name")
        .lines().count() == 6, "6 web pods running");
    var node = kubectl("get", "pods", "-n", "drain", "-l", "app=web", "-o", "jsonpath={.items[0].spec.nodeName}").strip();
    try {
      // --pod-selector: the other tests leave bare pods on the nodes, which drain would refuse to evict without --force
      var drained = cluster.kubectl("drain", node, "--pod-selector", "app=web", "--timeout=60s").assertOk().stdout();
      assertThat(drained).contains("node/" + node + " cordoned").contains("evicted").contains("node/" + node + " drained");
      assertThat(kubectl("get", "node", node, "-o", "jsonpath={.spec.unschedulable}")).isEqualTo("true");
      eventually(() -> {
        var placed = kubectl("get", "pods", "-n", "drain", "-l", "app=web", "--field-selector", "status.phase=Running",
            "-o", "jsonpath={.items[*].spec.nodeName}").split(" ");
        return placed.length == 6 && java.util.Arrays.stream(placed).noneMatch(node::equals);
      }, "6 web pods running away from " + node);
    } finally {
      kubectl("uncordon", node);
    }

    // A budget the disruption controller keeps current: one of three pods may go, then none.
    kubectl("create", "deployment", "db", "-n", "drain", "--image=postgres", "--replicas=3");
    cluster.kubectlWithInput("""
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: db}
        spec:
          maxUnavailable: 1
          selector: {matchLabels: {app: db}}
        """, "create", "-n", "drain", "-f", "-").assertOk();
    eventually(() -> kubectl("get", "pdb", "db", "-n", "drain", "-o",
        "jsonpath={.status.expectedPods} {.status.desiredHealthy} {.status.currentHealthy} {.status.disruptionsAllowed}").equals("3 2 3 1"),
        "budget status 3 expected, 2 desired, 3 healthy, 1 allowed");
    assertThat(kubectl("get", "pdb", "db", "-n", "drain")).containsPattern("db\\s+N/A\\s+1\\s+1\\s+");
    var victim = kubectl("get", "pods", "-n", "drain", "-l", "app=db", "-o", "jsonpath={.items[0].metadata.name}").strip();
    var eviction = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + victim + "\",\"namespace\":\"drain\"}}";
    var evict = new String[] {"create", "--raw", "/api/v1/namespaces/drain/pods/" + victim + "/eviction", "-f", "-"};
    var wrongName = cluster.kubectlWithInput(eviction.replace("\"name\":\"" + victim, "\"name\":\"other"), evict);
    assertThat(wrongName.stderr()).contains("name in URL does not match name in Eviction object");
    assertThat(cluster.kubectlWithInput(eviction, evict).assertOk().stdout()).contains("\"status\":\"Success\"");
    eventually(() -> kubectl("get", "pods", "-n", "drain", victim, "--ignore-not-found", "-o", "name").isBlank(), victim + " gone");

    kubectl("patch", "pdb", "db", "-n", "drain", "--type=merge", "-p", "{\"spec\":{\"maxUnavailable\":null,\"minAvailable\":3}}");
    eventually(() -> kubectl("get", "pdb", "db", "-n", "drain", "-o", "jsonpath={.status.observedGeneration} {.status.disruptionsAllowed}")
        .equals("2 0"), "budget at minAvailable 3 allows nothing");
    var next = kubectl("get", "pods", "-n", "drain", "-l", "app=db", "-o", "jsonpath={.items[0].metadata.name}").strip();
    var refused = cluster.kubectlWithInput(eviction.replace(victim, next), "create", "--raw", "/api/v1/namespaces/drain/pods/" + next + "/eviction",
        "-f", "-");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("Cannot evict pod as it would violate the pod's disruption budget");
    assertThat(kubectl("get", "pods", "-n", "drain", "-l", "app=db", "-o", "name").lines()).hasSize(3);
  }
}
