package io.kube4j.tools.schemagen;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes {@code schemas.json}: Swagger-2.0-style {@code definitions}, keyed by upstream definition name, of
 * every type reachable from the kinds kube4j serves. Field names and Java types come from the fabric8 model
 * classes (Jackson annotations), descriptions from their sources' javadoc, and what fabric8 does not carry
 * from {@link ExtensionTable}. Fails, naming the field, on any Java type it cannot map.
 *
 * <p>Usage: {@code SchemaGenerator <output file>}.
 */
public final class SchemaGenerator {

  private static final String F8 = "io.fabric8.kubernetes.api.model.";
  private static final String OWN_DESCRIPTIONS = "kube4j-descriptions.json";
  private static final String CONVENTIONS = "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md";

  /** The kinds kube4j serves (their lists are added), plus the payloads of subresources and meta kinds. */
  private static final List<String> ROOTS = List.of(
      F8 + "ComponentStatus", F8 + "ConfigMap", F8 + "Endpoints", F8 + "Event", F8 + "LimitRange",
      F8 + "Namespace", F8 + "Node", F8 + "PersistentVolumeClaim", F8 + "PersistentVolume", F8 + "Pod",
      F8 + "PodTemplate", F8 + "ReplicationController", F8 + "ResourceQuota", F8 + "Secret", F8 + "ServiceAccount",
      F8 + "Service",
      F8 + "apiextensions.v1.CustomResourceDefinition",
      F8 + "apps.ControllerRevision", F8 + "apps.DaemonSet", F8 + "apps.Deployment", F8 + "apps.ReplicaSet",
      F8 + "apps.StatefulSet",
      F8 + "autoscaling.v1.HorizontalPodAutoscaler", F8 + "autoscaling.v2.HorizontalPodAutoscaler",
      F8 + "batch.v1.CronJob", F8 + "batch.v1.Job",
      F8 + "coordination.v1.Lease",
      F8 + "discovery.v1.EndpointSlice",
      F8 + "events.v1.Event",
      F8 + "networking.v1.IngressClass", F8 + "networking.v1.Ingress", F8 + "networking.v1.NetworkPolicy",
      F8 + "node.v1.RuntimeClass",
      F8 + "policy.v1.PodDisruptionBudget",
      F8 + "rbac.ClusterRoleBinding", F8 + "rbac.ClusterRole", F8 + "rbac.RoleBinding", F8 + "rbac.Role",
      F8 + "scheduling.v1.PriorityClass",
      F8 + "storage.CSIDriver", F8 + "storage.CSINode", F8 + "storage.CSIStorageCapacity", F8 + "storage.StorageClass",
      F8 + "storage.VolumeAttachment");

  /** Payloads without a list of their own. */
  private static final List<String> OTHER_ROOTS = List.of(
      F8 + "authentication.SelfSubjectReview", F8 + "authentication.TokenReview", F8 + "authentication.TokenRequest",
      F8 + "authorization.v1.LocalSubjectAccessReview", F8 + "authorization.v1.SelfSubjectAccessReview",
      F8 + "authorization.v1.SelfSubjectRulesReview", F8 + "authorization.v1.SubjectAccessReview",
      F8 + "Binding", F8 + "autoscaling.v1.Scale", F8 + "policy.v1.Eviction", F8 + "Status", F8 + "DeleteOptions", F8 + "WatchEvent",
      F8 + "Patch");

