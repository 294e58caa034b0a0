package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Finalizers, graceful deletion, field validation modes and watch semantics, over raw HTTP and kubectl. */
class ObjectLifecycleTest {

  static TestCluster cluster;
  static AdminHttp http;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start();
    http = new AdminHttp(cluster, "admin");
    cluster.kubectl("create", "namespace", "life").assertOk();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void finalizersHoldADeletedObjectUntilRemoved() throws Exception {
    cluster.kubectlWithInput("""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: held
          namespace: life
          finalizers: [example.com/cleanup]
        """, "create", "-f", "-").assertOk();
    cluster.kubectl("delete", "configmap", "held", "-n", "life", "--wait=false").assertOk();
    var marked = cluster.kubectl("get", "configmap", "held", "-n", "life", "-o", "jsonpath={.metadata.deletionTimestamp}").assertOk().stdout();
    assertThat(marked).isNotBlank();
    var relabel = cluster.kubectl("label", "configmap", "held", "-n", "life", "still=here");
    assertThat(relabel.exitCode()).as("updates of a terminating object are allowed").isZero();
    cluster.kubectl("patch", "configmap", "held", "-n", "life", "--type", "json", "-p", "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]")
        .assertOk();
    var gone = cluster.kubectl("get", "configmap", "held", "-n", "life");
    assertThat(gone.stderr()).contains("NotFound");
  }

