package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweep of {@code docs/compatibility.md} made executable: kubectl's generators, output formats, apply
 * variants, subresources, set/edit/replace, deletes, waits, events, kustomize and the error cases, each
 * asserted on kubectl's real output. Each test works in its own namespace of one shared server.
 */
class KubectlCompatibilityTest {

  static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static String ok(String... args) throws Exception {
    return cluster.kubectl(args).assertOk().stdout();
  }

  private static TestCluster.Result fails(String... args) throws Exception {
    var result = cluster.kubectl(args);
    assertThat(result.exitCode()).as("kubectl %s should fail; stdout: %s", String.join(" ", args), result.stdout()).isNotZero();
    return result;
  }

  @Test
  void everyCreateGeneratorMakesItsObject() throws Exception {
    ok("create", "namespace", "gen");
    var envFile = Files.writeString(cluster.dataDir().resolve("app.env"), "x=1\ny=2\n");
    String[][] commands = {
        {"create", "deployment", "web", "--image=nginx:1.27", "--replicas=2"},
        {"create", "configmap", "literal", "--from-literal=a=1"},
        {"create", "configmap", "envfile", "--from-env-file=" + envFile},
        {"create", "configmap", "file", "--from-file=" + envFile},
        {"create", "secret", "generic", "pw", "--from-literal=p=q"},
        {"create", "secret", "docker-registry", "pull", "--docker-server=r.example", "--docker-username=u", "--docker-password=p"},
        {"create", "service", "clusterip", "cip", "--tcp=80:8080"},
        {"create", "service", "clusterip", "headless", "--clusterip=None"},
        {"create", "service", "nodeport", "np", "--tcp=80:8080"},
        {"create", "service", "loadbalancer", "lb", "--tcp=80:8080"},
        {"create", "service", "externalname", "ext", "--external-name=example.com"},
        {"create", "job", "once", "--image=busybox", "--", "echo", "hi"},
        {"create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "--", "echo", "hi"},
        {"create", "job", "manual", "--from=cronjob/tick"},
        {"create", "role", "reader", "--verb=get,list", "--resource=pods,deployments.apps"},
        {"create", "rolebinding", "reader", "--role=reader", "--user=alice"},
        {"create", "serviceaccount", "robot"},
        {"create", "quota", "small", "--hard=cpu=1,memory=1G,pods=10"},
        {"create", "poddisruptionbudget", "web", "--selector=app=web", "--min-available=1"},
        {"create", "ingress", "web", "--class=default", "--rule=foo.com/*=cip:80", "--default-backend=cip:80"},
        {"run", "lone", "--image=busybox", "--labels=app=lone", "--", "sleep", "3600"},
    };
    for (var command : commands) {
      var args = new java.util.ArrayList<>(java.util.List.of("-n", "gen")); // before any "--" of a container command
      args.addAll(java.util.List.of(command));
      cluster.kubectl(args.toArray(String[]::new)).assertOk();
    }
    assertThat(ok("expose", "deployment", "web", "-n", "gen", "--port=80", "--target-port=8080").trim()).isEqualTo("service/web exposed");
    ok("create", "clusterrole", "gen-nodes", "--verb=get", "--resource=nodes");
    ok("create", "clusterrolebinding", "gen-nodes", "--clusterrole=gen-nodes", "--group=devs");
    ok("create", "priorityclass", "gen-high", "--value=1000", "--description=important");

    assertThat(ok("get", "all", "-n", "gen", "-o", "name").lines()).containsExactly(
        "pod/lone",
        "service/cip", "service/ext", "service/headless", "service/lb", "service/np", "service/web",
        "deployment.apps/web",
        "cronjob.batch/tick",
        "job.batch/manual", "job.batch/once");
    assertThat(ok("get", "cm,secret,sa,role,rolebinding,quota,pdb,ingress", "-n", "gen", "-o", "name").lines()).containsExactly(
        "configmap/envfile", "configmap/file", "configmap/literal",
        "secret/pull", "secret/pw",
        "serviceaccount/robot",
        "role.rbac.authorization.k8s.io/reader",
        "rolebinding.rbac.authorization.k8s.io/reader",
        "resourcequota/small",
        "poddisruptionbudget.policy/web",
        "ingress.networking.k8s.io/web");
    assertThat(ok("get", "cm", "envfile", "file", "-n", "gen", "-o", "jsonpath={.items[*].data}"))
        .isEqualTo("{\"x\":\"1\",\"y\":\"2\"} {\"app.env\":\"x=1\\ny=2\\n\"}");
    assertThat(ok("get", "secret", "pull", "-n", "gen", "-o", "jsonpath={.type}")).isEqualTo("kubernetes.io/dockerconfigjson");
    assertThat(ok("get", "svc", "headless", "ext", "-n", "gen", "-o", "jsonpath={.items[*].spec.clusterIP}")).isEqualTo("None");
    assertThat(ok("get", "job", "manual", "-n", "gen", "-o", "jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}"))
        .isEqualTo("manual");
    assertThat(ok("get", "ingress", "web", "-n", "gen")).containsPattern("web\\s+default\\s+foo.com\\s+80\\s+\\d+s");
    assertThat(ok("get", "pc", "gen-high", "-o", "jsonpath={.value} {.description}")).isEqualTo("1000 important");
  }

  @Test
  void outputFormatsSortingAndLabelColumns() throws Exception {
    ok("create", "namespace", "fmt");
    ok("create", "configmap", "b", "-n", "fmt", "--from-literal=k=v");
    ok("create", "configmap", "a", "-n", "fmt", "--from-literal=k=v", "--from-literal=l=w");
    ok("label", "configmap", "a", "-n", "fmt", "tier=web");
    ok("label", "configmap", "b", "-n", "fmt", "tier=db");
    assertThat(ok("get", "cm", "-n", "fmt", "-o", "custom-columns=NAME:.metadata.name,TIER:.metadata.labels.tier", "--sort-by=.metadata.labels.tier"))
        .isEqualTo("NAME   TIER\nb      db\na      web\n");
    assertThat(ok("get", "cm", "-n", "fmt", "-o", "go-template={{range .items}}{{.metadata.name}}={{len .data}} {{end}}"))
        .isEqualTo("a=2 b=1 ");
    assertThat(ok("get", "cm", "-n", "fmt", "-o", "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.metadata.labels.tier}{\"\\n\"}{end}"))
        .isEqualTo("a\tweb\nb\tdb\n");
    assertThat(ok("get", "cm", "-n", "fmt", "-L", "tier").lines()).first().asString().matches("NAME\\s+DATA\\s+AGE\\s+TIER");
    assertThat(ok("get", "cm", "a", "-n", "fmt", "--show-labels")).containsPattern("a\\s+2\\s+\\d+s\\s+tier=web");
    assertThat(ok("get", "cm", "-n", "fmt", "-l", "tier in (web,cache)", "-o", "name")).isEqualTo("configmap/a\n");
    assertThat(ok("get", "cm", "-n", "fmt", "-l", "tier,tier!=web", "-o", "name")).isEqualTo("configmap/b\n");
    assertThat(ok("get", "cm", "-n", "fmt", "-l", "!tier", "-o", "name")).isEmpty();
    assertThat(ok("get", "cm", "-n", "fmt", "--field-selector", "metadata.name!=a", "-o", "name")).isEqualTo("configmap/b\n");
    assertThat(ok("get", "cm", "-n", "fmt", "--chunk-size=1", "-o", "name")).isEqualTo("configmap/a\nconfigmap/b\n");
    assertThat(ok("get", "cm", "-A", "-l", "tier", "-o", "custom-columns=NS:.metadata.namespace,NAME:.metadata.name"))
        .isEqualTo("NS    NAME\nfmt   a\nfmt   b\n");
    assertThat(ok("get", "cm", "a", "-n", "fmt", "-o", "yaml", "--show-managed-fields"))
        .contains("manager: kubectl-create").contains("manager: kubectl-label").contains("f:tier: {}");
  }

  @Test
  void applyDirectoriesListsPruneAndFieldRemoval() throws Exception {
    ok("create", "namespace", "apl");
    var dir = Files.createDirectories(cluster.dataDir().resolve("manifests"));
    Files.writeString(dir.resolve("a.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: one
          labels: {set: s, extra: "yes"}
        data: {k1: v1, k2: v2}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: two
          labels: {set: s}
        """);
    Files.writeString(dir.resolve("b.yaml"), """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: three, labels: {set: s}}
        """);
    assertThat(ok("apply", "-n", "apl", "-f", dir.toString()).lines())
        .containsExactly("configmap/one created", "configmap/two created", "configmap/three created");
    Files.writeString(dir.resolve("a.yaml"), """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: one
          labels: {set: s}
        data: {k1: v1}
        """);
    Files.delete(dir.resolve("b.yaml"));
    assertThat(ok("apply", "-n", "apl", "-f", dir.toString(), "--prune", "-l", "set=s", "--prune-allowlist=core/v1/ConfigMap").lines())
        .containsExactlyInAnyOrder("configmap/one configured", "configmap/two pruned", "configmap/three pruned");
    assertThat(ok("get", "cm", "one", "-n", "apl", "-o", "jsonpath={.data} {.metadata.labels}")).isEqualTo("{\"k1\":\"v1\"} {\"set\":\"s\"}");
    assertThat(ok("apply", "-n", "apl", "-f", dir.toString(), "--dry-run=server").trim()).isEqualTo("configmap/one unchanged (server dry run)");
    // server-side apply takes over from client-side apply
    assertThat(ok("apply", "-n", "apl", "--server-side", "-f", dir.resolve("a.yaml").toString()).trim())
        .isEqualTo("configmap/one serverside-applied");
    // kubectl migrates the client-side-apply manager's fields to its apply manager (csaupgrade)
    assertThat(ok("get", "cm", "one", "-n", "apl", "-o", "jsonpath={.metadata.managedFields[*].manager}").split(" "))
        .containsExactlyInAnyOrder("kubectl", "kubectl-last-applied");
  }

  @Test
  void valuesOfTheWrongTypeAreRejectedAsUpstreamDecodingDoes() throws Exception {
    ok("create", "namespace", "types");
    var created = cluster.kubectlWithInput("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: port}
        data: {port: 8080}
        """, "create", "-n", "types", "-f", "-");
    assertThat(created.exitCode()).isNotZero();
    assertThat(created.stderr().trim()).isEqualTo("Error from server (BadRequest): error when creating \"STDIN\": ConfigMap in version \"v1\" "
        + "cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string");
    ok("create", "deployment", "web", "-n", "types", "--image=nginx");
    var patched = fails("patch", "deployment", "web", "-n", "types", "--type=merge", "-p", "{\"spec\":{\"replicas\":\"3\"}}");
    assertThat(patched.stderr()).contains("json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
    assertThat(ok("set", "env", "deployment/web", "-n", "types", "PORT=80").trim()).isEqualTo("deployment.apps/web env updated");
  }

  @Test
  void createWarningsAndServiceTypeChanges() throws Exception {
    ok("create", "namespace", "svc");
    var pod = cluster.kubectlWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: ports}
        spec:
          containers:
          - name: app
            image: busybox
            ports: [{containerPort: 80}, {containerPort: 80}]
        """, "create", "-n", "svc", "-f", "-").assertOk();
    assertThat(pod.stderr().trim()).isEqualTo("Warning: spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0]");
    // a workload warns when its template changes, not on other updates
    ok("create", "deployment", "web", "-n", "svc", "--image=nginx");
    var deprecated = cluster.kubectl("patch", "deployment", "web", "-n", "svc", "-p",
        "{\"spec\":{\"template\":{\"spec\":{\"nodeSelector\":{\"beta.kubernetes.io/arch\":\"amd64\"}}}}}").assertOk();
    assertThat(deprecated.stderr().trim())
        .isEqualTo("Warning: spec.template.spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use \"kubernetes.io/arch\" instead");
    assertThat(cluster.kubectl("label", "deployment", "web", "-n", "svc", "a=b").assertOk().stderr()).isEmpty();
    ok("create", "service", "nodeport", "np", "-n", "svc", "--tcp=80:8080");
    assertThat(ok("patch", "svc", "np", "-n", "svc", "-p", "{\"spec\":{\"type\":\"ClusterIP\"}}").trim()).isEqualTo("service/np patched");
    assertThat(ok("get", "svc", "np", "-n", "svc", "-o", "jsonpath={.spec.type} {.spec.ports[0].nodePort}{.spec.externalTrafficPolicy}"))
        .isEqualTo("ClusterIP ");
    ok("patch", "svc", "np", "-n", "svc", "-p", "{\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"example.com\",\"clusterIP\":\"\"}}");
    assertThat(ok("get", "svc", "np", "-n", "svc", "-o", "jsonpath={.spec.type} {.spec.clusterIPs} {.spec.ipFamilies} {.spec.internalTrafficPolicy}"))
        .isEqualTo("ExternalName   ");
    ok("create", "service", "clusterip", "fixed", "-n", "svc", "--tcp=80");
    var moved = fails("patch", "svc", "fixed", "-n", "svc", "-p", "{\"spec\":{\"clusterIP\":\"10.43.0.99\"}}");
    assertThat(moved.stderr().trim())
        .isEqualTo("The Service \"fixed\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.43.0.99\"}: may not change once set");
  }

  @Test
  void replaceEditAndSubresources() throws Exception {
    ok("create", "namespace", "rep");
    ok("create", "deployment", "web", "-n", "rep", "--image=nginx:1.27");
    var yaml = ok("get", "deployment", "web", "-n", "rep", "-o", "yaml");
    var uid = ok("get", "deployment", "web", "-n", "rep", "-o", "jsonpath={.metadata.uid}");
    var file = Files.writeString(cluster.dataDir().resolve("web.yaml"), yaml.replace("nginx:1.27", "nginx:1.28"));
    assertThat(ok("replace", "-n", "rep", "-f", file.toString()).trim()).isEqualTo("deployment.apps/web replaced");
    var stale = fails("replace", "-n", "rep", "-f", file.toString());
    assertThat(stale.stderr()).contains("Error from server (Conflict)").contains("the object has been modified");
    assertThat(ok("replace", "--force", "-n", "rep", "-f", file.toString()).lines())
        .containsExactly("deployment.apps \"web\" deleted", "deployment.apps/web replaced");
    assertThat(ok("get", "deployment", "web", "-n", "rep", "-o", "jsonpath={.metadata.uid}")).isNotEqualTo(uid);

    var editor = cluster.dataDir().resolve("editor.sh");
    Files.writeString(editor, "#!/bin/sh\nsed -i 's/nginx:1.28/nginx:1.29/' \"$1\"\n");
    Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
    var edited = cluster.kubectlWithEnv(Map.of("EDITOR", editor.toString()), null, "edit", "deployment", "web", "-n", "rep").assertOk();
    assertThat(edited.stdout().trim()).isEqualTo("deployment.apps/web edited");
    var cancelled = cluster.kubectlWithEnv(Map.of("EDITOR", "true"), null, "edit", "deployment", "web", "-n", "rep").assertOk();
    assertThat(cancelled.stderr().trim()).isEqualTo("Edit cancelled, no changes made.");

    assertThat(ok("patch", "deployment", "web", "-n", "rep", "--subresource=scale", "--type=merge", "-p", "{\"spec\":{\"replicas\":4}}").trim())
        .isEqualTo("scale.autoscaling/web patched");
    ok("patch", "deployment", "web", "-n", "rep", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"replicas\":4,\"readyReplicas\":3}}");
    assertThat(ok("get", "deployment", "web", "-n", "rep", "--subresource=scale", "-o", "jsonpath={.kind} {.spec.replicas} {.status.replicas} {.status.selector}"))
        .isEqualTo("Scale 4 4 app=web");
    assertThat(ok("get", "deployment", "web", "-n", "rep")).containsPattern("web\\s+3/4\\s+0\\s+0\\s+\\d+s");
    // the main resource ignores status; the status subresource ignores spec
    ok("patch", "deployment", "web", "-n", "rep", "--type=merge", "-p", "{\"status\":{\"readyReplicas\":0}}");
    ok("patch", "deployment", "web", "-n", "rep", "--subresource=status", "--type=merge", "-p", "{\"spec\":{\"replicas\":9}}");
    assertThat(ok("get", "deployment", "web", "-n", "rep", "-o", "jsonpath={.spec.replicas} {.status.readyReplicas} {.spec.template.spec.containers[0].image}"))
        .isEqualTo("4 3 nginx:1.29");
  }

  @Test
  void setCommandsAndAutoscale() throws Exception {
    ok("create", "namespace", "set");
    ok("create", "deployment", "web", "-n", "set", "--image=nginx:1.27");
    assertThat(ok("set", "image", "deployment/web", "-n", "set", "nginx=nginx:1.28").trim()).isEqualTo("deployment.apps/web image updated");
    ok("set", "env", "deployment/web", "-n", "set", "A=1", "B=2");
    ok("set", "env", "deployment/web", "-n", "set", "A-");
    assertThat(ok("set", "env", "deployment/web", "-n", "set", "--list")).isEqualTo("# Deployment web, container nginx\nB=2\n");
    ok("set", "resources", "deployment/web", "-n", "set", "--limits=cpu=200m,memory=512Mi", "--requests=cpu=100m");
    ok("set", "serviceaccount", "deployment/web", "-n", "set", "robot");
    assertThat(ok("get", "deployment", "web", "-n", "set", "-o",
        "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].resources} {.spec.template.spec.serviceAccountName}"))
        .isEqualTo("nginx:1.28 {\"limits\":{\"cpu\":\"200m\",\"memory\":\"512Mi\"},\"requests\":{\"cpu\":\"100m\"}} robot");
    ok("create", "service", "clusterip", "web", "-n", "set", "--tcp=80");
    assertThat(ok("set", "selector", "svc/web", "-n", "set", "app=other").trim()).isEqualTo("service/web selector updated");
    assertThat(ok("get", "svc", "web", "-n", "set", "-o", "jsonpath={.spec.selector}")).isEqualTo("{\"app\":\"other\"}");
    var stale = fails("scale", "deployment", "web", "-n", "set", "--current-replicas=3", "--replicas=5");
    assertThat(stale.stderr().trim()).isEqualTo("error: Expected replicas to be 3, was 1");
    ok("create", "job", "once", "-n", "set", "--image=busybox");
    assertThat(fails("scale", "job", "once", "-n", "set", "--replicas=2").stderr().trim())
        .isEqualTo("Error from server (NotFound): the server could not find the requested resource");
    assertThat(ok("autoscale", "deployment", "web", "-n", "set", "--min=1", "--max=5", "--cpu-percent=80").trim())
        .isEqualTo("horizontalpodautoscaler.autoscaling/web autoscaled");
    assertThat(ok("get", "hpa", "web", "-n", "set")).containsPattern("web\\s+Deployment/web\\s+cpu: <unknown>/80%\\s+1\\s+5\\s+0\\s+\\d+s");
    ok("label", "deployment", "web", "-n", "set", "a=1");
    var overwrite = fails("label", "deployment", "web", "-n", "set", "a=2");
    assertThat(overwrite.stderr().trim()).isEqualTo("error: 'a' already has a value (1), and --overwrite is false");
    ok("label", "deployment", "web", "-n", "set", "a=2", "--overwrite");
    ok("annotate", "deployment", "web", "-n", "set", "note=x");
    assertThat(ok("label", "deployment", "web", "-n", "set", "a-").trim()).isEqualTo("deployment.apps/web unlabeled");
    ok("annotate", "deployment", "web", "-n", "set", "note-");
    assertThat(ok("get", "deployment", "web", "-n", "set", "-o", "jsonpath={.metadata.labels} {.metadata.annotations.note}"))
        .isEqualTo("{\"app\":\"web\"} ");
  }

  @Test
  void deletesWaitsAndEvents() throws Exception {
    ok("create", "namespace", "del");
    for (var name : new String[] {"c1", "c2", "c3"}) {
      ok("create", "configmap", name, "-n", "del", "--from-literal=a=b");
    }
    ok("label", "configmap", "c1", "c2", "-n", "del", "group=x");
    assertThat(ok("delete", "configmap", "-l", "group=x", "-n", "del").lines())
        .containsExactly("configmap \"c1\" deleted", "configmap \"c2\" deleted");
    assertThat(ok("delete", "configmap", "--all", "-n", "del").trim()).isEqualTo("configmap \"c3\" deleted");
    ok("run", "p", "-n", "del", "--image=busybox");
    var forced = cluster.kubectl("delete", "pod", "p", "-n", "del", "--grace-period=0", "--force").assertOk();
    assertThat(forced.stdout().trim()).isEqualTo("pod \"p\" force deleted");
    ok("create", "deployment", "fg", "-n", "del", "--image=nginx");
    ok("delete", "deployment", "fg", "-n", "del", "--cascade=foreground", "--wait=false");
    assertThat(ok("get", "deployment", "fg", "-n", "del", "-o", "jsonpath={.metadata.finalizers}")).isEqualTo("[\"foregroundDeletion\"]");

    ok("create", "deployment", "w", "-n", "del", "--image=nginx");
    assertThat(ok("wait", "deployment/w", "-n", "del", "--for=jsonpath={.spec.replicas}=1", "--timeout=10s").trim())
        .isEqualTo("deployment.apps/w condition met");
    ok("patch", "deployment", "w", "-n", "del", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"conditions\":[{\"type\":\"Available\",\"status\":\"True\",\"reason\":\"Test\",\"message\":\"m\","
            + "\"lastUpdateTime\":\"2024-01-01T00:00:00Z\",\"lastTransitionTime\":\"2024-01-01T00:00:00Z\"}]}}");
    assertThat(ok("wait", "deployment/w", "-n", "del", "--for=condition=Available", "--timeout=10s").trim())
        .isEqualTo("deployment.apps/w condition met");
    var deleting = cluster.kubectlBackground(cluster.dataDir().resolve("wait-delete.out"),
        "wait", "configmap/gone", "-n", "del", "--for=delete", "--timeout=20s");
    ok("create", "configmap", "gone", "-n", "del");
    ok("delete", "configmap", "gone", "-n", "del");
    assertThat(deleting.waitFor()).isZero();

    cluster.kubectlWithInput("""
        apiVersion: v1
        kind: Event
        metadata: {name: w.1}
        involvedObject: {kind: Deployment, name: w, namespace: del, apiVersion: apps/v1}
        reason: Tested
        message: hello
        type: Warning
        firstTimestamp: "2024-01-01T00:00:00Z"
        lastTimestamp: "2024-01-01T00:00:00Z"
        count: 2
        source: {component: e2e}
        """, "create", "-n", "del", "-f", "-").assertOk();
    assertThat(ok("get", "events", "-n", "del", "--field-selector", "involvedObject.name=w,type=Warning", "-o", "custom-columns=R:.reason,M:.message"))
        .isEqualTo("R        M\nTested   hello\n");
    assertThat(ok("events", "-n", "del", "--for", "deployment/w")).containsPattern("Warning\\s+Tested\\s+Deployment/w\\s+hello");
    assertThat(ok("get", "events", "-n", "del", "--field-selector", "involvedObject.name=nobody", "-o", "name")).isEmpty();
  }

  @Test
  void kustomizeAndExplainAndDiscoveryFlags() throws Exception {
    var dir = Files.createDirectories(cluster.dataDir().resolve("kustomize"));
    Files.writeString(dir.resolve("kustomization.yaml"), """
        namespace: kust
        namePrefix: dev-
        labels:
        - pairs: {env: dev}
        resources: [ns.yaml]
        configMapGenerator:
        - name: settings
          literals: [color=blue]
        """);
    Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: kust}\n");
    var applied = ok("apply", "-k", dir.toString());
    assertThat(applied).contains("namespace/kust created").containsPattern("configmap/dev-settings-\\w+ created");
    assertThat(ok("get", "cm", "-n", "kust", "-l", "env=dev", "-o", "jsonpath={.items[0].data.color}")).isEqualTo("blue");

    assertThat(ok("explain", "pods", "--output=plaintext-openapiv2")).contains("KIND:     Pod").contains("VERSION:  v1");
    assertThat(ok("explain", "deployment.spec.strategy", "--recursive")).contains("  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<");
    assertThat(ok("api-resources", "--namespaced=false", "-o", "name")).contains("namespaces\n").contains("clusterroles.rbac.authorization.k8s.io\n")
        .doesNotContain("pods\n");
    assertThat(ok("api-resources", "--verbs=list", "--api-group=batch", "-o", "name").lines()).containsExactly("cronjobs.batch", "jobs.batch");
    assertThat(ok("get", "--raw", "/openapi/v3")).contains("\"apis/apps/v1\"");
    assertThat(ok("cluster-info")).contains("Kubernetes control plane is running at https://127.0.0.1:");
  }

  @Test
  void errorsReadAsUpstreamsDo() throws Exception {
    var unknownKind = cluster.kubectlWithInput("apiVersion: v1\nkind: Nope\nmetadata: {name: x}\n", "create", "-f", "-");
    assertThat(unknownKind.exitCode()).isNotZero();
    assertThat(unknownKind.stderr()).contains("no matches for kind \"Nope\" in version \"v1\"");
    assertThat(fails("get", "nosuchkind").stderr().trim()).isEqualTo("error: the server doesn't have a resource type \"nosuchkind\"");
    assertThat(fails("create", "configmap", "x", "-n", "nosuchns").stderr().trim()).isEqualTo("error: failed to create configmap: namespaces \"nosuchns\" not found");
    assertThat(fails("get", "pods", "--field-selector", "spec.foo=bar").stderr()).contains("field label not supported: spec.foo");
    assertThat(fails("get", "cm", "-l", "a in (b").stderr()).contains("unable to parse requirement");
    ok("create", "configmap", "dup", "-n", "default");
    assertThat(fails("create", "configmap", "dup", "-n", "default").stderr().trim())
        .isEqualTo("error: failed to create configmap: configmaps \"dup\" already exists");
    ok("patch", "configmap", "dup", "-n", "default", "--type=merge", "-p", "{\"immutable\":true}");
    assertThat(fails("patch", "configmap", "dup", "-n", "default", "--type=merge", "-p", "{\"data\":{\"a\":\"b\"}}").stderr().trim())
        .isEqualTo("The ConfigMap \"dup\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
    assertThat(fails("patch", "configmap", "dup", "-n", "default", "--type=merge", "-p", "{\"metadata\":{\"resourceVersion\":\"1\"}}").stderr())
        .contains("Error from server (Conflict)");
    assertThat(fails("logs", "lonely", "-n", "default").stderr()).contains("pods \"lonely\" not found");
  }
}