  /** Definitions kube4j writes itself: fabric8 models them as plain strings or serializer-backed classes. */
  private static final Map<String, String> SPECIAL = Map.ofEntries(
      Map.entry(DefinitionNames.META + "Time",
          "{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"A point in time, serialized as an RFC 3339 timestamp in UTC with second precision, e.g. 2006-01-02T15:04:05Z.\"}"),
      Map.entry(DefinitionNames.META + "MicroTime",
          "{\"type\":\"string\",\"format\":\"date-time\",\"description\":\"A point in time with microsecond precision, serialized as an RFC 3339 timestamp in UTC, e.g. 2006-01-02T15:04:05.000000Z.\"}"),
      Map.entry(DefinitionNames.META + "Duration",
          "{\"type\":\"string\",\"description\":\"A length of time in Go duration syntax, e.g. 1h30m or 250ms.\"}"),
      Map.entry(DefinitionNames.META + "FieldsV1",
          "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true,\"description\":\"The set of fields a manager owns, in the FieldsV1 JSON encoding of a trie: keys such as f:<name>, k:<keys>, v:<value> and i:<index>, and . for the field itself.\"}"),
      Map.entry(DefinitionNames.META + "Patch",
          "{\"type\":\"object\",\"description\":\"The body of a PATCH request, in the patch format named by its content type (JSON patch, merge patch, strategic merge patch or apply configuration).\"}"),
      Map.entry("io.k8s.apimachinery.pkg.api.resource.Quantity",
          "{\"type\":\"string\",\"description\":\"A fixed-point decimal amount with an optional unit suffix: binary (Ki, Mi, Gi, Ti, Pi, Ei), decimal SI (n, u, m, k, M, G, T, P, E) or a decimal exponent (e.g. 1e3). A JSON number is accepted too. Examples: 100m, 1.5Gi, 2.\"}"),
      Map.entry("io.k8s.apimachinery.pkg.util.intstr.IntOrString",
          "{\"type\":\"string\",\"format\":\"int-or-string\",\"x-kubernetes-int-or-string\":true,\"description\":\"A value that is either a 32-bit integer or a string, such as a port number or a port name, or a count or a percentage.\"}"),
      Map.entry("io.k8s.apimachinery.pkg.runtime.RawExtension",
          "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true,\"description\":\"An embedded object, kept as the JSON it was given: usually a complete API object with its own apiVersion and kind.\"}"),
      Map.entry(DefinitionNames.EXTENSIONS + "JSON",
          "{\"x-kubernetes-preserve-unknown-fields\":true,\"description\":\"Any JSON value: a boolean, number, string, array, object or null.\"}"),
      Map.entry(DefinitionNames.EXTENSIONS + "JSONSchemaPropsOrArray",
          "{\"x-kubernetes-preserve-unknown-fields\":true,\"description\":\"Either one JSONSchemaProps or an array of them.\"}"),
      Map.entry(DefinitionNames.EXTENSIONS + "JSONSchemaPropsOrBool",
          "{\"x-kubernetes-preserve-unknown-fields\":true,\"description\":\"Either a JSONSchemaProps or a boolean; true means any value is allowed, false that none is.\"}"),
      Map.entry(DefinitionNames.EXTENSIONS + "JSONSchemaPropsOrStringArray",
          "{\"x-kubernetes-preserve-unknown-fields\":true,\"description\":\"Either a JSONSchemaProps or an array of strings.\"}"));