  @Test
  void podsOnANodeTerminateGracefullyAndForceDeleteRemovesThem() throws Exception {
    cluster.kubectlWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: graceful, namespace: life}
        spec:
          nodeName: some-node
          terminationGracePeriodSeconds: 45
          containers: [{name: app, image: busybox}]
        """, "create", "-f", "-").assertOk();
    cluster.kubectl("delete", "pod", "graceful", "-n", "life", "--wait=false").assertOk();
    var grace = cluster.kubectl("get", "pod", "graceful", "-n", "life", "-o", "jsonpath={.metadata.deletionGracePeriodSeconds}").assertOk().stdout();
    assertThat(grace).isEqualTo("45");
    var table = cluster.kubectl("get", "pod", "graceful", "-n", "life").assertOk().stdout();
    assertThat(table).contains("Terminating");
    cluster.kubectl("delete", "pod", "graceful", "-n", "life", "--grace-period=0", "--force").assertOk();
    assertThat(cluster.kubectl("get", "pod", "graceful", "-n", "life").stderr()).contains("NotFound");
    cluster.kubectlWithInput("""
        apiVersion: v1
        kind: Pod
        metadata: {name: unscheduled, namespace: life}
        spec:
          containers: [{name: app, image: busybox}]
        """, "create", "-f", "-").assertOk();
    cluster.kubectl("delete", "pod", "unscheduled", "-n", "life", "--wait=false").assertOk();
    assertThat(cluster.kubectl("get", "pod", "unscheduled", "-n", "life").stderr()).as("never reached a node: deleted at once").contains("NotFound");
  }

  @Test
  void orphanAndForegroundPropagationSetTheGarbageCollectorsFinalizers() throws Exception {
    cluster.kubectl("create", "configmap", "owner", "-n", "life", "--from-literal=a=b").assertOk();
    var response = http.send("DELETE", "/api/v1/namespaces/life/configmaps/owner", "application/json",
        "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"Orphan\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    var finalizers = cluster.kubectl("get", "configmap", "owner", "-n", "life", "-o", "jsonpath={.metadata.finalizers}").assertOk().stdout();
    assertThat(finalizers).contains("orphan");
  }

  @Test
  void podAdmissionSetsServiceAccountPriorityAndNodeLossTolerations() throws Exception {
    assertThat(cluster.kubectl("get", "priorityclasses").assertOk().stdout())
        .containsPattern("system-cluster-critical\\s+2000000000\\s+false")
        .containsPattern("system-node-critical\\s+2000001000\\s+false");
    cluster.kubectl("run", "plain", "-n", "life", "--image=nginx").assertOk();
    var spec = JSON.readTree(cluster.kubectl("get", "pod", "plain", "-n", "life", "-o", "json").assertOk().stdout()).path("spec");
    assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
    assertThat(spec.path("priority").asInt(-1)).isZero();
    assertThat(spec.path("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
    assertThat(spec.path("tolerations").toString())
        .isEqualTo("[{\"effect\":\"NoExecute\",\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"tolerationSeconds\":300},"
            + "{\"effect\":\"NoExecute\",\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"tolerationSeconds\":300}]");

    cluster.kubectl("run", "critical", "-n", "life", "--image=nginx", "--overrides",
        "{\"spec\":{\"priorityClassName\":\"system-node-critical\"}}").assertOk();
    assertThat(cluster.kubectl("get", "pod", "critical", "-n", "life", "-o", "jsonpath={.spec.priority}").assertOk().stdout()).isEqualTo("2000001000");

    var unknown = cluster.kubectl("run", "lost", "-n", "life", "--image=nginx", "--overrides", "{\"spec\":{\"priorityClassName\":\"nope\"}}");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("pods \"lost\" is forbidden: no PriorityClass with name nope was found");
    var mismatch = cluster.kubectl("run", "liar", "-n", "life", "--image=nginx", "--overrides", "{\"spec\":{\"priority\":5}}");
    assertThat(mismatch.exitCode()).isNotZero();
    assertThat(mismatch.stderr()).contains("the integer value of priority (5) must not be provided in pod spec; "
        + "priority admission controller computed 0 from the given PriorityClass name");
  }

  @Test
  void aDeletedServicesAddressAndNodePortCanBeTakenAtOnce() throws Exception {
    cluster.kubectl("create", "service", "nodeport", "first", "-n", "life", "--tcp=80:8080", "--node-port=30099").assertOk();
    var ip = cluster.kubectl("get", "service", "first", "-n", "life", "-o", "jsonpath={.spec.clusterIP}").assertOk().stdout();
    var taken = cluster.kubectl("create", "service", "nodeport", "second", "-n", "life", "--tcp=80:8080", "--node-port=30099");
    assertThat(taken.exitCode()).isNotZero();
    assertThat(taken.stderr()).contains("provided port is already allocated");
    cluster.kubectl("delete", "service", "first", "-n", "life").assertOk();
    cluster.kubectl("create", "service", "nodeport", "second", "-n", "life", "--tcp=80:8080", "--node-port=30099").assertOk();
    cluster.kubectl("create", "service", "clusterip", "third", "-n", "life", "--tcp=80:8080", "--clusterip=" + ip).assertOk();
  }

  @Test
  void fieldValidationWarnAndIgnoreDropUnknownFields() throws Exception {
    var body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\"},\"data\":{\"a\":\"b\"},\"extra\":{\"x\":1}}";
    var warn = http.send("POST", "/api/v1/namespaces/life/configmaps?fieldValidation=Warn", "application/json", body.formatted("warned").getBytes(StandardCharsets.UTF_8));
    assertThat(warn.statusCode()).isEqualTo(201);
    assertThat(warn.headers().allValues("Warning")).anySatisfy(w -> assertThat(w).contains("unknown field \\\"extra\\\""));
    assertThat(JSON.readTree(warn.body()).has("extra")).isFalse();
    var ignore = http.send("POST", "/api/v1/namespaces/life/configmaps?fieldValidation=Ignore", "application/json", body.formatted("ignored").getBytes(StandardCharsets.UTF_8));
    assertThat(ignore.statusCode()).isEqualTo(201);
    assertThat(ignore.headers().allValues("Warning")).isEmpty();
  }

  @Test
  void watchWithInitialEventsBookmarksTimeoutAndSelectorTransitions() throws Exception {
    cluster.kubectl("create", "namespace", "watched").assertOk();
    cluster.kubectl("create", "configmap", "one", "-n", "watched", "--from-literal=a=b").assertOk();
    var initial = http.get("/api/v1/namespaces/watched/configmaps?watch=1&sendInitialEvents=true&allowWatchBookmarks=true"
        + "&resourceVersionMatch=NotOlderThan&resourceVersion=&timeoutSeconds=2", null);
    var events = lines(initial.body());
    assertThat(events).extracting(e -> e.path("type").asText()).startsWith("ADDED", "BOOKMARK");
    assertThat(events.get(1).path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end").asText()).isEqualTo("true");

    var rv = JSON.readTree(http.get("/api/v1/namespaces/watched/configmaps", null).body()).path("metadata").path("resourceVersion").asText();
    cluster.kubectl("label", "configmap", "one", "-n", "watched", "tier=web").assertOk();
    cluster.kubectl("label", "configmap", "one", "-n", "watched", "tier-").assertOk();
    var selected = http.get("/api/v1/namespaces/watched/configmaps?watch=1&labelSelector=tier%3Dweb&timeoutSeconds=2&resourceVersion=" + rv, null);
    assertThat(lines(selected.body())).extracting(e -> e.path("type").asText()).containsExactly("ADDED", "DELETED");
  }

  @Test
  void metadataListsAndWatchesServePartialObjectMetadata() throws Exception {
    cluster.kubectl("create", "namespace", "partial").assertOk();
    cluster.kubectl("create", "configmap", "one", "-n", "partial", "--from-literal=a=b").assertOk();
    var listAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    var watchAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
    var list = JSON.readTree(http.get("/api/v1/namespaces/partial/configmaps", listAccept).body());
    assertThat(list.path("kind").asText()).isEqualTo("PartialObjectMetadataList");
    assertThat(list.path("items").get(0).path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(list.path("items").get(0).has("data")).isFalse();

    var initial = lines(http.get("/api/v1/namespaces/partial/configmaps?watch=1&sendInitialEvents=true&allowWatchBookmarks=true"
        + "&resourceVersionMatch=NotOlderThan&resourceVersion=&timeoutSeconds=1", watchAccept).body());
    assertThat(initial).extracting(e -> e.path("type").asText()).containsExactly("ADDED", "BOOKMARK");
    assertThat(initial).extracting(e -> e.path("object").path("kind").asText()).containsOnly("PartialObjectMetadata");
    assertThat(initial.get(0).path("object").path("metadata").path("name").asText()).isEqualTo("one");
    assertThat(initial.get(0).path("object").has("data")).isFalse();

    // Both watches see the same stored version; each gets its own representation of it.
    var rv = list.path("metadata").path("resourceVersion").asText();
    cluster.kubectl("label", "configmap", "one", "-n", "partial", "tier=web").assertOk();
    var path = "/api/v1/namespaces/partial/configmaps?watch=1&timeoutSeconds=1&resourceVersion=" + rv;
    var partial = lines(http.get(path, watchAccept).body());
    var whole = lines(http.get(path, null).body());
    assertThat(partial).extracting(e -> e.path("type").asText()).containsExactly("MODIFIED");
    assertThat(partial.get(0).path("object").path("metadata").path("labels").path("tier").asText()).isEqualTo("web");
    assertThat(partial.get(0).path("object").has("data")).isFalse();
    assertThat(whole).extracting(e -> e.path("object").path("kind").asText()).containsExactly("ConfigMap");
    assertThat(whole.get(0).path("object").path("data").path("a").asText()).isEqualTo("b");
  }

  private static List<JsonNode> lines(String body) throws Exception {
    var out = new ArrayList<JsonNode>();
    for (var line : body.lines().toList()) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }
}
