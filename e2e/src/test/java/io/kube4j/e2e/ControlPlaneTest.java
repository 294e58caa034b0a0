package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.server.ServerConfig;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kube4j server} with its in-process controllers, scheduler and one simulated node: what a user sees
 * without writing any controller code.
 */
class ControlPlaneTest {

  static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(new ServerConfig.Components(true, true, 1));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void everyNamespaceGetsADefaultServiceAccount() throws Exception {
    cluster.kubectl("create", "namespace", "team-a").assertOk();
    var deadline = Instant.now().plus(Duration.ofSeconds(20));
    TestCluster.Result sa;
    do {
      sa = cluster.kubectl("get", "serviceaccount", "default", "-n", "team-a", "-o", "name");
      if (sa.exitCode() == 0) {
        break;
      }
      Thread.sleep(200);
    } while (Instant.now().isBefore(deadline));
    assertThat(sa.stdout().trim()).isEqualTo("serviceaccount/default");
  }

  @Test
  void deletingANamespaceDeletesItsContentAndThenTheNamespace() throws Exception {
    cluster.kubectl("create", "namespace", "short-lived").assertOk();
    cluster.kubectl("create", "configmap", "c", "-n", "short-lived", "--from-literal=a=b").assertOk();
    cluster.kubectl("create", "secret", "generic", "s", "-n", "short-lived", "--from-literal=a=b").assertOk();
    cluster.kubectl("delete", "namespace", "short-lived", "--timeout=40s").assertOk();
    var gone = cluster.kubectl("get", "namespace", "short-lived");
    assertThat(gone.stderr()).contains("NotFound");
    var content = cluster.kubectl("get", "configmaps,secrets", "-n", "short-lived", "-o", "name");
    assertThat(content.stdout().trim()).isEmpty();
  }

  @Test
  void aDeploymentGetsAReplicaSetAndPods() throws Exception {
    cluster.kubectl("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3").assertOk();
    var deadline = Instant.now().plus(Duration.ofSeconds(30));
    String pods = "";
    while (Instant.now().isBefore(deadline)) {
      pods = cluster.kubectl("get", "pods", "-l", "app=web", "-o", "name").assertOk().stdout();
      if (pods.lines().count() == 3) {
        break;
      }
      Thread.sleep(300);
    }
    assertThat(pods.lines()).hasSize(3).allSatisfy(p -> assertThat(p).matches("pod/web-[a-z0-9]+-[a-z0-9]{5}"));
    var rs = cluster.kubectl("get", "rs", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.ownerReferences[0].name}").assertOk().stdout();
    assertThat(rs).isEqualTo("web");
  }

  @Test
  void aPodsManagersAreNamedAfterTheComponentsThatWroteIt() throws Exception {
    cluster.kubectl("create", "namespace", "managers").assertOk();
    cluster.kubectl("create", "deployment", "app", "-n", "managers", "--image=nginx:1.27").assertOk();
    var deadline = Instant.now().plus(Duration.ofSeconds(30));
    String managers = "";
    while (Instant.now().isBefore(deadline)) {
      managers = cluster.kubectl("get", "pods", "-n", "managers", "--show-managed-fields", "-o",
          "jsonpath={range .items[*].metadata.managedFields[*]}{.manager}/{.operation}/{.subresource};{end}").assertOk().stdout();
      if (managers.contains("status")) {
        break;
      }
      Thread.sleep(300);
    }
    // As on any cluster: the ReplicaSet controller created it, the kubelet reported its status; the
    // scheduler's binding records nothing.
    assertThat(managers.split(";")).containsExactlyInAnyOrder("kube-controller-manager/Update/", "kubelet/Update/status");
    var deployment = cluster.kubectl("get", "deployment", "app", "-n", "managers", "--show-managed-fields", "-o",
        "jsonpath={range .metadata.managedFields[*]}{.manager}/{.subresource};{end}").assertOk().stdout();
    assertThat(deployment).contains("kubectl-create/;").contains("kube-controller-manager/status;");
  }
}
