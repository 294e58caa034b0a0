package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every failure is a Kubernetes Status with the code and reason upstream uses, and bad input loses no data. */
class ApiErrorsTest {

  static TestCluster cluster;
  static AdminHttp admin;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CM = "/api/v1/namespaces/default/configmaps";

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start();
    admin = new AdminHttp(cluster, "admin");
    cluster.kubectl("create", "configmap", "existing", "--from-literal=a=b").assertOk();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  static Stream<Arguments> failures() {
    var cm = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"%s\"},\"data\":{\"k\":\"v\"}}";
    return Stream.of(
        Arguments.of("malformed JSON", "POST", CM, "application/json", "{\"apiVersion\":", 400, "BadRequest"),
        Arguments.of("malformed YAML", "POST", CM, "application/yaml", "metadata: [unclosed", 400, "BadRequest"),
        Arguments.of("body is not an object", "POST", CM, "application/json", "[1,2]", 400, "BadRequest"),
        Arguments.of("kind mismatch", "POST", CM, "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"}}", 400, "BadRequest"),
        Arguments.of("namespace mismatch", "POST", CM, "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"namespace\":\"kube-system\"}}", 400, "BadRequest"),
        Arguments.of("missing object", "GET", CM + "/nope", null, null, 404, "NotFound"),
        Arguments.of("missing namespace", "POST", "/api/v1/namespaces/nowhere/configmaps", "application/json", cm.formatted("x"), 404, "NotFound"),
        Arguments.of("unknown resource", "GET", "/apis/example.com/v1/widgets", null, null, 404, "NotFound"),
        Arguments.of("create with a name in the URL", "POST", CM + "/existing", "application/json", cm.formatted("existing"), 405, "MethodNotAllowed"),
        Arguments.of("update of a collection", "PUT", CM, "application/json", cm.formatted("existing"), 405, "MethodNotAllowed"),
        Arguments.of("already exists", "POST", CM, "application/json", cm.formatted("existing"), 409, "AlreadyExists"),
        Arguments.of("stale resourceVersion", "PUT", CM + "/existing", "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"existing\",\"resourceVersion\":\"1\"}}", 409, "Conflict"),
        Arguments.of("unsupported body type", "POST", CM, "text/plain", "hello", 415, "UnsupportedMediaType"),
        Arguments.of("unsupported patch type", "PATCH", CM + "/existing", "application/json", "{}", 415, "UnsupportedMediaType"),
        Arguments.of("invalid object", "POST", CM, "application/json", cm.formatted("Not_Valid"), 422, "Invalid"),
        Arguments.of("strict unknown field", "POST", CM + "?fieldValidation=Strict", "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"strict\"},\"bogus\":1}", 400, "BadRequest"),
        Arguments.of("bad label selector", "GET", CM + "?labelSelector=a%20in%20(", null, null, 400, "BadRequest"),
        Arguments.of("unsupported field selector", "GET", CM + "?fieldSelector=spec.nodeName%3Dx", null, null, 400, "BadRequest"),
        Arguments.of("bad continue token", "GET", CM + "?limit=1&continue=garbage", null, null, 400, "BadRequest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failuresAreStatuses(String name, String method, String path, String contentType, String body, int code, String reason) throws Exception {
    var response = admin.send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
    var status = JSON.readTree(response.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("status").asText()).isEqualTo("Failure");
    assertThat(status.path("reason").asText()).isEqualTo(reason);
    assertThat(status.path("code").asInt()).isEqualTo(code);
    assertThat(status.path("message").asText()).isNotBlank();
    var existing = admin.get(CM + "/existing", null);
    assertThat(JSON.readTree(existing.body()).path("data").path("a").asText()).as("no data lost").isEqualTo("b");
  }

  @Test
  void invalidObjectsCarryFieldCauses() throws Exception {
    var response = admin.send("POST", CM, "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad\",\"labels\":{\"a b\":\"c\"}}}".getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode causes = JSON.readTree(response.body()).path("details").path("causes");
    assertThat(causes.findValuesAsText("field")).contains("metadata.name", "metadata.labels");
    assertThat(causes.findValuesAsText("reason")).contains("FieldValueInvalid");
  }

  @Test
  void bodiesOverThreeMebibytesAreRejected() throws Exception {
    var big = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}}";
    var response = admin.send("POST", CM, "application/json", big.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).path("reason").asText()).isEqualTo("RequestEntityTooLarge");
    assertThat(admin.get(CM + "/big", null).statusCode()).isEqualTo(404);
  }

  @Test
  void onlyProtobufAcceptIsNotAcceptable() throws Exception {
    var response = admin.get(CM, "application/vnd.kubernetes.protobuf");
    assertThat(response.statusCode()).isEqualTo(406);
  }

  @Test
  void usersWithoutRbacPermissionGet403() throws Exception {
    cluster.server().pki().issueClient(cluster.dataDir().resolve("tls"), "nobody", "nobody", null);
    var nobody = new AdminHttp(cluster, "nobody");
    var response = nobody.get(CM, null);
    assertThat(response.statusCode()).isEqualTo(403);
    var status = JSON.readTree(response.body());
    assertThat(status.path("reason").asText()).isEqualTo("Forbidden");
    assertThat(status.path("message").asText())
        .isEqualTo("configmaps is forbidden: User \"nobody\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"default\"");
    assertThat(nobody.get("/version", null).statusCode()).isEqualTo(200);
  }

  @Test
  void compactedHistoryAnswers410() throws Exception {
    cluster.kubectl("create", "configmap", "churn", "--from-literal=v=0").assertOk();
    for (int i = 1; i <= 3; i++) {
      cluster.kubectl("patch", "configmap", "churn", "--type", "merge", "-p", "{\"data\":{\"v\":\"" + i + "\"}}").assertOk();
    }
    var storage = cluster.server().storage();
    storage.compact(storage.currentRevision());
    var list = admin.get(CM + "?resourceVersion=2&resourceVersionMatch=Exact", null);
    assertThat(list.statusCode()).isEqualTo(410);
    assertThat(JSON.readTree(list.body()).path("reason").asText()).isEqualTo("Expired");
    var watch = admin.get(CM + "?watch=1&resourceVersion=2&timeoutSeconds=5", null);
    assertThat(watch.statusCode()).isEqualTo(200);
    var event = JSON.readTree(watch.body().lines().findFirst().orElseThrow());
    assertThat(event.path("type").asText()).isEqualTo("ERROR");
    assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
  }
}
