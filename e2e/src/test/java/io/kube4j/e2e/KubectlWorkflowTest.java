package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The everyday kubectl loop against a real server: create/apply/get in every output format,
 * describe, patch of all three types, diff, scale, label, dry runs, watches, deletes, and errors.
 */
class KubectlWorkflowTest {

  static TestCluster cluster;

  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels:
          app: web
      spec:
        replicas: 2
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx:1.27
              ports:
              - containerPort: 80
      """;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void applyShowsDefaultsInYamlAndAppliesChanges() throws Exception {
    cluster.kubectl("create", "namespace", "apply-ns").assertOk();
    var created = cluster.kubectlWithInput(DEPLOYMENT, "apply", "-n", "apply-ns", "-f", "-").assertOk().stdout();
    assertThat(created.trim()).isEqualTo("deployment.apps/web created");
    var yaml = cluster.kubectl("get", "deployment", "web", "-n", "apply-ns", "-o", "yaml").assertOk().stdout();
    assertThat(yaml).contains("kubectl.kubernetes.io/last-applied-configuration")
        .contains("revisionHistoryLimit: 10")
        .contains("progressDeadlineSeconds: 600")
        .contains("maxSurge: 25%").contains("maxUnavailable: 25%").contains("type: RollingUpdate")
        .contains("imagePullPolicy: IfNotPresent")
        .contains("restartPolicy: Always").contains("dnsPolicy: ClusterFirst").contains("terminationGracePeriodSeconds: 30")
        .contains("protocol: TCP")
        .contains("generation: 1")
        .contains("uid: ").contains("creationTimestamp: ");
    var unchanged = cluster.kubectlWithInput(DEPLOYMENT, "apply", "-n", "apply-ns", "-f", "-").assertOk().stdout();
    assertThat(unchanged.trim()).isEqualTo("deployment.apps/web unchanged");
    var changed = cluster.kubectlWithInput(DEPLOYMENT.replace("replicas: 2", "replicas: 3").replace("nginx:1.27", "nginx:1.28"),
        "apply", "-n", "apply-ns", "-f", "-").assertOk().stdout();
    assertThat(changed.trim()).isEqualTo("deployment.apps/web configured");
    var jsonpath = cluster.kubectl("get", "deploy", "web", "-n", "apply-ns", "-o",
        "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation}").assertOk().stdout();
    assertThat(jsonpath).isEqualTo("3 nginx:1.28 2");
  }

  @Test
  void diffShowsWhatApplyWouldChange() throws Exception {
    cluster.kubectl("create", "namespace", "diff-ns").assertOk();
    cluster.kubectlWithInput(DEPLOYMENT, "apply", "-n", "diff-ns", "-f", "-").assertOk();
    var same = cluster.kubectlWithInput(DEPLOYMENT, "diff", "-n", "diff-ns", "-f", "-");
    assertThat(same.exitCode()).as(same.stderr()).isEqualTo(0);
    var different = cluster.kubectlWithInput(DEPLOYMENT.replace("replicas: 2", "replicas: 5"), "diff", "-n", "diff-ns", "-f", "-");
    assertThat(different.exitCode()).as(different.stderr()).isEqualTo(1);
    assertThat(different.stdout()).contains("-  replicas: 2").contains("+  replicas: 5");
  }

  @Test
  void patchesOfAllThreeTypes() throws Exception {
    cluster.kubectl("create", "namespace", "patch-ns").assertOk();
    cluster.kubectlWithInput(DEPLOYMENT, "apply", "-n", "patch-ns", "-f", "-").assertOk();
    cluster.kubectl("patch", "deployment", "web", "-n", "patch-ns", "--type", "strategic",
        "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"busybox:1.36\"}]}}}}").assertOk();
    var names = cluster.kubectl("get", "deployment", "web", "-n", "patch-ns", "-o", "jsonpath={.spec.template.spec.containers[*].name}")
        .assertOk().stdout();
    assertThat(names).isEqualTo("sidecar nginx");
    cluster.kubectl("patch", "deployment", "web", "-n", "patch-ns", "--type", "merge", "-p", "{\"spec\":{\"replicas\":4}}").assertOk();
    cluster.kubectl("patch", "deployment", "web", "-n", "patch-ns", "--type", "json",
        "-p", "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/1/image\",\"value\":\"nginx:1.29\"}]").assertOk();
    var result = cluster.kubectl("get", "deployment", "web", "-n", "patch-ns", "-o",
        "jsonpath={.spec.replicas} {.spec.template.spec.containers[1].image}").assertOk().stdout();
    assertThat(result).isEqualTo("4 nginx:1.29");
    var failedTest = cluster.kubectl("patch", "deployment", "web", "-n", "patch-ns", "--type", "json",
        "-p", "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":99}]");
    assertThat(failedTest.exitCode()).isNotZero();
  }

  @Test
  void serverSideApplyTracksOwnersAndReportsConflicts() throws Exception {
    cluster.kubectl("create", "namespace", "ssa-ns").assertOk();
    var cm = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          color: blue
        """;
    cluster.kubectlWithInput(cm, "apply", "--server-side", "--field-manager=alice", "-n", "ssa-ns", "-f", "-").assertOk();
    var conflict = cluster.kubectlWithInput(cm.replace("blue", "red"), "apply", "--server-side", "--field-manager=bob", "-n", "ssa-ns", "-f", "-");
    assertThat(conflict.exitCode()).isNotZero();
    assertThat(conflict.stderr()).contains("conflict").contains("alice").contains(".data.color");
    cluster.kubectlWithInput(cm.replace("blue", "red"), "apply", "--server-side", "--force-conflicts", "--field-manager=bob", "-n", "ssa-ns", "-f", "-")
        .assertOk();
    var yaml = cluster.kubectl("get", "configmap", "settings", "-n", "ssa-ns", "-o", "yaml", "--show-managed-fields").assertOk().stdout();
    assertThat(yaml).contains("color: red").contains("manager: bob").contains("operation: Apply").contains("f:color: {}");
  }

  @Test
  void outputFormatsAndDescribe() throws Exception {
    cluster.kubectl("create", "namespace", "out-ns").assertOk();
    cluster.kubectl("create", "configmap", "app-config", "-n", "out-ns", "--from-literal=mode=prod", "--from-literal=level=3").assertOk();
    var table = cluster.kubectl("get", "configmaps", "-n", "out-ns").assertOk().stdout();
    assertThat(table).containsPattern("NAME\\s+DATA\\s+AGE").containsPattern("app-config\\s+2\\s+\\d+s");
    var json = cluster.kubectl("get", "configmap", "app-config", "-n", "out-ns", "-o", "json").assertOk().stdout();
    assertThat(json).contains("\"kind\": \"ConfigMap\"").contains("\"mode\": \"prod\"");
    var name = cluster.kubectl("get", "configmaps", "-n", "out-ns", "-o", "name").assertOk().stdout();
    assertThat(name.trim()).isEqualTo("configmap/app-config");
    var described = cluster.kubectl("describe", "configmap", "app-config", "-n", "out-ns").assertOk().stdout();
    assertThat(described).contains("Name:").contains("app-config").contains("Namespace:").contains("out-ns").contains("mode");

    var pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: lone
          labels: {tier: backend}
        spec:
          containers:
          - name: app
            image: busybox
            command: ["sleep", "3600"]
        """;
    cluster.kubectlWithInput(pod, "create", "-n", "out-ns", "-f", "-").assertOk();
    var wide = cluster.kubectl("get", "pods", "-n", "out-ns", "-o", "wide").assertOk().stdout();
    assertThat(wide).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES")
        .containsPattern("lone\\s+0/1\\s+Pending\\s+0\\s+\\d+s\\s+<none>\\s+<none>\\s+<none>\\s+<none>");
    var podYaml = cluster.kubectl("get", "pod", "lone", "-n", "out-ns", "-o", "yaml").assertOk().stdout();
    assertThat(podYaml).contains("imagePullPolicy: Always").contains("phase: Pending").contains("qosClass: BestEffort")
        .contains("schedulerName: default-scheduler").contains("enableServiceLinks: true");
    var describedPod = cluster.kubectl("describe", "pod", "lone", "-n", "out-ns").assertOk().stdout();
    assertThat(describedPod).contains("Status:").contains("Pending").contains("busybox").contains("tier=backend");
    var selected = cluster.kubectl("get", "pods", "-n", "out-ns", "-l", "tier in (backend,frontend)", "-o", "name").assertOk().stdout();
    assertThat(selected.trim()).isEqualTo("pod/lone");
    var none = cluster.kubectl("get", "pods", "-n", "out-ns", "--field-selector", "status.phase=Running", "-o", "name").assertOk();
    assertThat(none.stdout().trim()).isEmpty();
  }

  @Test
  void scaleLabelAnnotateAndDryRun() throws Exception {
    cluster.kubectl("create", "namespace", "scale-ns").assertOk();
    cluster.kubectlWithInput(DEPLOYMENT, "apply", "-n", "scale-ns", "-f", "-").assertOk();
    cluster.kubectl("scale", "deployment", "web", "-n", "scale-ns", "--replicas=7").assertOk();
    cluster.kubectl("label", "deployment", "web", "-n", "scale-ns", "team=blue").assertOk();
    cluster.kubectl("annotate", "deployment", "web", "-n", "scale-ns", "owner=ops").assertOk();
    var out = cluster.kubectl("get", "deployment", "web", "-n", "scale-ns", "-o",
        "jsonpath={.spec.replicas} {.metadata.labels.team} {.metadata.annotations.owner}").assertOk().stdout();
    assertThat(out).isEqualTo("7 blue ops");
    var dry = cluster.kubectl("create", "configmap", "ghost", "-n", "scale-ns", "--from-literal=a=b", "--dry-run=server", "-o", "name").assertOk();
    assertThat(dry.stdout().trim()).isEqualTo("configmap/ghost");
    var missing = cluster.kubectl("get", "configmap", "ghost", "-n", "scale-ns");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("Error from server (NotFound): configmaps \"ghost\" not found");
  }

  @Test
  void servicesGetClusterIpsAndNodePorts() throws Exception {
    cluster.kubectl("create", "namespace", "svc-ns").assertOk();
    cluster.kubectl("create", "service", "nodeport", "web", "-n", "svc-ns", "--tcp=80:8080", "--node-port=30080").assertOk();
    var out = cluster.kubectl("get", "svc", "web", "-n", "svc-ns").assertOk().stdout();
    assertThat(out).containsPattern("web\\s+NodePort\\s+10\\.43\\.\\d+\\.\\d+\\s+<none>\\s+80:30080/TCP");
    var taken = cluster.kubectl("create", "service", "nodeport", "web2", "-n", "svc-ns", "--tcp=80:8080", "--node-port=30080");
    assertThat(taken.exitCode()).isNotZero();
    assertThat(taken.stderr()).contains("provided port is already allocated");
    var outOfRange = cluster.kubectl("create", "service", "nodeport", "web3", "-n", "svc-ns", "--tcp=80:8080", "--node-port=80");
    assertThat(outOfRange.exitCode()).isNotZero();
    assertThat(outOfRange.stderr()).contains("provided port is not in the valid range. The range of valid ports is 30000-32767");
    var kubernetes = cluster.kubectl("get", "svc", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.clusterIP}").assertOk().stdout();
    assertThat(kubernetes).isEqualTo("10.43.0.1");
  }

  @Test
  void invalidObjectsAreRejectedWithFieldErrors() throws Exception {
    var bad = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: Bad_Name
        spec:
          containers:
          - name: app
        """;
    var result = cluster.kubectlWithInput(bad, "create", "-f", "-");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("is invalid").contains("metadata.name: Invalid value: \"Bad_Name\"")
        .contains("spec.containers[0].image: Required value");
    var unknown = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: strict
        dataa:
          a: b
        """;
    var strict = cluster.kubectlWithInput(unknown, "create", "-f", "-");
    assertThat(strict.exitCode()).isNotZero();
    assertThat(strict.stderr()).contains("unknown field \"dataa\"");
  }

  @Test
  void watchSeesChangesAsTheyHappen() throws Exception {
    cluster.kubectl("create", "namespace", "watch-ns").assertOk();
    var output = Files.createTempFile(cluster.dataDir(), "watch", ".out");
    var watch = cluster.kubectlBackground(output, "get", "configmaps", "-n", "watch-ns", "-w", "--output-watch-events");
    try {
      Thread.sleep(1500);
      cluster.kubectl("create", "configmap", "watched", "-n", "watch-ns", "--from-literal=a=1").assertOk();
      cluster.kubectl("patch", "configmap", "watched", "-n", "watch-ns", "--type", "merge", "-p", "{\"data\":{\"a\":\"2\"}}").assertOk();
      cluster.kubectl("delete", "configmap", "watched", "-n", "watch-ns").assertOk();
      var deadline = Instant.now().plus(Duration.ofSeconds(20));
      String text = "";
      while (Instant.now().isBefore(deadline)) {
        text = Files.readString(output);
        if (text.contains("DELETED")) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(text).containsPattern("ADDED\\s+watched").containsPattern("MODIFIED\\s+watched").containsPattern("DELETED\\s+watched");
    } finally {
      watch.destroy();
    }
  }

  @Test
  void deletingANamespaceMakesItTerminating() throws Exception {
    cluster.kubectl("create", "namespace", "doomed").assertOk();
    cluster.kubectl("create", "configmap", "x", "-n", "doomed", "--from-literal=a=b").assertOk();
    cluster.kubectl("delete", "namespace", "doomed", "--wait=false").assertOk();
    var status = cluster.kubectl("get", "namespace", "doomed", "-o", "jsonpath={.status.phase}").assertOk().stdout();
    assertThat(status).isEqualTo("Terminating");
    var refused = cluster.kubectl("create", "configmap", "y", "-n", "doomed", "--from-literal=a=b");
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr()).contains("because it is being terminated");
    var system = cluster.kubectl("delete", "namespace", "kube-system", "--wait=false");
    assertThat(system.exitCode()).isNotZero();
    assertThat(system.stderr()).contains("forbidden");
  }
}
