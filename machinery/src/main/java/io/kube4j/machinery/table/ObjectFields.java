package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.kube4j.machinery.util.HumanDuration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Null-tolerant reads of the JSON fields printers look at; an absent field reads as Go's zero value. */
final class ObjectFields {

  private ObjectFields() {}

  static JsonNode at(JsonNode node, String... path) {
    var n = node == null ? MissingNode.getInstance() : node;
    for (var p : path) {
      n = n.path(p);
    }
    return n;
  }

  static boolean present(JsonNode n) {
    return n != null && !n.isMissingNode() && !n.isNull();
  }

  static String str(JsonNode node, String... path) {
    var n = at(node, path);
    return present(n) ? n.asText() : "";
  }

  static long num(JsonNode node, String... path) {
    var n = at(node, path);
    return present(n) ? n.asLong() : 0L;
  }

  static Long numOrNull(JsonNode node, String... path) {
    var n = at(node, path);
    return present(n) ? n.asLong() : null;
  }

  static boolean bool(JsonNode node, String... path) {
    return at(node, path).asBoolean(false);
  }

  static List<JsonNode> list(JsonNode node, String... path) {
    var n = at(node, path);
    var out = new ArrayList<JsonNode>();
    if (n.isArray()) {
      n.forEach(out::add);
    }
    return out;
  }

  static Map<String, String> stringMap(JsonNode node, String... path) {
    var n = at(node, path);
    var m = new TreeMap<String, String>();
    if (n.isObject()) {
      n.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    }
    return m;
  }

  static int size(JsonNode node, String... path) {
    var n = at(node, path);
    return n.isArray() || n.isObject() ? n.size() : 0;
  }

  /** An RFC 3339 timestamp (seconds or micro precision), or null when absent or unparseable. */
  static Instant time(JsonNode node, String... path) {
    var s = str(node, path);
    if (s.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        return null; // upstream would have rejected the object on decode; print it as an unknown time
      }
    }
  }

  static String since(JsonNode node, Instant now, String... path) {
    return HumanDuration.since(time(node, path), now);
  }

  static String age(JsonNode object, Instant now) {
    return since(object, now, "metadata", "creationTimestamp");
  }

  static String name(JsonNode object) {
    return str(object, "metadata", "name");
  }

  /** An int-or-string field as upstream's {@code IntOrString.String()}. */
  static String intOrString(JsonNode n) {
    return n.isNumber() ? Long.toString(n.asLong()) : n.asText();
  }

  /** Upstream {@code layoutContainerCells}: container names and images, comma-joined. */
  static String[] containerCells(JsonNode podSpec) {
    var names = new ArrayList<String>();
    var images = new ArrayList<String>();
    for (var c : list(podSpec, "containers")) {
      names.add(str(c, "name"));
      images.add(str(c, "image"));
    }
    return new String[] {String.join(",", names), String.join(",", images)};
  }

  static String orElse(String s, String fallback) {
    return s == null || s.isEmpty() ? fallback : s;
  }

  /** Upstream's "first three, then {@code + N more...}" list rendering; {@code <unset>} when empty. */
  static String listWithMore(List<String> items, int max) {
    var shown = items.size() > max ? items.subList(0, max) : items;
    var ret = String.join(",", shown);
    if (items.size() > max) {
      return ret + " + " + (items.size() - max) + " more...";
    }
    return ret.isEmpty() ? "<unset>" : ret;
  }
}
