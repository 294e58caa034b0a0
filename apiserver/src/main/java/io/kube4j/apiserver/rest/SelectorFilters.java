package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.machinery.selection.FieldSelector;
import io.kube4j.machinery.selection.LabelSelector;
import io.kube4j.machinery.selection.SelectableFields;

/**
 * Builds a list/watch filter from {@code labelSelector} and {@code fieldSelector}: label selectors
 * match {@code metadata.labels}; field selectors may name the fields upstream lets each kind select on
 * (anything else is a 400 with upstream's message).
 */
public final class SelectorFilters implements ResourceHandler.Selection {

  @Override
  public ResourceHandler.Filter filter(String labelSelector, String fieldSelector, ResourceStore store) {
    var def = store.definition();
    var labels = labelSelector.isBlank() ? LabelSelector.everything() : LabelSelector.parse(labelSelector);
    var fields = fieldSelector.isBlank() ? FieldSelector.everything()
        : SelectableFields.convert(def.group(), def.resource(), FieldSelector.parse(fieldSelector));
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
      var values = SelectableFields.of(def.group(), def.resource(), o, def.namespaced());
      return fields.matches(f -> values.getOrDefault(f, ""));
    }, true);
  }
}
