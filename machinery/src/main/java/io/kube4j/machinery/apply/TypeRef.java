package io.kube4j.machinery.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.api.schema.Schema;
import java.util.List;

/**
 * How structured merge sees the value at one place of an object: its schema and, for list semantics
 * that only the holding property carries ({@code x-kubernetes-patch-strategy: merge} +
 * {@code x-kubernetes-patch-merge-key}), the property it was reached through. Without a schema (ANY,
 * unknown fields) the shape is deduced from the value as upstream's {@code __untyped_deduced_}: objects
 * are granular maps, lists are atomic, everything else is a leaf.
 */
record TypeRef(Schema schema, Schema.Property property) {

  static final TypeRef DEDUCED = new TypeRef(null, null);

  /** What a value is to the merge algorithms. */
  enum Kind { LEAF, ATOMIC, STRUCT, MAP, SET, ASSOCIATIVE }

  static TypeRef of(Schema schema) {
    return schema == null ? DEDUCED : new TypeRef(schema, null);
  }

  Kind kind(JsonNode v) {
    if (schema == null || schema.type() == Schema.Type.ANY) {
      if (v != null && v.isObject()) {
        return Kind.MAP;
      }
      return v != null && v.isArray() ? Kind.ATOMIC : Kind.LEAF;
    }
    return switch (schema.type()) {
      case OBJECT -> schema.isAtomic() ? Kind.ATOMIC : Kind.STRUCT;
      case MAP -> schema.isAtomic() ? Kind.ATOMIC : Kind.MAP;
      case ARRAY -> switch (schema.listType()) {
        case SET -> Kind.SET;
        case MAP -> Kind.ASSOCIATIVE;
        case ATOMIC -> property != null && property.mergesList()
            ? (property.patchMergeKey().isEmpty() ? Kind.SET : Kind.ASSOCIATIVE)
            : Kind.ATOMIC;
      };
      default -> Kind.LEAF;
    };
  }

  /** The keys of an associative list. */
  List<String> keys() {
    if (schema.listType() == Schema.ListType.MAP) {
      return schema.listMapKeys();
    }
    return property != null && !property.patchMergeKey().isEmpty() ? List.of(property.patchMergeKey()) : List.of();
  }

  /** The type of the field or map entry {@code name} below this one. */
  TypeRef field(String name) {
    if (schema == null || schema.type() == Schema.Type.ANY) {
      return DEDUCED;
    }
    return switch (schema.type()) {
      case OBJECT -> schema.property(name).map(p -> new TypeRef(p.schema(), p)).orElse(DEDUCED);
      case MAP -> of(schema.elements());
      default -> DEDUCED;
    };
  }

  /** Whether {@code name} is a declared field of this struct (upstream's {@code FindField}). */
  boolean declares(String name) {
    return schema != null && schema.type() == Schema.Type.OBJECT && schema.property(name).isPresent();
  }

  /** The type of list elements. */
  TypeRef element() {
    if (schema == null || schema.type() != Schema.Type.ARRAY) {
      return DEDUCED;
    }
    return of(schema.elements());
  }

  /** The type below a path element, whatever its kind. */
  TypeRef child(PathElement e) {
    return e instanceof PathElement.Field f ? field(f.name()) : element();
  }
}
