package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.kube4j.controllers.BuiltinControllers;
import io.kube4j.controllers.runtime.ControllerManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workload controllers (Deployment, ReplicaSet, ReplicationController) running against a real
 * server, driven by the real kubectl; {@link FakeNode} stands in for the scheduler and kubelet.
 */
class WorkloadControllersTest {

  static TestCluster cluster;
  static KubernetesClient client;
  static FakeNode node;
  static ControllerManager controllers;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start();
    client = cluster.client();
    node = new FakeNode(client);
    controllers = BuiltinControllers.start(client, Clock.systemUTC(), 2);
  }

  @AfterAll
  static void stop() throws Exception {
    if (controllers != null) {
      controllers.close();
    }
    if (node != null) {
      node.close();
    }
    cluster.close();
  }

  static String deployment(String name, int replicas, String image, String strategy) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: %s
        spec:
          replicas: %d
          selector:
            matchLabels:
              app: %s
          %s
          template:
            metadata:
              labels:
                app: %s
            spec:
              containers:
              - name: main
                image: %s
        """.formatted(name, replicas, name, strategy, name, image);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    var deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  static List<Pod> livePods(String ns, String app) {
    return client.pods().inNamespace(ns).withLabel("app", app).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
  }

  static boolean ready(Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  static void namespace(String ns) throws Exception {
    cluster.kubectl("create", "namespace", ns).assertOk();
  }

  static List<ReplicaSet> replicaSets(String ns) {
    return client.apps().replicaSets().inNamespace(ns).list().getItems();
  }

  static String rolloutStatus(String ns, String name) throws Exception {
    return cluster.kubectl("rollout", "status", "deployment/" + name, "-n", ns, "--timeout=90s").assertOk().stdout();
  }

  @Test
  void deploymentCreatesReplicaSetAndPodsWithUpstreamNamesAndOwners() throws Exception {
    namespace("create");
    cluster.kubectlWithInput(deployment("web", 3, "nginx:1.27", ""), "apply", "-n", "create", "-f", "-").assertOk();
    assertThat(rolloutStatus("create", "web")).contains("deployment \"web\" successfully rolled out");

    var d = client.apps().deployments().inNamespace("create").withName("web").get();
    var sets = replicaSets("create");
    assertThat(sets).hasSize(1);
    var rs = sets.getFirst();
    var hash = rs.getMetadata().getLabels().get("pod-template-hash");
    assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash).matches("web-[bcdf4-9]{1,10}");
    assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry("pod-template-hash", hash).containsEntry("app", "web");
    var rsOwner = rs.getMetadata().getOwnerReferences().getFirst();
    assertThat(rsOwner.getKind()).isEqualTo("Deployment");
    assertThat(rsOwner.getUid()).isEqualTo(d.getMetadata().getUid());
    assertThat(rsOwner.getController()).isTrue();
    assertThat(rsOwner.getBlockOwnerDeletion()).isTrue();
    assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1")
        .containsEntry("deployment.kubernetes.io/desired-replicas", "3").containsEntry("deployment.kubernetes.io/max-replicas", "4");
    assertThat(d.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");

    var pods = livePods("create", "web");
    assertThat(pods).hasSize(3).allSatisfy(p -> {
      assertThat(p.getMetadata().getName()).matches("web-" + hash + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
      assertThat(p.getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
      var owner = p.getMetadata().getOwnerReferences().getFirst();
      assertThat(owner.getKind()).isEqualTo("ReplicaSet");
      assertThat(owner.getName()).isEqualTo(rs.getMetadata().getName());
      assertThat(owner.getUid()).isEqualTo(rs.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
      assertThat(owner.getBlockOwnerDeletion()).isTrue();
    });

    var status = d.getStatus();
    assertThat(List.of(status.getReplicas(), status.getUpdatedReplicas(), status.getReadyReplicas(), status.getAvailableReplicas()))
        .containsOnly(3);
    assertThat(status.getUnavailableReplicas()).isNull();
    assertThat(status.getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
    assertThat(status.getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Available");
      assertThat(c.getStatus()).isEqualTo("True");
      assertThat(c.getReason()).isEqualTo("MinimumReplicasAvailable");
    }).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Progressing");
      assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
    });
    var rsStatus = client.apps().replicaSets().inNamespace("create").withName(rs.getMetadata().getName()).get().getStatus();
    assertThat(List.of(rsStatus.getReplicas(), rsStatus.getFullyLabeledReplicas(), rsStatus.getReadyReplicas(), rsStatus.getAvailableReplicas()))
        .containsOnly(3);

    await("events are written", () -> {
      var events = client.v1().events().inNamespace("create").list().getItems();
      return events.stream().anyMatch(e -> e.getReason().equals("ScalingReplicaSet")
          && e.getMessage().equals("Scaled up replica set " + rs.getMetadata().getName() + " from 0 to 3"))
          && events.stream().anyMatch(e -> e.getReason().equals("SuccessfulCreate") && e.getMessage().startsWith("Created pod: web-"));
    });
  }

  @Test
  void scalingAndReplacingDeletedPods() throws Exception {
    namespace("scale");
    cluster.kubectlWithInput(deployment("web", 2, "nginx:1.27", ""), "apply", "-n", "scale", "-f", "-").assertOk();
    rolloutStatus("scale", "web");
    cluster.kubectl("scale", "deployment", "web", "-n", "scale", "--replicas=5").assertOk();
    await("five ready pods", () -> livePods("scale", "web").stream().filter(WorkloadControllersTest::ready).count() == 5);
    rolloutStatus("scale", "web");
    assertThat(replicaSets("scale")).hasSize(1);
    cluster.kubectl("scale", "deployment", "web", "-n", "scale", "--replicas=2").assertOk();
    await("two pods", () -> livePods("scale", "web").size() == 2
        && client.apps().deployments().inNamespace("scale").withName("web").get().getStatus().getReplicas() == 2);
    assertThat(replicaSets("scale").getFirst().getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/desired-replicas", "2");

    var victim = livePods("scale", "web").getFirst().getMetadata().getName();
    cluster.kubectl("delete", "pod", victim, "-n", "scale").assertOk();
    await("the deleted pod is replaced", () -> {
      var pods = livePods("scale", "web");
      return pods.size() == 2 && pods.stream().noneMatch(p -> p.getMetadata().getName().equals(victim)) && pods.stream().allMatch(WorkloadControllersTest::ready);
    });
  }

  @Test
  void manySimilarEventsCombineAsClientGosDo() throws Exception {
    namespace("combine");
    cluster.kubectlWithInput(deployment("many", 14, "nginx:1.27", ""), "apply", "-n", "combine", "-f", "-").assertOk();
    await("nine events of their own and one combined event for the other five pods", () -> {
      var created = client.v1().events().inNamespace("combine").list().getItems().stream()
          .filter(e -> e.getReason().equals("SuccessfulCreate")).toList();
      var combined = created.stream().filter(e -> e.getMessage().startsWith("(combined from similar events): Created pod: many-")).toList();
      return created.size() == 10 && combined.size() == 1 && combined.getFirst().getCount() == 5;
    });
    var describe = cluster.kubectl("describe", "replicaset", "-n", "combine", "-l", "app=many").assertOk().stdout();
    assertThat(describe).contains("(combined from similar events): Created pod: many-");
  }

  @Test
  void replicaSetAdoptsReleasesAndScalesWithKubectl() throws Exception {
    namespace("rs");
    var orphan = client.pods().inNamespace("rs").resource(new PodBuilder().withNewMetadata().withName("orphan").addToLabels("app", "cache")
        .endMetadata().withNewSpec().addNewContainer().withName("main").withImage("redis:7").endContainer().endSpec().build()).create();
    cluster.kubectlWithInput("""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: cache
        spec:
          replicas: 2
          selector:
            matchExpressions:
            - {key: app, operator: In, values: [cache, redis]}
          template:
            metadata:
              labels:
                app: cache
            spec:
              containers:
              - name: main
                image: redis:7
        """, "apply", "-n", "rs", "-f", "-").assertOk();
    await("the orphan is adopted and one pod added", () -> {
      var pods = livePods("rs", "cache");
      var adopted = client.pods().inNamespace("rs").withName("orphan").get();
      return pods.size() == 2 && adopted.getMetadata().getOwnerReferences() != null && !adopted.getMetadata().getOwnerReferences().isEmpty();
    });
    var ref = client.pods().inNamespace("rs").withName("orphan").get().getMetadata().getOwnerReferences().getFirst();
    assertThat(ref.getName()).isEqualTo("cache");
    assertThat(ref.getController()).isTrue();
    assertThat(ref.getUid()).isNotEqualTo(orphan.getMetadata().getUid());

    cluster.kubectl("label", "pod", "orphan", "-n", "rs", "app=other", "--overwrite").assertOk();
    await("the relabelled pod is released and replaced", () -> {
      var released = client.pods().inNamespace("rs").withName("orphan").get();
      return (released.getMetadata().getOwnerReferences() == null || released.getMetadata().getOwnerReferences().isEmpty())
          && livePods("rs", "cache").size() == 2;
    });

    cluster.kubectl("scale", "rs", "cache", "-n", "rs", "--replicas=4").assertOk();
    await("four ready replicas in status", () -> {
      var s = client.apps().replicaSets().inNamespace("rs").withName("cache").get().getStatus();
      return s != null && Objects.equals(s.getReadyReplicas(), 4) && Objects.equals(s.getAvailableReplicas(), 4)
          && Objects.equals(s.getObservedGeneration(), 2L);
    });
    var wide = cluster.kubectl("get", "rs", "cache", "-n", "rs", "--no-headers").assertOk().stdout();
    assertThat(wide.split("\\s+")).startsWith("cache", "4", "4", "4");
  }

  @Test
  void replicationControllerKeepsItsReplicas() throws Exception {
    namespace("rc");
    cluster.kubectlWithInput("""
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: legacy
        spec:
          replicas: 3
          selector:
            app: legacy
          template:
            metadata:
              labels:
                app: legacy
            spec:
              containers:
              - name: main
                image: nginx:1.27
        """, "apply", "-n", "rc", "-f", "-").assertOk();
    await("three ready replicas", () -> {
      var s = client.replicationControllers().inNamespace("rc").withName("legacy").get().getStatus();
      return s != null && Objects.equals(s.getReadyReplicas(), 3) && Objects.equals(s.getAvailableReplicas(), 3);
    });
    assertThat(livePods("rc", "legacy")).hasSize(3)
        .allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences().getFirst().getKind()).isEqualTo("ReplicationController"));
    cluster.kubectl("scale", "rc", "legacy", "-n", "rc", "--replicas=1").assertOk();
    await("one pod", () -> livePods("rc", "legacy").size() == 1);
  }

  /** Records, after every pod event, the ready and total (non-terminating) pod counts. */
  static final class PodCounter implements Watcher<Pod> {
    final Map<String, Pod> pods = new ConcurrentHashMap<>();
    final List<int[]> samples = Collections.synchronizedList(new ArrayList<>());
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final String oldHash;
    final int minReady;
    final int maxTotal;

    PodCounter(List<Pod> initial, String oldHash, int minReady, int maxTotal) {
      initial.forEach(p -> pods.put(p.getMetadata().getName(), p));
      this.oldHash = oldHash;
      this.minReady = minReady;
      this.maxTotal = maxTotal;
    }

    @Override
    public synchronized void eventReceived(Action action, Pod pod) {
      if (action == Action.DELETED) {
        pods.remove(pod.getMetadata().getName());
      } else {
        pods.put(pod.getMetadata().getName(), pod);
      }
      var live = pods.values().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
      int total = live.size();
      int readyCount = (int) live.stream().filter(WorkloadControllersTest::ready).count();
      samples.add(new int[] {readyCount, total});
      if (readyCount < minReady) {
        violations.add("only " + readyCount + " ready pods after " + action + " " + pod.getMetadata().getName());
      }
      if (total > maxTotal) {
        violations.add(total + " pods after " + action + " " + pod.getMetadata().getName());
      }
    }

    @Override
    public void onClose(WatcherException cause) {}
  }

  @Test
  void rollingUpdateStaysWithinSurgeAndUnavailabilityThenHistoryAndUndo() throws Exception {
    namespace("rolling");
    var strategy = "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 30%, maxUnavailable: 20%}}";
    cluster.kubectlWithInput(deployment("web", 10, "nginx:1.27", strategy), "apply", "-n", "rolling", "-f", "-").assertOk();
    rolloutStatus("rolling", "web");
    var firstRs = replicaSets("rolling").getFirst();
    var oldHash = firstRs.getMetadata().getLabels().get("pod-template-hash");

    // 10 replicas: maxSurge 30% rounds up to 3, maxUnavailable 20% rounds down to 2.
    var initial = client.pods().inNamespace("rolling").list();
    var counter = new PodCounter(initial.getItems(), oldHash, 10 - 2, 10 + 3);
    try (var watch = client.pods().inNamespace("rolling").withResourceVersion(initial.getMetadata().getResourceVersion()).watch(counter)) {
      cluster.kubectl("set", "image", "deployment/web", "-n", "rolling", "main=nginx:1.28").assertOk();
      assertThat(rolloutStatus("rolling", "web")).contains("successfully rolled out");
      await("all old pods are gone", () -> livePods("rolling", "web").stream()
          .noneMatch(p -> p.getMetadata().getLabels().get("pod-template-hash").equals(oldHash)));
    }
    assertThat(counter.violations).isEmpty();
    assertThat(counter.samples.stream().mapToInt(s -> s[1]).max().orElse(0)).as("the rollout surged above 10 pods").isGreaterThan(10);
    assertThat(livePods("rolling", "web")).hasSize(10)
        .allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.28"));

    var history = cluster.kubectl("rollout", "history", "deployment/web", "-n", "rolling").assertOk().stdout();
    assertThat(history).contains("REVISION").containsPattern("(?m)^1\\s").containsPattern("(?m)^2\\s");
    var revisionOne = cluster.kubectl("rollout", "history", "deployment/web", "-n", "rolling", "--revision=1").assertOk().stdout();
    assertThat(revisionOne).contains("nginx:1.27");

    cluster.kubectl("rollout", "undo", "deployment/web", "-n", "rolling", "--to-revision=1").assertOk();
    rolloutStatus("rolling", "web");
    await("the revision-1 ReplicaSet is reused as revision 3", () -> {
      var reused = client.apps().replicaSets().inNamespace("rolling").withName(firstRs.getMetadata().getName()).get();
      return reused != null && "3".equals(reused.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))
          && Objects.equals(reused.getSpec().getReplicas(), 10);
    });
    var reused = client.apps().replicaSets().inNamespace("rolling").withName(firstRs.getMetadata().getName()).get();
    assertThat(reused.getMetadata().getUid()).isEqualTo(firstRs.getMetadata().getUid());
    assertThat(reused.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision-history", "1");
    assertThat(replicaSets("rolling")).hasSize(2);
    assertThat(livePods("rolling", "web")).allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.27"));
    var after = cluster.kubectl("rollout", "history", "deployment/web", "-n", "rolling").assertOk().stdout();
    assertThat(after).containsPattern("(?m)^2\\s").containsPattern("(?m)^3\\s").doesNotContainPattern("(?m)^1\\s");
    assertThat(client.apps().deployments().inNamespace("rolling").withName("web").get().getMetadata().getAnnotations())
        .containsEntry("deployment.kubernetes.io/revision", "3");
  }

  @Test
  void scalingMidRolloutSpreadsTheNewReplicasInProportion() throws Exception {
    namespace("proportional");
    var strategy = "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}";
    cluster.kubectlWithInput(deployment("web", 10, "nginx:1.27", strategy), "apply", "-n", "proportional", "-f", "-").assertOk();
    rolloutStatus("proportional", "web");
    var first = replicaSets("proportional").getFirst().getMetadata().getName();
    // The new pods never become ready, so the rollout stops at old 8 (10 - maxUnavailable) + new 5 (13 - 8).
    cluster.kubectl("set", "image", "deployment/web", "-n", "proportional", "main=nginx:never-ready").assertOk();
    await("the rollout stuck at 8 old and 5 new replicas", () -> specReplicas("proportional").equals(
        java.util.Map.of(first, 8, other("proportional", first), 5)));

    // 30 replicas allow 33 pods: the 20 more go 8/13 and 5/13 of the way, as upstream's proportional scaling.
    cluster.kubectl("scale", "deployment/web", "-n", "proportional", "--replicas=30").assertOk();
    await("old 20, new 13", () -> specReplicas("proportional").equals(java.util.Map.of(first, 20, other("proportional", first), 13)));
  }

  private static java.util.Map<String, Integer> specReplicas(String ns) {
    var sizes = new java.util.HashMap<String, Integer>();
    replicaSets(ns).forEach(rs -> sizes.put(rs.getMetadata().getName(), rs.getSpec().getReplicas()));
    return sizes;
  }

  /** The name of a ReplicaSet other than {@code name} (the rollout's new one), or "" while there is none. */
  private static String other(String ns, String name) {
    return replicaSets(ns).stream().map(rs -> rs.getMetadata().getName()).filter(n -> !n.equals(name)).findFirst().orElse("");
  }

  @Test
  void recreateRemovesEveryOldPodBeforeCreatingNewOnes() throws Exception {
    namespace("recreate");
    cluster.kubectlWithInput(deployment("db", 3, "postgres:16", "strategy: {type: Recreate}"), "apply", "-n", "recreate", "-f", "-").assertOk();
    rolloutStatus("recreate", "db");
    var oldHash = replicaSets("recreate").getFirst().getMetadata().getLabels().get("pod-template-hash");
    var initial = client.pods().inNamespace("recreate").list();
    var seen = new ConcurrentHashMap<String, Pod>();
    initial.getItems().forEach(p -> seen.put(p.getMetadata().getName(), p));
    var violations = Collections.synchronizedList(new ArrayList<String>());
    var newPodsSeen = Collections.synchronizedList(new ArrayList<String>());
    Watcher<Pod> watcher = new Watcher<>() {
      @Override
      public synchronized void eventReceived(Action action, Pod pod) {
        var name = pod.getMetadata().getName();
        if (action == Action.DELETED) {
          seen.remove(name);
          return;
        }
        if (action == Action.ADDED && !oldHash.equals(pod.getMetadata().getLabels().get("pod-template-hash"))) {
          newPodsSeen.add(name);
          var oldLeft = seen.values().stream().filter(p -> oldHash.equals(p.getMetadata().getLabels().get("pod-template-hash"))).toList();
          if (!oldLeft.isEmpty()) {
            violations.add(name + " created while " + oldLeft.size() + " old pods still existed");
          }
        }
        seen.put(name, pod);
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
    try (var watch = client.pods().inNamespace("recreate").withResourceVersion(initial.getMetadata().getResourceVersion()).watch(watcher)) {
      cluster.kubectl("set", "image", "deployment/db", "-n", "recreate", "main=postgres:17").assertOk();
      rolloutStatus("recreate", "db");
      await("three new pods observed", () -> newPodsSeen.size() >= 3);
    }
    assertThat(violations).isEmpty();
    assertThat(livePods("recreate", "db")).hasSize(3)
        .allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo("postgres:17"));
  }

  @Test
  void pauseHoldsTheRolloutAndResumeAndRestartRollOut() throws Exception {
    namespace("pause");
    cluster.kubectlWithInput(deployment("web", 2, "nginx:1.27", ""), "apply", "-n", "pause", "-f", "-").assertOk();
    rolloutStatus("pause", "web");
    cluster.kubectl("rollout", "pause", "deployment/web", "-n", "pause").assertOk();
    cluster.kubectl("set", "image", "deployment/web", "-n", "pause", "main=nginx:1.28").assertOk();
    cluster.kubectl("scale", "deployment", "web", "-n", "pause", "--replicas=3").assertOk();
    await("the paused deployment's spec changes are observed", () -> {
      var d = client.apps().deployments().inNamespace("pause").withName("web").get();
      return Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration()) && livePods("pause", "web").size() == 3;
    });
    assertThat(replicaSets("pause")).as("no new ReplicaSet while paused").hasSize(1);
    assertThat(livePods("pause", "web")).allSatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getImage()).isEqualTo("nginx:1.27"));
    var paused = client.apps().deployments().inNamespace("pause").withName("web").get();
    assertThat(paused.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Progressing");
      assertThat(c.getStatus()).isEqualTo("Unknown");
      assertThat(c.getReason()).isEqualTo("DeploymentPaused");
    });

    cluster.kubectl("rollout", "resume", "deployment/web", "-n", "pause").assertOk();
    rolloutStatus("pause", "web");
    await("the resumed rollout finishes", () -> replicaSets("pause").size() == 2
        && livePods("pause", "web").stream().allMatch(p -> p.getSpec().getContainers().getFirst().getImage().equals("nginx:1.28")));

    cluster.kubectl("rollout", "restart", "deployment/web", "-n", "pause").assertOk();
    rolloutStatus("pause", "web");
    await("a third ReplicaSet runs the restarted pods", () -> {
      var sets = replicaSets("pause");
      return sets.size() == 3 && sets.stream().anyMatch(rs -> Objects.equals(rs.getSpec().getReplicas(), 3)
          && rs.getSpec().getTemplate().getMetadata().getAnnotations() != null
          && rs.getSpec().getTemplate().getMetadata().getAnnotations().containsKey("kubectl.kubernetes.io/restartedAt"));
    });
    var history = cluster.kubectl("rollout", "history", "deployment/web", "-n", "pause").assertOk().stdout();
    assertThat(history).containsPattern("(?m)^3\\s");
  }

  @Test
  void progressDeadlineExceededFailsRolloutStatus() throws Exception {
    namespace("stuck");
    var yaml = deployment("web", 2, "example/never-ready:1", "progressDeadlineSeconds: 2");
    cluster.kubectlWithInput(yaml, "apply", "-n", "stuck", "-f", "-").assertOk();
    await("Progressing=False ProgressDeadlineExceeded", () -> {
      var d = client.apps().deployments().inNamespace("stuck").withName("web").get();
      return d.getStatus() != null && d.getStatus().getConditions() != null && d.getStatus().getConditions().stream()
          .anyMatch(c -> c.getType().equals("Progressing") && c.getStatus().equals("False") && c.getReason().equals("ProgressDeadlineExceeded"));
    });
    var d = client.apps().deployments().inNamespace("stuck").withName("web").get();
    assertThat(d.getStatus().getUnavailableReplicas()).isEqualTo(2);
    assertThat(d.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Available");
      assertThat(c.getStatus()).isEqualTo("False");
    });
    var status = cluster.kubectl("rollout", "status", "deployment/web", "-n", "stuck", "--timeout=30s");
    assertThat(status.exitCode()).isNotZero();
    assertThat(status.stderr()).contains("exceeded its progress deadline");
  }

  /** A clock the event test moves by hand. */
  static final class ManualClock extends Clock {
    volatile Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void eventRecorderCountsRepeats() throws Exception {
    namespace("events");
    var cm = client.configMaps().inNamespace("events").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("subject").endMetadata().build()).create();
    var clock = new ManualClock();
    try (var recorder = new io.kube4j.controllers.runtime.EventRecorder(client, "test-controller", clock)) {
      recorder.event(cm, "Warning", "Broken", "it broke");
      await("the first event is written", () -> client.v1().events().inNamespace("events").list().getItems().size() == 1);
      clock.now = clock.now.plusSeconds(120);
      recorder.event(cm, "Warning", "Broken", "it broke");
      await("the repeat bumps the count", () -> {
        var events = client.v1().events().inNamespace("events").list().getItems();
        return events.size() == 1 && Objects.equals(events.getFirst().getCount(), 2);
      });
      var event = client.v1().events().inNamespace("events").list().getItems().getFirst();
      assertThat(event.getInvolvedObject().getUid()).isEqualTo(cm.getMetadata().getUid());
      assertThat(event.getSource().getComponent()).isEqualTo("test-controller");
      assertThat(Instant.parse(event.getLastTimestamp())).isAfter(Instant.parse(event.getFirstTimestamp()));
      recorder.event(cm, "Warning", "Broken", "a different message");
      clock.now = clock.now.plusSeconds(11 * 60);
      recorder.event(cm, "Warning", "Broken", "it broke");
      await("a new message is a new event; a repeat much later still counts up, as client-go's", () -> {
        var events = client.v1().events().inNamespace("events").list().getItems();
        return events.size() == 2 && events.stream().anyMatch(e -> e.getMessage().equals("it broke") && e.getCount() == 3);
      });
    }
  }

  /**
   * The informers relist when a watch is answered with 410 Gone (fabric8's Reflector relists on
   * {@code WatcherException.isHttpGone()}); kube4j must answer a watch from a compacted revision so.
   */
  @Test
  void watchFromACompactedRevisionIsGoneTheWayInformersRelistOn() throws Exception {
    namespace("gone");
    var first = client.configMaps().inNamespace("gone").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("a").endMetadata().build()).create();
    client.configMaps().inNamespace("gone").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("b").endMetadata().build()).create();
    var storage = cluster.server().api().store("", "configmaps").storage();
    storage.compact(storage.currentRevision());
    var gone = new java.util.concurrent.CompletableFuture<Boolean>();
    try {
      var watch = client.configMaps().inNamespace("gone").withResourceVersion(first.getMetadata().getResourceVersion())
          .watch(new Watcher<io.fabric8.kubernetes.api.model.ConfigMap>() {
            @Override
            public void eventReceived(Action action, io.fabric8.kubernetes.api.model.ConfigMap resource) {
              if (action == Action.ERROR) {
                gone.complete(false);
              }
            }

            @Override
            public void onClose(WatcherException cause) {
              gone.complete(cause != null && cause.isHttpGone());
            }
          });
      try (watch) {
        assertThat(gone.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("the watch closed with 410 Gone").isTrue();
      }
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      assertThat(e.getCode()).as("the watch was refused with 410 Gone").isEqualTo(410);
    }
  }

  @Test
  void revisionHistoryLimitDeletesTheOldestEmptyReplicaSets() throws Exception {
    namespace("history");
    cluster.kubectlWithInput(deployment("web", 1, "nginx:1.25", "revisionHistoryLimit: 1"), "apply", "-n", "history", "-f", "-").assertOk();
    rolloutStatus("history", "web");
    for (var image : List.of("nginx:1.26", "nginx:1.27", "nginx:1.28")) {
      cluster.kubectl("set", "image", "deployment/web", "-n", "history", "main=" + image).assertOk();
      rolloutStatus("history", "web");
    }
    await("only the new and one old ReplicaSet remain", () -> replicaSets("history").size() == 2);
    var revisions = replicaSets("history").stream()
        .map(rs -> rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision")).sorted().toList();
    assertThat(revisions).containsExactly("3", "4");
  }
}
