package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.Quantity;

/**
 * Rewrites quantity fields into upstream's canonical string form, as an API server does when it decodes and
 * re-encodes an object: {@code cpu: 1} becomes {@code "1"}, {@code 0.5} becomes {@code "500m"}, {@code 1024Mi}
 * becomes {@code "1Gi"}. Values that do not parse are left alone for validation to report.
 */
final class Quantities {

  private Quantities() {}

  /** Canonicalises every value of a resource-list field ({@code limits}, {@code capacity}, ...). */
  static void canonicalizeList(JsonNode holder, String field) {
    var map = Json.object(holder, field);
    if (map == null) {
      return;
    }
    for (var e : map.properties()) {
      var canonical = canonical(e.getValue());
      if (canonical != null) {
        e.setValue(Json.NODES.textNode(canonical));
      }
    }
  }

  /** Canonicalises one quantity field. */
  static void canonicalizeValue(JsonNode holder, String field) {
    if (holder instanceof ObjectNode o && Json.has(o, field)) {
      var canonical = canonical(o.get(field));
      if (canonical != null) {
        o.put(field, canonical);
      }
    }
  }

  private static String canonical(JsonNode value) {
    if (value == null || value.isNull() || !(value.isTextual() || value.isNumber())) {
      return null;
    }
    var text = value.isNumber() ? value.decimalValue().toPlainString() : value.textValue();
    try {
      return Quantity.parse(text).toString();
    } catch (Quantity.FormatException e) {
      // Left as is: validation reports it with upstream's message.
      return null;
    }
  }
}
