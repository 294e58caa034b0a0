package io.kube4j.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.api.BuiltinResources;
import io.kube4j.api.GroupVersionKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BuiltinSchemasTest {

  private static final BuiltinSchemas CATALOG = new BuiltinSchemas();
  private static final String CORE = "io.k8s.api.core.v1.";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  static Stream<GroupVersionKind> servedKinds() {
    return BuiltinResources.all().stream().flatMap(r -> r.versions().stream().map(r::kindIn));
  }

  @ParameterizedTest
  @MethodSource("servedKinds")
  void everyServedKindHasAnObjectSchemaCarryingItsGroupVersionKind(GroupVersionKind kind) {
    Schema schema = CATALOG.forKind(kind).orElseThrow(() -> new AssertionError("no schema for " + kind));
    assertThat(schema.type()).isEqualTo(Schema.Type.OBJECT);
    assertThat(CATALOG.kindsOf(schema.name())).contains(kind);
    assertThat(schema.properties()).containsKeys("apiVersion", "kind", "metadata");
    assertThat(schema.property("metadata").orElseThrow().schema().name()).isEqualTo(META + "ObjectMeta");
  }

  @Test
  void distinguishesTheTwoEventKindsAndTheTwoAutoscalerVersions() {
    assertThat(CATALOG.forKind(new GroupVersionKind("", "v1", "Event")).orElseThrow().name()).isEqualTo(CORE + "Event");
    assertThat(CATALOG.forKind(new GroupVersionKind("events.k8s.io", "v1", "Event")).orElseThrow().name())
        .isEqualTo("io.k8s.api.events.v1.Event");
    assertThat(CATALOG.forKind(new GroupVersionKind("autoscaling", "v2", "HorizontalPodAutoscaler")).orElseThrow()
        .property("spec").orElseThrow().schema().properties()).containsKey("metrics");
    assertThat(CATALOG.forKind(new GroupVersionKind("autoscaling", "v1", "HorizontalPodAutoscaler")).orElseThrow()
        .property("spec").orElseThrow().schema().properties()).containsKey("targetCPUUtilizationPercentage");
  }

  @Test
  void fieldsCarryTheUpstreamDescriptionsDecoded() {
    Schema container = CATALOG.definition(CORE + "Container").orElseThrow();
    assertThat(container.description()).isEqualTo("A single application container that you want to run within a pod.");
    assertThat(container.property("args").orElseThrow().description()).startsWith("Arguments to the entrypoint.");
    assertThat(container.property("name").orElseThrow().required()).isTrue();
    assertThat(container.property("image").orElseThrow().required()).isFalse();
    // The sources escape < and > as HTML entities; descriptions hold the characters.
    assertThat(CATALOG.definitions()).flatMap(s -> s.properties().values())
        .noneMatch(p -> p.description().contains("&lt;") || p.description().contains("&gt;") || p.description().contains("<br>"));
    assertThat(CATALOG.definition(CORE + "PodSpec").orElseThrow().property("resourceClaims").orElseThrow().description())
        .contains("by name.\n\nThis is an alpha field");
  }

  record ListCase(String definition, String property, Schema.ListType listType, List<String> mapKeys,
      List<String> patchStrategies, String mergeKey) {}

  static Stream<ListCase> lists() {
    var none = List.<String>of();
    return Stream.of(
        new ListCase(CORE + "PodSpec", "containers", Schema.ListType.MAP, List.of("name"), List.of("merge"), "name"),
        new ListCase(CORE + "PodSpec", "initContainers", Schema.ListType.MAP, List.of("name"), List.of("merge"), "name"),
        new ListCase(CORE + "PodSpec", "ephemeralContainers", Schema.ListType.MAP, List.of("name"), List.of("merge"), "name"),
        new ListCase(CORE + "PodSpec", "volumes", Schema.ListType.MAP, List.of("name"), List.of("merge", "retainKeys"), "name"),
        new ListCase(CORE + "PodSpec", "imagePullSecrets", Schema.ListType.MAP, List.of("name"), List.of("merge"), "name"),
        new ListCase(CORE + "PodSpec", "hostAliases", Schema.ListType.MAP, List.of("ip"), List.of("merge"), "ip"),
        new ListCase(CORE + "PodSpec", "topologySpreadConstraints", Schema.ListType.MAP, List.of("topologyKey", "whenUnsatisfiable"), List.of("merge"), "topologyKey"),
        new ListCase(CORE + "PodSpec", "schedulingGates", Schema.ListType.MAP, List.of("name"), List.of("merge"), "name"),
        new ListCase(CORE + "PodSpec", "resourceClaims", Schema.ListType.MAP, List.of("name"), List.of("merge", "retainKeys"), "name"),
        new ListCase(CORE + "PodSpec", "tolerations", Schema.ListType.ATOMIC, none, none, ""),
        new ListCase(CORE + "Container", "ports", Schema.ListType.MAP, List.of("containerPort", "protocol"), List.of("merge"), "containerPort"),
        new ListCase(CORE + "Container", "env", Schema.ListType.MAP, List.of("name"), List.of("merge"), "name"),
        new ListCase(CORE + "Container", "volumeMounts", Schema.ListType.MAP, List.of("mountPath"), List.of("merge"), "mountPath"),
        new ListCase(CORE + "Container", "volumeDevices", Schema.ListType.MAP, List.of("devicePath"), List.of("merge"), "devicePath"),
        new ListCase(CORE + "Container", "resizePolicy", Schema.ListType.ATOMIC, none, none, ""),
        new ListCase(CORE + "Container", "args", Schema.ListType.ATOMIC, none, none, ""),
        new ListCase(META + "ObjectMeta", "finalizers", Schema.ListType.SET, none, List.of("merge"), ""),
        new ListCase(META + "ObjectMeta", "ownerReferences", Schema.ListType.MAP, List.of("uid"), List.of("merge"), "uid"),
        new ListCase(META + "ObjectMeta", "managedFields", Schema.ListType.ATOMIC, none, none, ""),
        new ListCase(CORE + "ServiceSpec", "ports", Schema.ListType.MAP, List.of("port", "protocol"), List.of("merge"), "port"),
        new ListCase(CORE + "NodeStatus", "addresses", Schema.ListType.MAP, List.of("type"), List.of("merge"), "type"),
        new ListCase(CORE + "NodeStatus", "conditions", Schema.ListType.MAP, List.of("type"), List.of("merge"), "type"),
        new ListCase(CORE + "NodeSpec", "taints", Schema.ListType.ATOMIC, none, none, ""),
        new ListCase(CORE + "PodStatus", "conditions", Schema.ListType.MAP, List.of("type"), List.of("merge"), "type"),
        new ListCase("io.k8s.api.apps.v1.DeploymentStatus", "conditions", Schema.ListType.MAP, List.of("type"), List.of("merge"), "type"),
        new ListCase("io.k8s.api.batch.v1.JobStatus", "conditions", Schema.ListType.ATOMIC, none, List.of("merge"), "type"),
        new ListCase(CORE + "ServiceAccount", "secrets", Schema.ListType.MAP, List.of("name"), List.of("merge"), "name"),
        new ListCase(CORE + "Endpoints", "subsets", Schema.ListType.ATOMIC, none, none, ""),
        new ListCase("io.k8s.api.discovery.v1.EndpointSlice", "endpoints", Schema.ListType.ATOMIC, none, none, ""),
        new ListCase("io.k8s.api.rbac.v1.Role", "rules", Schema.ListType.ATOMIC, none, none, ""),
        new ListCase("io.k8s.api.rbac.v1.PolicyRule", "verbs", Schema.ListType.ATOMIC, none, none, ""));
  }

  @ParameterizedTest
  @MethodSource("lists")
  void listsCarryUpstreamListAndPatchSemantics(ListCase c) {
    Schema.Property p = CATALOG.definition(c.definition()).orElseThrow().property(c.property()).orElseThrow();
    assertThat(p.schema().type()).isEqualTo(Schema.Type.ARRAY);
    assertThat(p.schema().listType()).isEqualTo(c.listType());
    assertThat(p.schema().listMapKeys()).isEqualTo(c.mapKeys());
    assertThat(p.patchStrategies()).isEqualTo(c.patchStrategies());
    assertThat(p.patchMergeKey()).isEqualTo(c.mergeKey());
  }

  @Test
  void deploymentStrategyRetainsKeysAndSelectorsAreAtomic() {
    var strategy = CATALOG.definition("io.k8s.api.apps.v1.DeploymentSpec").orElseThrow().property("strategy").orElseThrow();
    assertThat(strategy.retainsKeys()).isTrue();
    assertThat(CATALOG.definition(META + "LabelSelector").orElseThrow().isAtomic()).isTrue();
    assertThat(CATALOG.definition(CORE + "ObjectReference").orElseThrow().isAtomic()).isTrue();
    assertThat(CATALOG.definition(CORE + "PodSpec").orElseThrow().isAtomic()).isFalse();
  }

  record TypeCase(String definition, Schema.Type type, String format) {}

  static Stream<TypeCase> namedScalars() {
    return Stream.of(
        new TypeCase("io.k8s.apimachinery.pkg.api.resource.Quantity", Schema.Type.STRING, ""),
        new TypeCase("io.k8s.apimachinery.pkg.util.intstr.IntOrString", Schema.Type.INT_OR_STRING, "int-or-string"),
        new TypeCase(META + "Time", Schema.Type.STRING, "date-time"),
        new TypeCase(META + "MicroTime", Schema.Type.STRING, "date-time"),
        new TypeCase(META + "FieldsV1", Schema.Type.ANY, ""),
        new TypeCase("io.k8s.apimachinery.pkg.runtime.RawExtension", Schema.Type.ANY, ""),
        new TypeCase("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON", Schema.Type.ANY, ""));
  }

  @ParameterizedTest
  @MethodSource("namedScalars")
  void namedScalarTypes(TypeCase c) {
    Schema s = CATALOG.definition(c.definition()).orElseThrow();
    assertThat(s.type()).isEqualTo(c.type());
    assertThat(s.format()).isEqualTo(c.format());
  }

  @Test
  void fieldsFabric8FlattensGetTheirUpstreamTypes() {
    assertThat(CATALOG.definition(META + "ObjectMeta").orElseThrow().property("creationTimestamp").orElseThrow().schema().name())
        .isEqualTo(META + "Time");
    assertThat(CATALOG.definition("io.k8s.api.coordination.v1.LeaseSpec").orElseThrow().property("renewTime").orElseThrow().schema().name())
        .isEqualTo(META + "MicroTime");
    Schema data = CATALOG.definition(CORE + "Secret").orElseThrow().property("data").orElseThrow().schema();
    assertThat(data.type()).isEqualTo(Schema.Type.MAP);
    assertThat(data.elements().format()).isEqualTo("byte");
    assertThat(CATALOG.definition(CORE + "ContainerPort").orElseThrow().property("containerPort").orElseThrow().schema().format())
        .isEqualTo("int32");
    assertThat(CATALOG.definition(META + "ObjectMeta").orElseThrow().property("generation").orElseThrow().schema().format())
        .isEqualTo("int64");
  }

  @Test
  void enumeratedStringsCarryTheirValues() {
    assertThat(CATALOG.definition(CORE + "Container").orElseThrow().property("imagePullPolicy").orElseThrow().schema().enumValues())
        .containsExactly("Always", "IfNotPresent", "Never");
    assertThat(CATALOG.definition(CORE + "ServiceSpec").orElseThrow().property("type").orElseThrow().schema().enumValues())
        .containsExactly("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    Schema accessModes = CATALOG.definition(CORE + "PersistentVolumeClaimSpec").orElseThrow().property("accessModes").orElseThrow().schema();
    assertThat(accessModes.elements().enumValues()).contains("ReadWriteOnce", "ReadOnlyMany");
    assertThat(CATALOG.definition(CORE + "Container").orElseThrow().property("image").orElseThrow().schema().enumValues()).isEmpty();
  }

  @Test
  void recursiveDefinitionsAreSharedNodes() {
    Schema props = CATALOG.definition("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps").orElseThrow();
    assertThat(props.property("properties").orElseThrow().schema().elements()).isSameAs(props);
  }

  @Test
  void loadsOnceAndReportsHowLong() {
    var catalog = new BuiltinSchemas();
    assertThat(catalog.definitions()).hasSizeGreaterThan(400);
    assertThat(catalog.definitions()).isSameAs(catalog.definitions());
    assertThat(catalog.loadTime()).isPositive();
    System.out.println("BuiltinSchemas loaded " + catalog.definitions().size() + " definitions in " + catalog.loadTime().toMillis() + " ms");
  }
}
