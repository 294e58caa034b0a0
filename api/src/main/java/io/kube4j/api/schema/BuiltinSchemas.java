package io.kube4j.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube4j.api.GroupVersionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schemas of every built-in kind (and of their lists, subresource payloads and meta kinds), read once,
 * on first use, from the {@code schemas.json} the build generates from the fabric8 model classes and kube4j's
 * table of Kubernetes list and patch semantics. Named definitions are shared nodes, so recursive types such as
 * {@code JSONSchemaProps} are finite graphs. Safe for concurrent use.
 */
public final class BuiltinSchemas implements SchemaCatalog {

  /** The class-path resource the build writes, beside this class. */
  public static final String RESOURCE = "schemas.json";

  private final ObjectMapper json;
  private volatile Loaded loaded;

  /** What the resource holds, built into schema nodes. */
  private record Loaded(Map<String, Schema> definitions, Map<GroupVersionKind, Schema> kinds,
      Map<String, List<GroupVersionKind>> kindsByDefinition, Duration loadTime) {}

  public BuiltinSchemas(ObjectMapper json) {
    this.json = json;
  }

  public BuiltinSchemas() {
    this(new ObjectMapper());
  }

  @Override
  public Optional<Schema> forKind(GroupVersionKind kind) {
    return Optional.ofNullable(loaded().kinds().get(kind));
  }

  @Override
  public Optional<Schema> definition(String name) {
    return Optional.ofNullable(loaded().definitions().get(name));
  }

  @Override
  public Collection<Schema> definitions() {
    return loaded().definitions().values();
  }

  /** The kinds ({@code x-kubernetes-group-version-kind}) a definition is the schema of; empty for other types. */
  public List<GroupVersionKind> kindsOf(String definitionName) {
    return loaded().kindsByDefinition().getOrDefault(definitionName, List.of());
  }

  /** How long reading and building the schemas took (they are loaded on first use). */
  public Duration loadTime() {
    return loaded().loadTime();
  }

  private Loaded loaded() {
    Loaded l = loaded;
    if (l == null) {
      synchronized (this) {
        l = loaded;
        if (l == null) {
          l = load();
          loaded = l;
        }
      }
    }
    return l;
  }

  private Loaded load() {
    long start = System.nanoTime();
    JsonNode root;
    try (InputStream in = BuiltinSchemas.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path: build the api module with Maven, "
            + "which generates it (mvn -pl api -am package)");
      }
      root = json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    JsonNode defs = root.path("definitions");
    var definitions = new LinkedHashMap<String, Schema>();
    // First pass: one node per named definition, so references (including cycles) resolve in the second.
    defs.properties().forEach(e -> definitions.put(e.getKey(), namedNode(e.getKey(), e.getValue())));
    var kinds = new HashMap<GroupVersionKind, Schema>();
    var kindsByDefinition = new HashMap<String, List<GroupVersionKind>>();
    defs.properties().forEach(e -> {
      Schema schema = definitions.get(e.getKey());
      JsonNode def = e.getValue();
      if (schema.type() == Schema.Type.OBJECT) {
        Set<String> required = new HashSet<>();
        def.path("required").forEach(r -> required.add(r.asText()));
        def.path("properties").properties().forEach(p -> schema.addProperty(property(p.getKey(), p.getValue(),
            required.contains(p.getKey()), definitions)));
      }
      var gvks = new ArrayList<GroupVersionKind>();
      for (JsonNode gvk : def.path("x-kubernetes-group-version-kind")) {
        var k = new GroupVersionKind(gvk.path("group").asText(), gvk.path("version").asText(), gvk.path("kind").asText());
        gvks.add(k);
        kinds.putIfAbsent(k, schema);
      }
      if (!gvks.isEmpty()) {
        kindsByDefinition.put(e.getKey(), List.copyOf(gvks));
      }
    });
    return new Loaded(Collections.unmodifiableMap(definitions), Map.copyOf(kinds), Map.copyOf(kindsByDefinition),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static Schema namedNode(String name, JsonNode def) {
    String description = def.path("description").asText("");
    String format = def.path("format").asText("");
    if (def.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      return Schema.namedScalar(name, Schema.Type.ANY, format, description);
    }
    if (def.path("x-kubernetes-int-or-string").asBoolean() || format.equals("int-or-string")) {
      return Schema.namedScalar(name, Schema.Type.INT_OR_STRING, format, description);
    }
    String type = def.path("type").asText("object");
    if (!type.equals("object")) {
      return Schema.namedScalar(name, scalarType(type, name), format, description);
    }
    Schema object = Schema.object(name, description);
    if ("atomic".equals(def.path("x-kubernetes-map-type").asText())) {
      object.atomic();
    }
    return object;
  }

  private static Schema.Property property(String name, JsonNode p, boolean required, Map<String, Schema> definitions) {
    List<String> strategies = p.has("x-kubernetes-patch-strategy")
        ? List.of(p.get("x-kubernetes-patch-strategy").asText().split(","))
        : List.of();
    return new Schema.Property(name, value(p, definitions, name), p.path("description").asText(""), required,
        strategies, p.path("x-kubernetes-patch-merge-key").asText(""));
  }

  /** The schema of a property, array item or map value. */
  private static Schema value(JsonNode p, Map<String, Schema> definitions, String where) {
    if (p.has("$ref")) {
      String ref = p.get("$ref").asText();
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      Schema target = definitions.get(name);
      if (target == null) {
        throw new IllegalStateException(RESOURCE + ": " + where + " refers to missing definition " + name);
      }
      return target;
    }
    String type = p.path("type").asText("");
    if (type.equals("array")) {
      var listType = switch (p.path("x-kubernetes-list-type").asText("atomic")) {
        case "set" -> Schema.ListType.SET;
        case "map" -> Schema.ListType.MAP;
        default -> Schema.ListType.ATOMIC;
      };
      var keys = new ArrayList<String>();
      p.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
      return Schema.array(value(p.path("items"), definitions, where + "[]"), listType, keys);
    }
    if (type.equals("object") && p.has("additionalProperties")) {
      Schema map = Schema.map(value(p.get("additionalProperties"), definitions, where + "{}"));
      if ("atomic".equals(p.path("x-kubernetes-map-type").asText())) {
        map.atomic();
      }
      return map;
    }
    if (type.isEmpty() || type.equals("object")) {
      return Schema.scalar(Schema.Type.ANY, null, null);
    }
    Schema scalar = Schema.scalar(scalarType(type, where), p.path("format").asText(""), null);
    if (p.has("enum")) {
      var values = new ArrayList<String>();
      p.get("enum").forEach(v -> values.add(v.asText()));
      scalar.withEnum(values);
    }
    return scalar;
  }

  private static Schema.Type scalarType(String type, String where) {
    return switch (type) {
      case "string" -> Schema.Type.STRING;
      case "integer" -> Schema.Type.INTEGER;
      case "number" -> Schema.Type.NUMBER;
      case "boolean" -> Schema.Type.BOOLEAN;
      default -> throw new IllegalStateException(RESOURCE + ": " + where + " has unsupported type " + type);
    };
  }
}
