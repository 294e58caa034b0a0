package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.schema.Schema;
import io.kube4j.api.schema.SchemaCatalog;
import io.kube4j.api.schema.UnknownFields;
import java.util.List;

/**
 * Drops the fields a kind's schema does not declare, as upstream's typed decoding does, and reports
 * them in upstream's wording for {@code fieldValidation} (Strict rejects, Warn warns, Ignore is silent); finds values
 * of the wrong JSON type, which upstream's decoding rejects whatever {@code fieldValidation} says.
 */
public final class SchemaUnknownFields implements Representations.UnknownFieldCheck {

  private final SchemaCatalog schemas;

  public SchemaUnknownFields(SchemaCatalog schemas) {
    this.schemas = schemas;
  }

  @Override
  public List<String> pruneUnknown(ObjectNode object, GroupVersionKind kind) {
    return schemas.forKind(kind)
        .map(schema -> {
          var unknown = UnknownFields.messages(schema, object);
          if (!unknown.isEmpty()) {
            prune(schema, object);
          }
          return unknown;
        })
        .orElse(List.of());
  }

  @Override
  public java.util.Optional<String> typeMismatch(ObjectNode object, GroupVersionKind kind) {
    return schemas.forKind(kind).flatMap(schema -> FieldTypes.firstMismatch(schema, object));
  }

  /** Removes undeclared fields, walking the value as {@link UnknownFields} does. */
  private static void prune(Schema schema, JsonNode value) {
    switch (schema.type()) {
      case OBJECT -> {
        if (value instanceof ObjectNode object) {
          var names = new ArrayList<String>();
          object.fieldNames().forEachRemaining(names::add);
          for (var name : names) {
            var property = schema.property(name);
            if (property.isEmpty()) {
              object.remove(name);
            } else {
              prune(property.get().schema(), object.get(name));
            }
          }
        }
      }
      case MAP -> {
        if (value instanceof ObjectNode map) {
          map.properties().forEach(e -> prune(schema.elements(), e.getValue()));
        }
      }
      case ARRAY -> {
        if (value != null && value.isArray()) {
          value.forEach(element -> prune(schema.elements(), element));
        }
      }
      default -> {
        // scalars and preserved-unknown values have nothing to prune
      }
    }
  }
}
