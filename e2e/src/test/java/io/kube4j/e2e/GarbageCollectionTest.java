package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kube4j.server.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The garbage collector in a real server (controllers, scheduler and one simulated node), driven by
 * the real kubectl: cascading deletion in background, orphan and foreground modes, hand-written
 * owner references, and namespace deletion alongside it.
 */
class GarbageCollectionTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  static TestCluster cluster;
  static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(new ServerConfig.Components(true, true, 1));
    client = cluster.client();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    var deadline = Instant.now().plus(TIMEOUT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting until " + what);
      }
      Thread.sleep(200);
    }
  }

  static void deploymentWithPods(String ns, String name, int replicas) throws Exception {
    cluster.kubectl("create", "namespace", ns).assertOk();
    cluster.kubectl("create", "deployment", name, "-n", ns, "--image=nginx:1.27", "--replicas=" + replicas).assertOk();
    await(replicas + " pods of " + ns + "/" + name + " exist", () -> pods(ns).size() == replicas);
  }

  static List<Pod> pods(String ns) {
    return client.pods().inNamespace(ns).list().getItems();
  }

  static int replicaSets(String ns) {
    return client.apps().replicaSets().inNamespace(ns).list().getItems().size();
  }

  static ConfigMap configMap(String ns, String name) {
    return client.configMaps().inNamespace(ns).withName(name).get();
  }

  static String uidOf(String ns, String configMap) {
    return configMap(ns, configMap).getMetadata().getUid();
  }

  static String ownedConfigMap(String name, String... ownerNameUidPairs) {
    var refs = new StringBuilder();
    for (int i = 0; i < ownerNameUidPairs.length; i += 2) {
      refs.append("""
            - apiVersion: v1
              kind: ConfigMap
              name: %s
              uid: %s
          """.formatted(ownerNameUidPairs[i], ownerNameUidPairs[i + 1]));
    }
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: %s
          ownerReferences:
        %sdata:
          a: b
        """.formatted(name, refs);
  }

  /**
   * Waits until the collector has processed a deletion made now: a config map owned by a deleted
   * config map disappears. Whatever the collector would have done before that, it has done.
   */
  static void collectorBarrier(String ns) throws Exception {
    var owner = "barrier-owner-" + System.nanoTime();
    cluster.kubectl("create", "configmap", owner, "-n", ns).assertOk();
    cluster.kubectlWithInput(ownedConfigMap(owner + "-dependent", owner, uidOf(ns, owner)), "apply", "-n", ns, "-f", "-").assertOk();
    cluster.kubectl("delete", "configmap", owner, "-n", ns).assertOk();
    await("the barrier's dependent is collected", () -> configMap(ns, owner + "-dependent") == null);
  }

  @Test
  void deletingADeploymentDeletesItsReplicaSetAndPods() throws Exception {
    deploymentWithPods("gc-background", "web", 2);
    assertThat(replicaSets("gc-background")).isEqualTo(1);

    cluster.kubectl("delete", "deployment", "web", "-n", "gc-background").assertOk();

    await("the ReplicaSet is collected", () -> replicaSets("gc-background") == 0);
    await("the pods are collected", () -> pods("gc-background").isEmpty());
  }

  @Test
  void cascadeOrphanKeepsTheReplicaSetAndPodsWithoutTheReference() throws Exception {
    deploymentWithPods("gc-orphan", "web", 2);
    var deploymentUid = client.apps().deployments().inNamespace("gc-orphan").withName("web").get().getMetadata().getUid();

    cluster.kubectl("delete", "deployment", "web", "-n", "gc-orphan", "--cascade=orphan", "--wait=false").assertOk();
    // the deployment goes once the collector has removed its orphan finalizer
    await("the deployment is gone", () -> client.apps().deployments().inNamespace("gc-orphan").withName("web").get() == null);
    collectorBarrier("gc-orphan");

    var sets = client.apps().replicaSets().inNamespace("gc-orphan").list().getItems();
    assertThat(sets).hasSize(1);
    var refs = sets.getFirst().getMetadata().getOwnerReferences();
    assertThat(refs == null ? List.<OwnerReference>of() : refs).noneMatch(r -> r.getUid().equals(deploymentUid));
    assertThat(pods("gc-orphan")).hasSize(2).allSatisfy(p -> {
      assertThat(p.getMetadata().getDeletionTimestamp()).isNull();
      assertThat(p.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(r -> assertThat(r.getUid()).isEqualTo(sets.getFirst().getMetadata().getUid()));
    });
  }

  @Test
  void cascadeForegroundKeepsTheDeploymentUntilItsPodsAreGone() throws Exception {
    deploymentWithPods("gc-foreground", "web", 2);
    // A finalizer of our own holds one pod, so the deployment's wait is observable.
    var held = pods("gc-foreground").getFirst().getMetadata().getName();
    cluster.kubectl("patch", "pod", held, "-n", "gc-foreground", "--type=merge",
        "-p", "{\"metadata\":{\"finalizers\":[\"e2e.kube4j.io/hold\"]}}").assertOk();

    cluster.kubectl("delete", "deployment", "web", "-n", "gc-foreground", "--cascade=foreground", "--wait=false").assertOk();

    await("the unheld pod is gone and the held one terminating", () -> {
      var pods = pods("gc-foreground");
      return pods.size() == 1 && pods.getFirst().getMetadata().getName().equals(held)
          && pods.getFirst().getMetadata().getDeletionTimestamp() != null;
    });
    var deployment = client.apps().deployments().inNamespace("gc-foreground").withName("web").get();
    assertThat(deployment).isNotNull();
    assertThat(deployment.getMetadata().getDeletionTimestamp()).isNotNull();
    assertThat(deployment.getMetadata().getFinalizers()).contains("foregroundDeletion");
    var rs = client.apps().replicaSets().inNamespace("gc-foreground").list().getItems();
    assertThat(rs).singleElement().satisfies(r -> assertThat(r.getMetadata().getDeletionTimestamp()).isNotNull());
    var shown = cluster.kubectl("get", "deployment", "web", "-n", "gc-foreground", "-o", "jsonpath={.metadata.deletionTimestamp}").assertOk();
    assertThat(shown.stdout()).isNotBlank();

    cluster.kubectl("patch", "pod", held, "-n", "gc-foreground", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}").assertOk();

    await("the pods are gone", () -> pods("gc-foreground").isEmpty());
    await("the ReplicaSet is gone", () -> replicaSets("gc-foreground") == 0);
    await("the deployment is gone", () -> client.apps().deployments().inNamespace("gc-foreground").withName("web").get() == null);
  }

  @Test
  void aConfigMapOwnedByAConfigMapIsCollectedAfterItsOwner() throws Exception {
    cluster.kubectl("create", "namespace", "gc-configmaps").assertOk();
    cluster.kubectl("create", "configmap", "owner", "-n", "gc-configmaps").assertOk();
    cluster.kubectlWithInput(ownedConfigMap("dependent", "owner", uidOf("gc-configmaps", "owner")),
        "apply", "-n", "gc-configmaps", "-f", "-").assertOk();

    collectorBarrier("gc-configmaps");
    assertThat(configMap("gc-configmaps", "dependent")).as("a dependent of a live owner stays").isNotNull();

    cluster.kubectl("delete", "configmap", "owner", "-n", "gc-configmaps").assertOk();
    await("the dependent is collected", () -> configMap("gc-configmaps", "dependent") == null);
  }

  @Test
  void aReferenceWithTheWrongUidForAnExistingNameIsDangling() throws Exception {
    cluster.kubectl("create", "namespace", "gc-wrong-uid").assertOk();
    cluster.kubectl("create", "configmap", "real", "-n", "gc-wrong-uid").assertOk();
    cluster.kubectlWithInput(ownedConfigMap("impostor-child", "real", "0badc0de-0000-4000-8000-000000000000"),
        "apply", "-n", "gc-wrong-uid", "-f", "-").assertOk();

    await("the dependent of a uid that does not exist is collected", () -> configMap("gc-wrong-uid", "impostor-child") == null);
    assertThat(configMap("gc-wrong-uid", "real")).as("the object with that name is not touched").isNotNull();
  }

  @Test
  void aDependentWithTwoOwnersLosesOnlyTheDeletedOwnersReference() throws Exception {
    cluster.kubectl("create", "namespace", "gc-two-owners").assertOk();
    cluster.kubectl("create", "configmap", "owner-a", "-n", "gc-two-owners").assertOk();
    cluster.kubectl("create", "configmap", "owner-b", "-n", "gc-two-owners").assertOk();
    var uidB = uidOf("gc-two-owners", "owner-b");
    cluster.kubectlWithInput(ownedConfigMap("shared", "owner-a", uidOf("gc-two-owners", "owner-a"), "owner-b", uidB),
        "apply", "-n", "gc-two-owners", "-f", "-").assertOk();

    cluster.kubectl("delete", "configmap", "owner-a", "-n", "gc-two-owners").assertOk();

    await("only owner-b's reference remains", () -> {
      var refs = configMap("gc-two-owners", "shared").getMetadata().getOwnerReferences();
      return refs != null && refs.size() == 1 && refs.getFirst().getUid().equals(uidB);
    });
    assertThat(configMap("gc-two-owners", "shared").getData()).containsEntry("a", "b");
  }

  @Test
  void aNamespacedOwnerInAnotherNamespaceIsNotAnOwner() throws Exception {
    cluster.kubectl("create", "namespace", "gc-home").assertOk();
    cluster.kubectl("create", "namespace", "gc-elsewhere").assertOk();
    cluster.kubectl("create", "configmap", "far-owner", "-n", "gc-elsewhere").assertOk();
    cluster.kubectlWithInput(ownedConfigMap("stray", "far-owner", uidOf("gc-elsewhere", "far-owner")),
        "apply", "-n", "gc-home", "-f", "-").assertOk();

    await("the dependent naming an owner in another namespace is collected", () -> configMap("gc-home", "stray") == null);
    assertThat(configMap("gc-elsewhere", "far-owner")).isNotNull();
    await("a warning names the invalid reference", () -> client.v1().events().inNamespace("gc-home").list().getItems().stream()
        .anyMatch(e -> "OwnerRefInvalidNamespace".equals(e.getReason()) && "stray".equals(e.getInvolvedObject().getName())
            && "Warning".equals(e.getType())));
  }

  @Test
  void deletingANamespaceStillDeletesEverythingInIt() throws Exception {
    deploymentWithPods("gc-namespace", "web", 2);
    cluster.kubectl("delete", "namespace", "gc-namespace", "--wait=false").assertOk();
    await("the namespace is gone", () -> client.namespaces().withName("gc-namespace").get() == null);
    assertThat(cluster.kubectl("get", "namespace", "gc-namespace").stderr()).contains("NotFound");
    assertThat(pods("gc-namespace")).isEmpty();
    assertThat(replicaSets("gc-namespace")).isZero();
  }
}
