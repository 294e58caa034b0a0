package io.kube4j.machinery.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Equality of JSON values with the semantics of the Go code the patches mirror: decoded values compared with
 * {@code ==} (an integer never equals a float, {@code null} equals only {@code null}) and documents compared
 * structurally.
 */
final class JsonValues {

  /** The dynamic Go type of a decoded JSON value ({@code map}, {@code []interface{}}, {@code int64}, ...). */
  enum GoKind {
    MAP,
    SLICE,
    STRING,
    INT,
    FLOAT,
    BOOL,
    NIL
  }

  private JsonValues() {}

  static GoKind kind(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return GoKind.NIL;
    }
    if (v.isObject()) {
      return GoKind.MAP;
    }
    if (v.isArray()) {
      return GoKind.SLICE;
    }
    if (v.isTextual()) {
      return GoKind.STRING;
    }
    if (v.isBoolean()) {
      return GoKind.BOOL;
    }
    return v.isIntegralNumber() ? GoKind.INT : GoKind.FLOAT;
  }

  /**
   * Go's {@code a == b} on two decoded scalars (merge key values, primitive list items); containers, which Go
   * cannot compare, are compared structurally.
   */
  static boolean same(JsonNode a, JsonNode b) {
    var ka = kind(a);
    if (ka != kind(b)) {
      return false;
    }
    return switch (ka) {
      case NIL -> true;
      case INT, FLOAT -> a.decimalValue().compareTo(b.decimalValue()) == 0;
      case STRING -> a.textValue().equals(b.textValue());
      case BOOL -> a.booleanValue() == b.booleanValue();
      case MAP, SLICE -> sameDocument(a, b);
    };
  }

  /** Structural equality: same members (order-free) and same elements (in order), scalars as {@link #same}. */
  static boolean sameDocument(JsonNode a, JsonNode b) {
    var ka = kind(a);
    if (ka != kind(b)) {
      return false;
    }
    if (ka == GoKind.MAP) {
      if (a.size() != b.size()) {
        return false;
      }
      for (var entry : a.properties()) {
        var other = b.get(entry.getKey());
        if (other == null || !sameDocument(entry.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (ka == GoKind.SLICE) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameDocument(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return same(a, b);
  }
}