  /** Upstream types the table names in its {@code type} column. */
  private static final Map<String, String> TABLE_TYPES = Map.of(
      "Time", DefinitionNames.META + "Time",
      "MicroTime", DefinitionNames.META + "MicroTime",
      "RawExtension", "io.k8s.apimachinery.pkg.runtime.RawExtension");

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final JavadocIndex javadoc = new JavadocIndex(SchemaGenerator.class.getClassLoader());
  private final ExtensionTable table = ExtensionTable.load(json);
  private final JsonNode ownDescriptions = loadOwnDescriptions();
  private final Map<String, ObjectNode> definitions = new TreeMap<>();
  private final ArrayDeque<Class<?>> pending = new ArrayDeque<>();
  private final Set<String> groupVersions = new TreeSet<>();

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SchemaGenerator <output file>");
    }
    long start = System.nanoTime();
    var generator = new SchemaGenerator();
    ObjectNode document = generator.generate();
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, generator.json.writeValueAsBytes(document));
    System.out.printf("kube4j schema generator: %d definitions -> %s in %d ms%n",
        document.path("definitions").size(), out, (System.nanoTime() - start) / 1_000_000);
  }

  ObjectNode generate() {
    var roots = new ArrayList<Class<?>>();
    for (String name : ROOTS) {
      roots.add(load(name));
      roots.add(load(name + "List"));
    }
    for (String name : OTHER_ROOTS) {
      roots.add(load(name));
    }
    for (Class<?> root : roots) {
      Version v = root.getAnnotation(Version.class);
      Group g = root.getAnnotation(Group.class);
      if (v != null && g != null) {
        groupVersions.add(g.value() + "/" + v.value());
      }
      reference(root);
    }
    groupVersions.add("authentication.k8s.io/v1");
    groupVersions.add("authorization.k8s.io/v1");
    while (!pending.isEmpty()) {
      define(pending.poll());
    }
    List<String> unused = table.unused();
    if (!unused.isEmpty()) {
      throw new IllegalStateException("rows of " + ExtensionTable.RESOURCE
          + " that match no field of the generated definitions (renamed or removed upstream?): " + unused);
    }
    ownDescriptions.properties().forEach(e -> {
      ObjectNode def = definitions.get(e.getKey());
      e.getValue().fieldNames().forEachRemaining(property -> {
        if (def == null || (!property.isEmpty() && !def.path("properties").has(property))) {
          throw new IllegalStateException(OWN_DESCRIPTIONS + " describes " + e.getKey() + "." + property
              + ", which is not a generated definition or property");
        }
      });
    });
    ObjectNode document = nodes.objectNode();
    document.put("swagger", "2.0");
    ObjectNode defs = document.putObject("definitions");
    definitions.forEach(defs::set);
    return document;
  }

  private JsonNode loadOwnDescriptions() {
    try (var in = SchemaGenerator.class.getResourceAsStream(OWN_DESCRIPTIONS)) {
      if (in == null) {
        throw new IllegalStateException(OWN_DESCRIPTIONS + " is missing from the generator's class path");
      }
      return json.readTree(in).path("definitions");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The description of a property the sources leave without one: kube4j's own words for the types fabric8
   * documents nothing of, and for the metadata, spec, status and items every kind and list has.
   */
  private String fallbackDescription(Class<?> type, String definition, String property, String target) {
    String own = ownDescriptions.path(definition).path(property).asText("");
    if (!own.isEmpty()) {
      return own;
    }
    boolean isKind = type.getAnnotation(Version.class) != null;
    if (!isKind) {
      return "";
    }
    String kind = type.getSimpleName();
    return switch (property) {
      case "metadata" -> (DefinitionNames.META + "ListMeta").equals(target)
          ? "Standard list metadata: the resource version the list was read at and, for paged lists, the continue token. More info: " + CONVENTIONS + "#types-kinds"
          : "Standard object metadata: name, namespace, labels, annotations, owners and the fields the system maintains. More info: " + CONVENTIONS + "#metadata";
      case "spec" -> "The desired state of the " + kind + ", as its users declare it. More info: " + CONVENTIONS + "#spec-and-status";
      case "status" -> "The most recently observed state of the " + kind + ", maintained by the system. Read-only. More info: " + CONVENTIONS + "#spec-and-status";
      default -> "";
    };
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, SchemaGenerator.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("fabric8 model class " + name + " is not on the generator's class path", e);
    }
  }

  /** The definition name of a model class, queueing its definition. */
  private String reference(Class<?> type) {
    String name = DefinitionNames.of(type);
    if (name == null) {
      throw new IllegalStateException("no upstream definition name for " + type.getName());
    }
    if (!definitions.containsKey(name)) {
      definitions.put(name, nodes.objectNode());
      if (SPECIAL.containsKey(name)) {
        definitions.put(name, parse(SPECIAL.get(name)));
      } else {
        pending.add(type);
      }
    }
    return name;
  }

  private String referenceSpecial(String name) {
    definitions.computeIfAbsent(name, n -> parse(SPECIAL.get(n)));
    return name;
  }

  private ObjectNode parse(String text) {
    try {
      return (ObjectNode) json.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(text, e);
    }
  }

  private void define(Class<?> type) {
    String name = DefinitionNames.of(type);
    ObjectNode def = definitions.get(name);
    var docs = javadoc.of(type);
    String classDescription = docs.description().isEmpty() ? ownDescriptions.path(name).path("").asText("") : docs.description();
    if (!classDescription.isEmpty()) {
      def.put("description", classDescription);
    }
    def.put("type", "object");
    var properties = new TreeMap<String, ObjectNode>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        JsonProperty jp = field.getAnnotation(JsonProperty.class);
        if (jp == null || properties.containsKey(jp.value())) {
          continue;
        }
        String property = jp.value();
        var row = table.field(name, property);
        String override = row.map(r -> r.path("type").asText(null)).orElse(null);
        ObjectNode schema = valueSchema(field.getGenericType(), override, name + "." + property);
        String description = docs.properties().getOrDefault(property, "");
        // fabric8 7.3's sources give every property whose type is another definition the description of the
        // class that holds it (DeploymentSpec.strategy reads "DeploymentSpec is the specification…"): wrong,
        // so such a property keeps no description of its own and readers see its type's.
        if (description.equals(docs.description())) {
          description = "";
        }
        if (description.isEmpty()) {
          String target = schema.path("$ref").asText("");
          description = fallbackDescription(type, name, property, target.substring(target.lastIndexOf('/') + 1));
        }
        if (!description.isEmpty()) {
          schema.put("description", description);
        }
        row.ifPresent(r -> applyRow(schema, r));
        properties.put(property, schema);
      }
    }
    List<String> required = table.required(name);
    if (!required.isEmpty()) {
      ArrayNode r = def.putArray("required");
      required.forEach(r::add);
    }
    if (!properties.isEmpty()) {
      ObjectNode props = def.putObject("properties");
      properties.forEach(props::set);
    }
    table.definition(name).ifPresent(r -> {
      if (r.has("mapType")) {
        def.put("x-kubernetes-map-type", r.get("mapType").asText());
      }
    });
    ArrayNode gvks = groupVersionKinds(type, name);
    if (gvks != null) {
      def.set("x-kubernetes-group-version-kind", gvks);
    }
  }

  private ArrayNode groupVersionKinds(Class<?> type, String name) {
    if (name.equals(DefinitionNames.META + "DeleteOptions") || name.equals(DefinitionNames.META + "WatchEvent")) {
      ArrayNode all = nodes.arrayNode();
      for (String gv : groupVersions) {
        int slash = gv.indexOf('/');
        all.addObject().put("group", gv.substring(0, slash)).put("kind", type.getSimpleName()).put("version", gv.substring(slash + 1));
      }
      return all;
    }
    Version v = type.getAnnotation(Version.class);
    Group g = type.getAnnotation(Group.class);
    if (v == null || g == null) {
      return null;
    }
    ArrayNode one = nodes.arrayNode();
    one.addObject().put("group", g.value()).put("kind", type.getSimpleName()).put("version", v.value());
    return one;
  }

  private void applyRow(ObjectNode schema, ObjectNode row) {
    if (row.has("enum")) {
      ObjectNode leaf = schema;
      while (leaf.has("items") || leaf.has("additionalProperties")) {
        leaf = (ObjectNode) (leaf.has("items") ? leaf.get("items") : leaf.get("additionalProperties"));
      }
      leaf.set("enum", row.get("enum").deepCopy());
    }
    if (row.has("listType")) {
      schema.put("x-kubernetes-list-type", row.get("listType").asText());
    }
    if (row.has("listMapKeys")) {
      schema.set("x-kubernetes-list-map-keys", row.get("listMapKeys").deepCopy());
    }
    if (row.has("mapType")) {
      schema.put("x-kubernetes-map-type", row.get("mapType").asText());
    }
    if (row.has("patchStrategy")) {
      schema.put("x-kubernetes-patch-strategy", row.get("patchStrategy").asText());
    }
    if (row.has("patchMergeKey")) {
      schema.put("x-kubernetes-patch-merge-key", row.get("patchMergeKey").asText());
    }
  }

  /**
   * The schema of a value of a Java type; {@code override} (the table's {@code type} column) replaces the
   * innermost value type, since fabric8 flattens Time to String and RawExtension to Object.
   */
  private ObjectNode valueSchema(Type type, String override, String where) {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      if (List.class.isAssignableFrom(raw)) {
        ObjectNode s = nodes.objectNode().put("type", "array");
        s.set("items", valueSchema(p.getActualTypeArguments()[0], override, where));
        return s;
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode s = nodes.objectNode().put("type", "object");
        s.set("additionalProperties", valueSchema(p.getActualTypeArguments()[1], override, where));
        return s;
      }
      throw new IllegalStateException(where + ": unsupported generic type " + type);
    }
    if (override != null) {
      if (override.equals("bytes")) {
        return nodes.objectNode().put("type", "string").put("format", "byte");
      }
      String ref = TABLE_TYPES.get(override);
      if (ref == null) {
        throw new IllegalStateException(where + ": unknown type '" + override + "' in " + ExtensionTable.RESOURCE);
      }
      return ref(referenceSpecial(ref));
    }
    if (!(type instanceof Class<?> c)) {
      throw new IllegalStateException(where + ": unsupported type " + type);
    }
    if (c == String.class) {
      return nodes.objectNode().put("type", "string");
    }
    if (c == Integer.class || c == int.class) {
      return nodes.objectNode().put("type", "integer").put("format", "int32");
    }
    if (c == Long.class || c == long.class) {
      return nodes.objectNode().put("type", "integer").put("format", "int64");
    }
    if (c == Boolean.class || c == boolean.class) {
      return nodes.objectNode().put("type", "boolean");
    }
    if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
      return nodes.objectNode().put("type", "number").put("format", "double");
    }
    if (c == JsonNode.class && where.startsWith(DefinitionNames.EXTENSIONS)) {
      return ref(referenceSpecial(DefinitionNames.EXTENSIONS + "JSON"));
    }
    if (c.getName().startsWith(F8)) {
      return ref(reference(c));
    }
    throw new IllegalStateException(where + ": no schema for Java type " + c.getName()
        + " (add a 'type' to its row in " + ExtensionTable.RESOURCE + ")");
  }

  private ObjectNode ref(String definition) {
    return nodes.objectNode().put("$ref", "#/definitions/" + definition);
  }
}
