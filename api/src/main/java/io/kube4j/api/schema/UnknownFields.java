package io.kube4j.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the fields of a JSON object that its kind's schema does not declare, as upstream's strict decoding
 * reports them for {@code fieldValidation=Strict|Warn}: {@code unknown field "spec.containers[0].imagee"}.
 * Values under {@link Schema.Type#ANY} (preserve-unknown-fields, raw extensions) are not inspected, map keys
 * are never unknown, and values of the wrong JSON type are left to validation.
 */
public final class UnknownFields {

  private UnknownFields() {}

  /** The messages, in upstream's wording and in document order: {@code unknown field "spec.foo"}. */
  public static List<String> messages(Schema schema, JsonNode value) {
    return paths(schema, value).stream().map(p -> "unknown field \"" + p + "\"").toList();
  }

  /** The paths of unknown fields in document order, e.g. {@code spec.containers[0].imagee}. */
  public static List<String> paths(Schema schema, JsonNode value) {
    var out = new ArrayList<String>();
    walk(schema, value, "", out);
    return out;
  }

  private static void walk(Schema schema, JsonNode value, String path, List<String> out) {
    if (value == null || value.isNull()) {
      return;
    }
    switch (schema.type()) {
      case OBJECT -> {
        if (!value.isObject()) {
          return;
        }
        value.properties().forEach(e -> {
          String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
          schema.property(e.getKey()).ifPresentOrElse(
              p -> walk(p.schema(), e.getValue(), child, out),
              () -> out.add(child));
        });
      }
      case MAP -> {
        if (value.isObject()) {
          value.properties().forEach(e ->
              walk(schema.elements(), e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        }
      }
      case ARRAY -> {
        if (value.isArray()) {
          for (int i = 0; i < value.size(); i++) {
            walk(schema.elements(), value.get(i), path + "[" + i + "]", out);
          }
        }
      }
      default -> {
        // Scalars and ANY have no fields of their own to check.
      }
    }
  }
}
