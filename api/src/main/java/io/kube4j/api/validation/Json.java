package io.kube4j.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small, null-safe accessors over Jackson trees, so defaulting and validation code reads like the field paths it
 * handles. Missing and JSON-null fields are treated alike, as Go's zero values are.
 */
public final class Json {

  private Json() {}

  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The field, or null when missing or JSON null. */
  public static JsonNode get(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      return null;
    }
    var v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  public static boolean has(JsonNode node, String field) {
    return get(node, field) != null;
  }

  /** A string field, or "" when missing (Go's zero value). */
  public static String text(JsonNode node, String field) {
    var v = get(node, field);
    return v == null ? "" : v.isTextual() ? v.textValue() : v.asText();
  }

  public static ObjectNode object(JsonNode node, String field) {
    var v = get(node, field);
    return v instanceof ObjectNode o ? o : null;
  }

  /** The object field, created empty when missing. */
  public static ObjectNode objectOrCreate(ObjectNode node, String field) {
    var v = get(node, field);
    if (v instanceof ObjectNode o) {
      return o;
    }
    return node.putObject(field);
  }

  /** The elements of an array field that are objects; empty when missing. */
  public static List<ObjectNode> objects(JsonNode node, String field) {
    var v = get(node, field);
    var out = new ArrayList<ObjectNode>();
    if (v instanceof ArrayNode a) {
      for (JsonNode e : a) {
        if (e instanceof ObjectNode o) {
          out.add(o);
        }
      }
    }
    return out;
  }

  public static ArrayNode array(JsonNode node, String field) {
    var v = get(node, field);
    return v instanceof ArrayNode a ? a : null;
  }

  public static int size(JsonNode node, String field) {
    var v = get(node, field);
    return v == null ? 0 : v.size();
  }

  /** The string values of an array field. */
  public static List<String> strings(JsonNode node, String field) {
    var out = new ArrayList<String>();
    var v = get(node, field);
    if (v instanceof ArrayNode a) {
      for (JsonNode e : a) {
        out.add(e.asText());
      }
    }
    return out;
  }

  /** The entries of a string map field in document order. */
  public static List<Map.Entry<String, String>> entries(JsonNode node, String field) {
    var out = new ArrayList<Map.Entry<String, String>>();
    var v = get(node, field);
    if (v instanceof ObjectNode o) {
      for (var e : o.properties()) {
        out.add(Map.entry(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
      }
    }
    return out;
  }

  public static Long longValue(JsonNode node, String field) {
    var v = get(node, field);
    return v != null && v.isNumber() ? v.longValue() : null;
  }

  public static boolean bool(JsonNode node, String field) {
    var v = get(node, field);
    return v != null && v.asBoolean();
  }

  public static void putIfAbsent(ObjectNode node, String field, String value) {
    if (!has(node, field)) {
      node.put(field, value);
    }
  }

  public static void putIfAbsent(ObjectNode node, String field, long value) {
    if (!has(node, field)) {
      // Small numbers as ints, as a parser would read them back, so trees compare equal after a round trip.
      if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
        node.put(field, (int) value);
      } else {
        node.put(field, value);
      }
    }
  }

  /** Whether two trees hold the same JSON value, comparing numbers by value (1 as int equals 1 as long). */
  public static boolean sameValue(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals((x, y) -> {
      if (x.isNumber() && y.isNumber()) {
        return x.decimalValue().compareTo(y.decimalValue());
      }
      return x.equals(y) ? 0 : 1;
    }, b);
  }

  public static void putIfAbsent(ObjectNode node, String field, boolean value) {
    if (!has(node, field)) {
      node.put(field, value);
    }
  }

  /** Sets the field when it is missing or an empty string, as Go defaulting treats "" as unset. */
  public static void putIfEmpty(ObjectNode node, String field, String value) {
    if (text(node, field).isEmpty()) {
      node.put(field, value);
    }
  }

  /** A value as upstream prints it in Go syntax inside messages, e.g. {@code map[string]string{"app":"web"}}. */
  public static Object goValue(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    return new Rendered(v.toString());
  }

  /** A bad value that prints itself verbatim (no quotes) in a field error message. */
  public record Rendered(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** A string map rendered as Go prints {@code map[string]string}. */
  public static Rendered goStringMap(JsonNode node) {
    var sb = new StringBuilder("map[string]string{");
    if (node instanceof ObjectNode o) {
      var keys = new ArrayList<String>();
      o.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      boolean first = true;
      for (String k : keys) {
        sb.append(first ? "" : ", ").append('"').append(k).append("\":\"").append(o.get(k).asText()).append('"');
        first = false;
      }
    } else {
      return new Rendered("map[string]string(nil)");
    }
    return new Rendered(sb.append('}').toString());
  }
}
