package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/**
 * Events (core/v1 and events.k8s.io/v1, which share storage), validated as upstream does: core events keep the
 * lenient legacy rules (any name; the object they are about in the event's namespace; reporting fields only once
 * {@code eventTime} is set), events.k8s.io events get the strict ones (DNS-subdomain name, event time, type,
 * reporting controller and instance, action, reason). Both field spellings are read ({@code involvedObject} or
 * {@code regarding}, {@code reportingComponent} or {@code reportingController}, {@code message} or {@code note}).
 * Selectable fields are the core ones kubectl uses ({@code involvedObject.*}, {@code reason}, {@code type}, ...).
 */
final class EventStrategy extends KindStrategy {
  private final boolean coreGroup;

  EventStrategy(ResourceDefinition definition) {
    super(definition, definition.group().isEmpty() ? NameRule.ANY : NameRule.DNS_SUBDOMAIN);
    this.coreGroup = definition.group().isEmpty();
  }

  private static JsonNode regarding(ObjectNode object) {
    var involved = Json.object(object, "involvedObject");
    return involved != null ? involved : Json.object(object, "regarding");
  }

  private static String either(ObjectNode object, String a, String b) {
    var v = Json.text(object, a);
    return v.isEmpty() ? Json.text(object, b) : v;
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var objectField = coreGroup ? "involvedObject" : "regarding";
    var namespace = Json.text(Json.object(object, "metadata"), "namespace");
    var aboutNamespace = Json.text(regarding(object), "namespace");
    boolean hasEventTime = Json.has(object, "eventTime");
    if (!hasEventTime) {
      // Old-style events: an event about a cluster-scoped object lives in "default" (or no namespace).
      boolean mismatch = aboutNamespace.isEmpty()
          ? !namespace.isEmpty() && !namespace.equals("default")
          : !aboutNamespace.equals(namespace);
      if (mismatch) {
        errs.add(FieldError.invalid(objectField + ".namespace", aboutNamespace, "does not match event.namespace"));
      }
    } else if (aboutNamespace.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
      errs.add(FieldError.invalid(objectField + ".namespace", aboutNamespace, "does not match event.namespace"));
    }
    if (!coreGroup && !hasEventTime) {
      errs.add(FieldError.required("eventTime", ""));
    }
    if (!coreGroup) {
      var type = Json.text(object, "type");
      if (!type.equals("Normal") && !type.equals("Warning")) {
        errs.add(FieldError.invalid("type", "", "has invalid value: " + type));
      }
    }
    if (hasEventTime || !coreGroup) {
      var controllerField = coreGroup ? "reportingComponent" : "reportingController";
      var controller = either(object, "reportingComponent", "reportingController");
      if (controller.isEmpty()) {
        errs.add(FieldError.required(controllerField, ""));
      } else {
        Checks.format(controller, io.kube4j.api.validation.FieldPath.root(controllerField),
            io.kube4j.api.validation.Names::qualifiedName, errs);
      }
      var instance = Json.text(object, "reportingInstance");
      if (instance.isEmpty()) {
        errs.add(FieldError.required("reportingInstance", ""));
      } else if (instance.length() > 128) {
        errs.add(FieldError.invalid("reportingInstance", "", "can have at most 128 characters"));
      }
      var action = Json.text(object, "action");
      if (action.isEmpty()) {
        errs.add(FieldError.required("action", ""));
      } else if (action.length() > 128) {
        errs.add(FieldError.invalid("action", "", "can have at most 128 characters"));
      }
      var reason = Json.text(object, "reason");
      if (reason.isEmpty()) {
        errs.add(FieldError.required("reason", ""));
      } else if (reason.length() > 128) {
        errs.add(FieldError.invalid("reason", "", "can have at most 128 characters"));
      }
      var note = either(object, "message", "note");
      if (note.length() > 1024) {
        errs.add(FieldError.invalid(coreGroup ? "message" : "note", "", "can have at most 1024 characters"));
      }
    }
  }
}
