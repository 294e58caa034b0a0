package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.machinery.selection.FieldSelector;
import io.kube4j.machinery.selection.LabelSelector;
import java.util.HashSet;

/**
 * Builds a list/watch filter from {@code labelSelector} and {@code fieldSelector}: label selectors
 * match {@code metadata.labels}; field selectors may name {@code metadata.name},
 * {@code metadata.namespace} and the kind's selectable fields, anything else is a 400.
 */
public final class SelectorFilters implements ResourceHandler.Selection {

  @Override
  public ResourceHandler.Filter filter(String labelSelector, String fieldSelector, ResourceStore store) {
    var labels = labelSelector.isBlank() ? LabelSelector.everything() : LabelSelector.parse(labelSelector);
    var fields = fieldSelector.isBlank() ? FieldSelector.everything() : FieldSelector.parse(fieldSelector);
    var strategy = store.strategy();
    if (!fields.isEmpty()) {
      var supported = new HashSet<String>();
      supported.add("metadata.name");
      supported.add("metadata.namespace");
      supported.addAll(strategy.selectableFields(Json.object()).keySet());
      fields.requireSupported(supported);
    }
    if (labels.isEmpty() && fields.isEmpty()) {
      return new ResourceHandler.Filter(o -> true, false);
    }
    return new ResourceHandler.Filter((ObjectNode o) -> {
      if (!labels.isEmpty() && !labels.matches(Metadata.labels(o))) {
        return false;
      }
      if (fields.isEmpty()) {
        return true;
      }
      var values = strategy.selectableFields(o);
      return fields.matches(f -> switch (f) {
        case "metadata.name" -> Metadata.name(o);
        case "metadata.namespace" -> Metadata.namespace(o);
        default -> values.getOrDefault(f, "");
      });
    }, true);
  }
}
