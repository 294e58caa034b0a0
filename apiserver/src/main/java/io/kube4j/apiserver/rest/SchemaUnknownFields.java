package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.schema.SchemaCatalog;
import io.kube4j.api.schema.UnknownFields;
import java.util.List;

/**
 * Drops the fields a kind's schema does not declare, as upstream's typed decoding does, and reports
 * them in upstream's wording for {@code fieldValidation} (Strict rejects, Warn warns, Ignore is silent).
 */
public final class SchemaUnknownFields implements Representations.UnknownFieldCheck {

  private final SchemaCatalog schemas;

  public SchemaUnknownFields(SchemaCatalog schemas) {
    this.schemas = schemas;
  }

  @Override
  public List<String> pruneUnknown(ObjectNode object, GroupVersionKind kind) {
    return schemas.forKind(kind)
        .map(schema -> UnknownFields.prune(schema, object).stream().map(p -> "unknown field \"" + p + "\"").toList())
        .orElse(List.of());
  }
}
