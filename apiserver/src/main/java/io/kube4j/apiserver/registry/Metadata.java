package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Typed reads and writes of {@code metadata} on a JSON object. */
public final class Metadata {

  private Metadata() {}

  public static ObjectNode of(ObjectNode object) {
    var m = object.get("metadata");
    if (m instanceof ObjectNode o) {
      return o;
    }
    return object.putObject("metadata");
  }

  public static String text(JsonNode node, String field) {
    var v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  public static String name(ObjectNode object) {
    return text(object.get("metadata"), "name");
  }

  public static String namespace(ObjectNode object) {
    return text(object.get("metadata"), "namespace");
  }

  public static String uid(ObjectNode object) {
    return text(object.get("metadata"), "uid");
  }

  public static String resourceVersion(ObjectNode object) {
    return text(object.get("metadata"), "resourceVersion");
  }

  public static boolean terminating(ObjectNode object) {
    return !text(object.get("metadata"), "deletionTimestamp").isEmpty();
  }

  public static boolean hasFinalizers(ObjectNode object) {
    var f = object.path("metadata").path("finalizers");
    return f.isArray() && !f.isEmpty();
  }

  /** Labels as a map (empty if none). */
  public static Map<String, String> labels(ObjectNode object) {
    return stringMap(object.path("metadata").path("labels"));
  }

  /** A JSON object of strings as a map (empty if not an object). */
  public static Map<String, String> stringMap(JsonNode node) {
    var out = new LinkedHashMap<String, String>();
    if (node.isObject()) {
      node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  /** Reads a dotted path such as {@code spec.nodeName}; empty if absent. */
  public static String path(ObjectNode object, String dotted) {
    JsonNode n = object;
    for (var part : dotted.split("\\.")) {
      n = n.path(part);
    }
    return n.isMissingNode() || n.isNull() ? "" : n.asText();
  }
}
