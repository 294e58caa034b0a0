package io.kube4j.machinery.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One step of a field path, as structured-merge-diff names them: a field of an object or map
 * ({@code f:name}), an element of an associative list by its key fields ({@code k:{"name":"nginx"}}),
 * an element of a set by its value ({@code v:"foo"}) or a list position ({@code i:3}).
 *
 * <p>Elements are totally ordered the way upstream orders them (fields, then keys, then values, then
 * indexes), which fixes the order of entries in {@code fieldsV1}. Values are kept in a canonical form
 * (integral numbers as longs) so that {@code 80} read from JSON and {@code 80} read from YAML compare equal.
 */
public sealed interface PathElement extends Comparable<PathElement> {

  /** A named field of an object, or a key of a map. */
  record Field(String name) implements PathElement {
    public Field {
      Objects.requireNonNull(name);
    }
  }

  /** An element of an associative list, identified by its key fields (sorted by name). */
  record Key(Map<String, JsonNode> fields) implements PathElement {
    public Key {
      var sorted = new TreeMap<String, JsonNode>();
      fields.forEach((k, v) -> sorted.put(k, JsonValues.canonical(v)));
      fields = Collections.unmodifiableMap(sorted);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && compareTo(k) == 0;
    }

    @Override
    public int hashCode() {
      int h = 0;
      for (var e : fields.entrySet()) {
        h = 31 * h + e.getKey().hashCode() * 17 + JsonValues.hash(e.getValue());
      }
      return h;
    }
  }

  /** An element of a set (a list of scalars with {@code x-kubernetes-list-type: set}). */
  record Value(JsonNode value) implements PathElement {
    public Value {
      value = JsonValues.canonical(value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Value v && JsonValues.compare(value, v.value) == 0;
    }

    @Override
    public int hashCode() {
      return JsonValues.hash(value);
    }
  }

  /** A position in a list. */
  record Index(int index) implements PathElement {}

  static Field field(String name) {
    return new Field(name);
  }

  /** A key element from alternating names and values, e.g. {@code key("containerPort", 80, "protocol", "TCP")}. */
  static Key key(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate");
    }
    var m = new TreeMap<String, JsonNode>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], JsonValues.of(namesAndValues[i + 1]));
    }
    return new Key(m);
  }

  static Value value(Object v) {
    return new Value(JsonValues.of(v));
  }

  /** Upstream's order: fields < keys < values < indexes, each ordered within its kind. */
  @Override
  default int compareTo(PathElement o) {
    int rank = rank(this) - rank(o);
    if (rank != 0) {
      return rank;
    }
    return switch (this) {
      case Field f -> f.name().compareTo(((Field) o).name());
      case Key k -> compareKeys(k.fields(), ((Key) o).fields());
      case Value v -> JsonValues.compare(v.value(), ((Value) o).value());
      case Index i -> Integer.compare(i.index(), ((Index) o).index());
    };
  }

  private static int rank(PathElement e) {
    return switch (e) {
      case Field f -> 0;
      case Key k -> 1;
      case Value v -> 2;
      case Index i -> 3;
    };
  }

  private static int compareKeys(Map<String, JsonNode> a, Map<String, JsonNode> b) {
    Iterator<Map.Entry<String, JsonNode>> ia = a.entrySet().iterator();
    Iterator<Map.Entry<String, JsonNode>> ib = b.entrySet().iterator();
    while (true) {
      if (!ia.hasNext() || !ib.hasNext()) {
        return Boolean.compare(ia.hasNext(), ib.hasNext());
      }
      var ea = ia.next();
      var eb = ib.next();
      int c = ea.getKey().compareTo(eb.getKey());
      if (c != 0) {
        return c;
      }
      c = JsonValues.compare(ea.getValue(), eb.getValue());
      if (c != 0) {
        return c;
      }
    }
  }

  /** The {@code fieldsV1} spelling: {@code f:name}, {@code k:{"a":1}}, {@code v:"x"}, {@code i:0}. */
  default String serialize() {
    return switch (this) {
      case Field f -> "f:" + f.name();
      case Key k -> {
        var sb = new StringBuilder("k:{");
        boolean first = true;
        for (var e : k.fields().entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          JsonValues.appendGoJsonString(sb, e.getKey());
          sb.append(':');
          JsonValues.appendGoJson(sb, e.getValue());
        }
        yield sb.append('}').toString();
      }
      case Value v -> {
        var sb = new StringBuilder("v:");
        JsonValues.appendGoJson(sb, v.value());
        yield sb.toString();
      }
      case Index i -> "i:" + i.index();
    };
  }

  /** Parses the {@code fieldsV1} spelling of an element. */
  static PathElement parse(String s) {
    if (s.length() < 2 || s.charAt(1) != ':') {
      throw new IllegalArgumentException("invalid path element " + quote(s) + ": missing colon");
    }
    var rest = s.substring(2);
    return switch (s.charAt(0)) {
      case 'f' -> new Field(rest);
      case 'v' -> new Value(JsonValues.parseSingle(rest));
      case 'k' -> {
        var node = JsonValues.parseSingle(rest);
        if (!node.isObject()) {
          throw new IllegalArgumentException("invalid key path element " + quote(s) + ": not a JSON object");
        }
        var m = new TreeMap<String, JsonNode>();
        node.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        yield new Key(m);
      }
      case 'i' -> {
        try {
          yield new Index(Integer.parseInt(rest));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("invalid index path element " + quote(s), e);
        }
      }
      default -> throw new IllegalArgumentException("unknown path element type in " + quote(s));
    };
  }

  /** The human spelling used in conflict messages: {@code .name}, {@code [name="nginx"]}, {@code [="x"]}, {@code [3]}. */
  default String display() {
    return switch (this) {
      case Field f -> "." + f.name();
      case Key k -> {
        List<String> parts = new ArrayList<>();
        k.fields().forEach((n, v) -> parts.add(n + "=" + JsonValues.goString(v)));
        yield "[" + String.join(",", parts) + "]";
      }
      case Value v -> "[=" + JsonValues.goString(v.value()) + "]";
      case Index i -> "[" + i.index() + "]";
    };
  }

  private static String quote(String s) {
    var sb = new StringBuilder();
    JsonValues.appendGoJsonString(sb, s);
    return sb.toString();
  }
}
