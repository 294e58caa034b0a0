package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events (core/v1 and events.k8s.io/v1, which share storage): the object they are about is required and must be in
 * the event's namespace; new-style events (with a reporting controller) need their time, action, reason and type.
 * Selectable fields are the core ones kubectl uses ({@code involvedObject.*}, {@code reason}, {@code type}, ...).
 */
final class EventStrategy extends KindStrategy {

  private final boolean coreGroup;

  EventStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
    this.coreGroup = definition.group().isEmpty();
  }

  @Override
  public boolean tracksGeneration() {
    return false;
  }

  private JsonNode regarding(ObjectNode object) {
    var involved = Json.object(object, "involvedObject");
    return involved != null ? involved : Json.object(object, "regarding");
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var objectField = coreGroup ? "involvedObject" : "regarding";
    var about = regarding(object);
    if (about == null) {
      errs.add(FieldError.required(objectField, ""));
    } else {
      var namespace = Json.text(Json.object(object, "metadata"), "namespace");
      var aboutNamespace = Json.text(about, "namespace");
      if (!aboutNamespace.isEmpty() && !aboutNamespace.equals(namespace)) {
        errs.add(FieldError.invalid(objectField + ".namespace", aboutNamespace, "does not match event.namespace"));
      }
    }
    var reportingController = Json.text(object, "reportingController");
    if (reportingController.isEmpty()) {
      reportingController = Json.text(object, "reportingComponent");
    }
    boolean newStyle = !coreGroup || Json.has(object, "eventTime") && !reportingController.isEmpty();
    if (newStyle) {
      if (!Json.has(object, "eventTime")) {
        errs.add(FieldError.required("eventTime", ""));
      }
      var type = Json.text(object, "type");
      if (!type.equals("Normal") && !type.equals("Warning")) {
        errs.add(FieldError.invalid("type", type, "has invalid value: " + type));
      }
      if (reportingController.isEmpty()) {
        errs.add(FieldError.required("reportingController", ""));
      }
      if (Json.text(object, "action").isEmpty()) {
        errs.add(FieldError.required("action", ""));
      }
      if (Json.text(object, "reason").isEmpty()) {
        errs.add(FieldError.required("reason", ""));
      }
      var note = Json.text(object, coreGroup ? "message" : "note");
      if (note.length() > 1024) {
        errs.add(FieldError.tooLong(coreGroup ? "message" : "note", "", 1024));
      }
    }
  }

  @Override
  public Map<String, String> selectableFields(ObjectNode object) {
    var about = regarding(object);
    var fields = new LinkedHashMap<String, String>();
    for (String f : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
      fields.put("involvedObject." + f, Json.text(about, f));
    }
    fields.put("reason", Json.text(object, "reason"));
    var reporting = Json.text(object, "reportingComponent");
    fields.put("reportingComponent", reporting.isEmpty() ? Json.text(object, "reportingController") : reporting);
    var source = Json.text(Json.object(object, "source"), "component");
    fields.put("source", source.isEmpty() ? Json.text(Json.object(object, "deprecatedSource"), "component") : source);
    fields.put("type", Json.text(object, "type"));
    return fields;
  }
}
