package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the first value whose JSON type its schema does not allow (a number where a string is declared,
 * a string for an integer, an object for a list), as upstream's typed decoding rejects it, worded as Go's
 * {@code encoding/json} does: {@code json: cannot unmarshal number into Go struct field ConfigMap.data of type string}.
 * Nulls are always accepted (they decode to the zero value); values under {@link Schema.Type#ANY} and named scalars
 * with their own decoders (quantities, times) are left to validation.
 */
final class FieldTypes {

  private FieldTypes() {}

  /** The decoding error for the first mistyped value of {@code object}, in document order, if any. */
  static Optional<String> firstMismatch(Schema schema, JsonNode object) {
    return walk(schema, object, shortName(schema.name()), new ArrayList<>());
  }

  private static Optional<String> walk(Schema schema, JsonNode value, String struct, List<String> fields) {
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    switch (schema.type()) {
      case OBJECT -> {
        if (!value.isObject()) {
          return mismatch(jsonKind(value), struct, fields, goType(schema));
        }
        var inner = shortName(schema.name());
        for (var e : value.properties()) {
          var property = schema.property(e.getKey());
          if (property.isPresent()) {
            fields.add(e.getKey());
            var found = walk(property.get().schema(), e.getValue(), inner, fields);
            fields.removeLast();
            if (found.isPresent()) {
              return found;
            }
          }
        }
        return Optional.empty();
      }
      case MAP -> {
        if (!value.isObject()) {
          return mismatch(jsonKind(value), struct, fields, goType(schema));
        }
        for (var e : value.properties()) {
          var found = walk(schema.elements(), e.getValue(), struct, fields); // Go's error context leaves map keys out
          if (found.isPresent()) {
            return found;
          }
        }
        return Optional.empty();
      }
      case ARRAY -> {
        if (!value.isArray()) {
          return mismatch(jsonKind(value), struct, fields, goType(schema));
        }
        for (var element : value) {
          var found = walk(schema.elements(), element, struct, fields); // nor list indexes
          if (found.isPresent()) {
            return found;
          }
        }
        return Optional.empty();
      }
      case INT_OR_STRING -> {
        // intstr.IntOrString decodes a non-string as an int32 on its own, so Go reports no struct field
        if (value.isTextual() || fitsInteger(value, "int32")) {
          return Optional.empty();
        }
        return Optional.of("json: cannot unmarshal " + numberAware(value) + " into Go value of type int32");
      }
      case STRING -> {
        if (!schema.name().isEmpty() || value.isTextual()) {
          return Optional.empty(); // quantities and times have their own decoders
        }
        return mismatch(jsonKind(value), struct, fields, goType(schema));
      }
      case INTEGER -> {
        if (fitsInteger(value, schema.format())) {
          return Optional.empty();
        }
        return mismatch(numberAware(value), struct, fields, goType(schema));
      }
      case NUMBER -> {
        return value.isNumber() ? Optional.empty() : mismatch(jsonKind(value), struct, fields, goType(schema));
      }
      case BOOLEAN -> {
        return value.isBoolean() ? Optional.empty() : mismatch(jsonKind(value), struct, fields, goType(schema));
      }
      case ANY -> {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> mismatch(String jsonKind, String struct, List<String> fields, String goType) {
    if (fields.isEmpty()) {
      return Optional.of("json: cannot unmarshal " + jsonKind + " into Go value of type " + goType);
    }
    return Optional.of("json: cannot unmarshal " + jsonKind + " into Go struct field " + struct + "." + String.join(".", fields)
        + " of type " + goType);
  }

  private static boolean fitsInteger(JsonNode value, String format) {
    if (!value.isIntegralNumber()) {
      return false;
    }
    return format.equals("int32") ? value.canConvertToInt() : value.canConvertToLong();
  }

  /** Go names a number that does not fit an integer field by its literal: {@code number 1.5}. */
  private static String numberAware(JsonNode value) {
    return value.isNumber() ? "number " + value.asText() : jsonKind(value);
  }

  private static String jsonKind(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    return "number";
  }

  /** Go's name of the type a schema decodes into: {@code string}, {@code []v1.Container}, {@code map[string]string}. */
  private static String goType(Schema schema) {
    return switch (schema.type()) {
      case OBJECT -> schema.name().isEmpty() ? "map[string]interface {}" : packageQualified(schema.name());
      case MAP -> "map[string]" + goType(schema.elements());
      case ARRAY -> "[]" + goType(schema.elements());
      case STRING -> schema.format().equals("byte") ? "[]uint8" : "string";
      case INTEGER -> schema.format().equals("int32") ? "int32" : "int64";
      case NUMBER -> schema.format().equals("float") ? "float32" : "float64";
      case BOOLEAN -> "bool";
      case INT_OR_STRING -> "intstr.IntOrString";
      case ANY -> "interface {}";
    };
  }

  /** {@code io.k8s.api.core.v1.Container} → {@code v1.Container}, as Go prints a type with its package name. */
  private static String packageQualified(String definition) {
    var parts = definition.split("\\.");
    return parts.length < 2 ? definition : parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  private static String shortName(String definition) {
    return definition.substring(definition.lastIndexOf('.') + 1);
  }
}
