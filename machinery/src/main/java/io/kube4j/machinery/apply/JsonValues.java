package io.kube4j.machinery.apply;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON value semantics of structured-merge-diff on Jackson trees: equality and total order that ignore
 * the Java number class, and Go {@code encoding/json} spelling (sorted object keys, HTML-safe escapes)
 * where the output must be byte-identical to upstream's.
 */
final class JsonValues {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonValues() {}

  static JsonNode of(Object v) {
    return switch (v) {
      case null -> NODES.nullNode();
      case JsonNode n -> canonical(n);
      case String s -> NODES.textNode(s);
      case Integer i -> NODES.numberNode(i.longValue());
      case Long l -> NODES.numberNode(l);
      case Double d -> NODES.numberNode(d);
      case Boolean b -> NODES.booleanNode(b);
      default -> throw new IllegalArgumentException("not a JSON scalar: " + v.getClass());
    };
  }

  /** Integral numbers become longs and other numbers doubles, recursively, so that equal values compare equal. */
  static JsonNode canonical(JsonNode n) {
    if (n == null) {
      return NODES.nullNode();
    }
    if (n.isIntegralNumber()) {
      return n.canConvertToLong() ? NODES.numberNode(n.longValue()) : n;
    }
    if (n.isFloatingPointNumber()) {
      return NODES.numberNode(n.doubleValue());
    }
    if (n.isObject()) {
      var o = NODES.objectNode();
      n.properties().forEach(e -> o.set(e.getKey(), canonical(e.getValue())));
      return o;
    }
    if (n.isArray()) {
      var a = NODES.arrayNode();
      n.forEach(e -> a.add(canonical(e)));
      return a;
    }
    return n;
  }

  /** Upstream's total order: floats and ints (numerically) &lt; strings &lt; booleans &lt; lists &lt; maps &lt; null. */
  static int compare(JsonNode a, JsonNode b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return switch (ra) {
      case 0 -> compareNumbers(a, b);
      case 1 -> a.textValue().compareTo(b.textValue());
      case 2 -> Boolean.compare(a.booleanValue(), b.booleanValue());
      case 3 -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = compare(a.get(i), b.get(i));
          if (c != 0) {
            yield c;
          }
        }
        yield Integer.compare(a.size(), b.size());
      }
      case 4 -> {
        var ma = sorted(a);
        var mb = sorted(b);
        Iterator<Map.Entry<String, JsonNode>> ia = ma.entrySet().iterator();
        Iterator<Map.Entry<String, JsonNode>> ib = mb.entrySet().iterator();
        while (ia.hasNext() && ib.hasNext()) {
          var ea = ia.next();
          var eb = ib.next();
          int c = ea.getKey().compareTo(eb.getKey());
          if (c == 0) {
            c = compare(ea.getValue(), eb.getValue());
          }
          if (c != 0) {
            yield c;
          }
        }
        yield Boolean.compare(ia.hasNext(), ib.hasNext());
      }
      default -> 0;
    };
  }

  private static int compareNumbers(JsonNode a, JsonNode b) {
    if (a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()) {
      return Long.compare(a.longValue(), b.longValue());
    }
    return Double.compare(a.doubleValue(), b.doubleValue());
  }

  private static int rank(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return 5;
    }
    if (n.isNumber()) {
      return 0;
    }
    if (n.isTextual()) {
      return 1;
    }
    if (n.isBoolean()) {
      return 2;
    }
    if (n.isArray()) {
      return 3;
    }
    return 4;
  }

  private static TreeMap<String, JsonNode> sorted(JsonNode o) {
    var m = new TreeMap<String, JsonNode>();
    o.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  /** A hash consistent with {@link #compare} returning 0 for scalars (numbers hash by value). */
  static int hash(JsonNode n) {
    if (n == null || n.isNull()) {
      return 0;
    }
    if (n.isNumber()) {
      return Double.hashCode(n.doubleValue());
    }
    return n.hashCode();
  }

  /** Deep equality as upstream's {@code value.Equals}: numbers by value, objects regardless of key order. */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return compareNumbers(a, b) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (var e : a.properties()) {
        var other = b.get(e.getKey());
        if (other == null || !equal(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.getNodeType() == b.getNodeType() && a.equals(b);
  }

  /** Parses exactly one JSON value, rejecting trailing data as upstream does. */
  static JsonNode parseSingle(String s) {
    try (JsonParser p = MAPPER.createParser(s)) {
      JsonNode n = MAPPER.readTree(p);
      if (n == null) {
        throw new IllegalArgumentException("empty JSON value");
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("unexpected trailing data after JSON value in " + s);
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON " + s + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid JSON " + s, e);
    }
  }

  /** Writes {@code v} as Go's {@code encoding/json} does for unstructured content: object keys sorted, HTML-safe. */
  static void appendGoJson(StringBuilder sb, JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      sb.append("null");
    } else if (v.isTextual()) {
      appendGoJsonString(sb, v.textValue());
    } else if (v.isIntegralNumber()) {
      sb.append(v.bigIntegerValue());
    } else if (v.isNumber()) {
      double d = v.doubleValue();
      sb.append(d == Math.rint(d) && Math.abs(d) < 1e21 ? Long.toString((long) d) : Double.toString(d));
    } else if (v.isBoolean()) {
      sb.append(v.booleanValue());
    } else if (v.isArray()) {
      sb.append('[');
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        appendGoJson(sb, v.get(i));
      }
      sb.append(']');
    } else {
      sb.append('{');
      boolean first = true;
      for (var e : sorted(v).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        appendGoJsonString(sb, e.getKey());
        sb.append(':');
        appendGoJson(sb, e.getValue());
      }
      sb.append('}');
    }
  }

  static String goJson(JsonNode v) {
    var sb = new StringBuilder();
    appendGoJson(sb, v);
    return sb.toString();
  }

  static void appendGoJsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Go's {@code %v}/{@code %q} rendering of a value, as in upstream's path strings ({@code [name="nginx"]}). */
  static String goString(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      var sb = new StringBuilder("\"");
      for (char c : v.textValue().toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\t' -> sb.append("\\t");
          case '\r' -> sb.append("\\r");
          default -> sb.append(c);
        }
      }
      return sb.append('"').toString();
    }
    if (v.isArray()) {
      var parts = new ArrayList<String>();
      v.forEach(e -> parts.add(goString(e)));
      return "[" + String.join(",", parts) + "]";
    }
    if (v.isObject()) {
      var sb = new StringBuilder();
      v.properties().forEach(e -> sb.append(e.getKey()).append('=').append(goString(e.getValue())));
      return sb.toString();
    }
    if (v.isFloatingPointNumber()) {
      double d = v.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e21 ? Long.toString((long) d) : Double.toString(d);
    }
    return v.asText();
  }

  /** A deep copy with every {@code null} member of an object removed (typed decoding drops them upstream). */
  static JsonNode withoutNulls(JsonNode n) {
    if (n instanceof ObjectNode o) {
      var out = NODES.objectNode();
      o.properties().forEach(e -> {
        if (!e.getValue().isNull()) {
          out.set(e.getKey(), withoutNulls(e.getValue()));
        }
      });
      return out;
    }
    if (n instanceof ArrayNode a) {
      var out = NODES.arrayNode();
      a.forEach(e -> out.add(withoutNulls(e)));
      return out;
    }
    return n;
  }

  static boolean isEmptyContainer(JsonNode n) {
    return n == null || n.isNull() || ((n.isObject() || n.isArray()) && n.isEmpty());
  }
}
