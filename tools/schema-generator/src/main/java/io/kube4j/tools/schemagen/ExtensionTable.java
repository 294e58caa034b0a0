package io.kube4j.tools.schemagen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * kube4j's table of the Kubernetes semantics the fabric8 classes do not carry ({@code kubernetes-extensions.json}
 * beside this class): list types and map keys, patch strategies and merge keys, atomic maps, required fields,
 * and the upstream types fabric8 flattens to strings or objects. Every row must be used, so a typo or a
 * field renamed upstream fails the build instead of silently dropping an annotation.
 */
final class ExtensionTable {

  static final String RESOURCE = "kubernetes-extensions.json";

  private final Map<String, ObjectNode> fields = new LinkedHashMap<>();
  private final Map<String, ObjectNode> definitions = new LinkedHashMap<>();
  private final Set<String> used = new HashSet<>();

  static ExtensionTable load(ObjectMapper json) {
    try (InputStream in = ExtensionTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the generator's class path");
      }
      var table = new ExtensionTable();
      for (JsonNode row : json.readTree(in).path("rows")) {
        var r = (ObjectNode) row;
        if (r.has("field")) {
          if (table.fields.put(r.get("field").asText(), r) != null) {
            throw new IllegalStateException("two rows for " + r.get("field").asText());
          }
        } else if (r.has("definition")) {
          table.definitions.put(r.get("definition").asText(), r);
        } else {
          throw new IllegalStateException("a row needs 'field' or 'definition': " + r);
        }
      }
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<ObjectNode> field(String definition, String property) {
    String key = definition + "." + property;
    ObjectNode row = fields.get(key);
    if (row != null) {
      used.add("field:" + key);
    }
    return Optional.ofNullable(row);
  }

  Optional<ObjectNode> definition(String definition) {
    ObjectNode row = definitions.get(definition);
    if (row != null) {
      used.add("definition:" + definition);
    }
    return Optional.ofNullable(row);
  }

  /** The required properties of a definition, in table order. */
  List<String> required(String definition) {
    var out = new ArrayList<String>();
    String prefix = definition + ".";
    fields.forEach((key, row) -> {
      if (key.startsWith(prefix) && key.indexOf('.', prefix.length()) < 0 && row.path("required").asBoolean()) {
        out.add(key.substring(prefix.length()));
      }
    });
    return out;
  }

  /** Rows that matched no generated field or definition. */
  List<String> unused() {
    var out = new ArrayList<String>();
    fields.keySet().stream().filter(k -> !used.contains("field:" + k)).forEach(out::add);
    definitions.keySet().stream().filter(k -> !used.contains("definition:" + k)).forEach(out::add);
    return out;
  }
}
