package io.kube4j.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube4j.api.BuiltinResources;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.schema.BuiltinSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OpenApiDocumentsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OpenApiDocuments DOCS = new OpenApiDocuments(BuiltinResources.all(), new BuiltinSchemas(JSON), JSON);

  private static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String gvPath(ResourceDefinition r, String version) {
    return r.group().isEmpty() ? "api/" + version : "apis/" + r.group() + "/" + version;
  }

  record Served(ResourceDefinition resource, String version) {
    @Override
    public String toString() {
      return resource.resource() + "." + (resource.group().isEmpty() ? "" : resource.group() + "/") + version;
    }
  }

  static Stream<Served> served() {
    return BuiltinResources.all().stream().flatMap(r -> r.versions().stream().map(v -> new Served(r, v)));
  }

  /** What kubectl explain does: find the GVK on the resource's paths, then the schema carrying that GVK. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("served")
  void explainFindsEachResourcesKindAndSchema(Served s) {
    ResourceDefinition r = s.resource();
    JsonNode doc = parse(DOCS.v3().get(gvPath(r, s.version())));
    String prefix = "/" + gvPath(r, s.version()) + "/";
    JsonNode gvk = null;
    search:
    for (String path : List.of(prefix + r.resource(), prefix + r.resource() + "/{name}",
        prefix + "namespaces/{namespace}/" + r.resource(), prefix + "namespaces/{namespace}/" + r.resource() + "/{name}")) {
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        JsonNode found = doc.path("paths").path(path).path(method).path("x-kubernetes-group-version-kind");
        if (!found.isMissingNode()) {
          gvk = found;
          break search;
        }
      }
    }
    assertThat(gvk).as("an operation with x-kubernetes-group-version-kind").isNotNull();
    assertThat(gvk.path("kind").asText()).isEqualTo(r.kind());
    assertThat(gvk.path("version").asText()).isEqualTo(s.version());
    assertThat(gvk.path("group").asText()).isEqualTo(r.group());
    JsonNode wanted = gvk;
    var carrying = new ArrayList<String>();
    doc.path("components").path("schemas").properties().forEach(e -> {
      for (JsonNode k : e.getValue().path("x-kubernetes-group-version-kind")) {
        if (k.equals(wanted)) {
          carrying.add(e.getKey());
        }
      }
    });
    assertThat(carrying).hasSize(1);
  }

  /** What kubectl's server-side field validation check does: every PATCH of the kind declares fieldValidation. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("served")
  void everyPatchOfAKindDeclaresFieldValidationAndStrategicMerge(Served s) {
    JsonNode doc = parse(DOCS.v3().get(gvPath(s.resource(), s.version())));
    var patches = new ArrayList<JsonNode>();
    doc.path("paths").forEach(item -> {
      JsonNode patch = item.path("patch");
      if (patch.path("x-kubernetes-group-version-kind").path("kind").asText().equals(s.resource().kind())) {
        patches.add(patch);
      }
    });
    if (!s.resource().verbs().contains("patch")) {
      return;
    }
    assertThat(patches).isNotEmpty();
    for (JsonNode patch : patches) {
      var query = new ArrayList<String>();
      patch.path("parameters").forEach(p -> {
        if (p.path("in").asText().equals("query")) {
          query.add(p.path("name").asText());
        }
      });
      assertThat(query).contains("fieldValidation", "dryRun", "fieldManager", "force");
      assertThat(patch.path("requestBody").path("content").has("application/strategic-merge-patch+json")).isTrue();
      assertThat(patch.path("x-kubernetes-action").asText()).isEqualTo("patch");
    }
  }

  record Op(String path, String method, String action, List<String> query) {}

  static Stream<Op> podOperations() {
    var write = List.of("dryRun", "fieldManager", "fieldValidation");
    return Stream.of(
        new Op("/api/v1/namespaces/{namespace}/pods", "get", "list", List.of("labelSelector", "fieldSelector", "limit", "continue", "watch", "resourceVersion")),
        new Op("/api/v1/namespaces/{namespace}/pods", "post", "post", write),
        new Op("/api/v1/namespaces/{namespace}/pods", "delete", "deletecollection", List.of("labelSelector", "gracePeriodSeconds", "propagationPolicy")),
        new Op("/api/v1/namespaces/{namespace}/pods/{name}", "get", "get", List.of()),
        new Op("/api/v1/namespaces/{namespace}/pods/{name}", "put", "put", write),
        new Op("/api/v1/namespaces/{namespace}/pods/{name}", "patch", "patch", write),
        new Op("/api/v1/namespaces/{namespace}/pods/{name}", "delete", "delete", List.of("dryRun", "gracePeriodSeconds", "propagationPolicy")),
        new Op("/api/v1/pods", "get", "list", List.of("labelSelector")),
        new Op("/api/v1/watch/namespaces/{namespace}/pods", "get", "watchlist", List.of("resourceVersion")),
        new Op("/api/v1/watch/namespaces/{namespace}/pods/{name}", "get", "watch", List.of()),
        new Op("/api/v1/namespaces/{namespace}/pods/{name}/status", "patch", "patch", write),
        new Op("/api/v1/namespaces/{namespace}/pods/{name}/eviction", "post", "post", write),
        new Op("/api/v1/nodes/{name}", "patch", "patch", write),
        new Op("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "put", "put", write));
  }

  @ParameterizedTest(name = "{1} {0}")
  @MethodSource("podOperations")
  void operationsCarryTheirActionAndQueryParameters(Op op) {
    String gv = op.path().startsWith("/api/v1") ? "api/v1" : "apis/apps/v1";
    JsonNode operation = parse(DOCS.v3().get(gv)).path("paths").path(op.path()).path(op.method());
    assertThat(operation.path("x-kubernetes-action").asText()).as(op.toString()).isEqualTo(op.action());
    var names = new ArrayList<String>();
    operation.path("parameters").forEach(p -> names.add(p.path("name").asText()));
    assertThat(names).containsAll(op.query());
  }

  @Test
  void groupVersionDocumentsHoldOnlyTheSchemasTheirKindsReach() {
    JsonNode apps = parse(DOCS.v3().get("apis/apps/v1")).path("components").path("schemas");
    assertThat(apps.has("io.k8s.api.apps.v1.Deployment")).isTrue();
    assertThat(apps.has("io.k8s.api.core.v1.Container")).isTrue();
    assertThat(apps.has("io.k8s.api.autoscaling.v1.Scale")).isTrue();
    assertThat(apps.has("io.k8s.api.batch.v1.Job")).isFalse();
    assertThat(apps.has("io.k8s.api.core.v1.Node")).isFalse();
    assertThat(DOCS.v3().keySet()).contains("api/v1", "apis/apps/v1", "apis/autoscaling/v1", "apis/autoscaling/v2",
        "apis/events.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1", "apis/apiextensions.k8s.io/v1");
  }

  @Test
  void propertiesReferToNamedSchemasThroughAllOfWithTheirExtensionsBeside() {
    JsonNode schemas = parse(DOCS.v3().get("api/v1")).path("components").path("schemas");
    JsonNode containers = schemas.path("io.k8s.api.core.v1.PodSpec").path("properties").path("containers");
    assertThat(containers.path("type").asText()).isEqualTo("array");
    assertThat(containers.path("items").path("allOf").get(0).path("$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
    assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(containers.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    JsonNode spec = schemas.path("io.k8s.api.core.v1.Pod").path("properties").path("spec");
    assertThat(spec.path("allOf").get(0).path("$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodSpec");
    JsonNode args = schemas.path("io.k8s.api.core.v1.Container").path("properties").path("args");
    assertThat(args.path("description").asText()).startsWith("Arguments to the entrypoint.");
    assertThat(schemas.path("io.k8s.api.core.v1.Container").path("required").toString()).isEqualTo("[\"name\"]");
    assertThat(schemas.path("io.k8s.apimachinery.pkg.util.intstr.IntOrString").path("format").asText()).isEqualTo("int-or-string");
    assertThat(schemas.path("io.k8s.apimachinery.pkg.api.resource.Quantity").path("type").asText()).isEqualTo("string");
  }

  @Test
  void indexPointsAtEachDocumentWithItsContentHash() {
    JsonNode index = parse(DOCS.v3Index()).path("paths");
    assertThat(index.size()).isEqualTo(DOCS.v3().size());
    DOCS.v3().forEach((path, bytes) -> {
      String hash = DOCS.v3Hash(path);
      assertThat(hash).hasSize(128).matches("[0-9A-F]+");
      assertThat(index.path(path).path("serverRelativeURL").asText()).isEqualTo("/openapi/v3/" + path + "?hash=" + hash);
    });
    assertThat(DOCS.v3Hash("apis/nope/v1")).isNull();
    var again = new OpenApiDocuments(BuiltinResources.all(), new BuiltinSchemas(JSON), JSON);
    assertThat(again.v3Hash("api/v1")).isEqualTo(DOCS.v3Hash("api/v1"));
  }

  @Test
  void v2HoldsEveryPathAndDefinitionWithSwaggerRefs() {
    JsonNode v2 = parse(DOCS.v2Json());
    assertThat(v2.path("swagger").asText()).isEqualTo("2.0");
    assertThat(v2.path("paths").has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}")).isTrue();
    JsonNode deployment = v2.path("definitions").path("io.k8s.api.apps.v1.Deployment");
    assertThat(deployment.path("properties").path("spec").path("$ref").asText()).isEqualTo("#/definitions/io.k8s.api.apps.v1.DeploymentSpec");
    assertThat(deployment.path("x-kubernetes-group-version-kind").get(0).path("kind").asText()).isEqualTo("Deployment");
    JsonNode patch = v2.path("paths").path("/api/v1/namespaces/{namespace}/pods/{name}").path("patch");
    assertThat(patch.path("consumes").toString()).contains("application/strategic-merge-patch+json");
    var params = new ArrayList<String>();
    patch.path("parameters").forEach(p -> params.add(p.path("name").asText()));
    assertThat(params).contains("body", "fieldValidation", "dryRun", "fieldManager");
    assertThat(v2.toString()).doesNotContain("#/components/schemas/");
  }
}
