package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.http.ResponseSink;
import io.kube4j.apiserver.http.Responses;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.machinery.errors.ApiException;
import java.io.IOException;
import java.util.List;

/** {@code pods/binding} (and the {@code bindings} resource): assigns a pod to a node, once. */
final class Binding {

  private Binding() {}

  /** Serves {@code POST .../pods/NAME/binding}. */
  static void handle(ApiRequest request, RequestInfo info, ResourceStore pods, String ns, ResponseSink sink, ResourceHandler handler) {
    if (!info.verb().equals("create")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    bind(request, info.name(), pods, ns, sink, handler);
  }

  /** Binds the pod named by the Binding's metadata (or {@code podName} when given). */
  static void bind(ApiRequest request, String podName, ResourceStore pods, String ns, ResponseSink sink, ResourceHandler handler) {
    ObjectNode binding;
    try {
      binding = (ObjectNode) Json.parse(request.body());
    } catch (IOException | ClassCastException e) {
      throw ApiException.badRequest("Binding in version \"v1\" cannot be handled as a Binding: the body must be a JSON object");
    }
    var name = podName.isEmpty() ? Metadata.name(binding) : podName;
    if (!Metadata.name(binding).isEmpty() && !Metadata.name(binding).equals(name)) {
      throw ApiException.badRequest("the name of the object (" + Metadata.name(binding) + ") does not match the name on the URL (" + name + ")");
    }
    var target = binding.path("target");
    var node = Metadata.text(target, "name");
    if (node.isEmpty()) {
      throw ApiException.invalid("", "Binding", name, List.of(FieldError.required("target.name", "")));
    }
    if (!Metadata.text(target, "kind").isEmpty() && !Metadata.text(target, "kind").equals("Node")) {
      throw ApiException.invalid("", "Binding", name, List.of(FieldError.notSupported("target.kind", Metadata.text(target, "kind"), List.of("Node"))));
    }
    var options = handler.writeOptions(request, "create");
    var now = Json.time(pods.now());
    pods.update(ns, name, "binding", current -> {
      if (Metadata.terminating(current)) {
        throw ApiException.conflict("", "pods", name, "pod " + name + " is being deleted, cannot be assigned to a host");
      }
      var assigned = Metadata.path(current, "spec.nodeName");
      if (!assigned.isEmpty()) {
        throw ApiException.conflict("", "pods/binding", name, "pod " + name + " is already assigned to node \"" + assigned + "\"");
      }
      var uid = Metadata.uid(binding);
      if (!uid.isEmpty() && !uid.equals(Metadata.uid(current))) {
        throw ApiException.conflict("", "pods/binding", name, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: " + Metadata.uid(current));
      }
      ((ObjectNode) current.path("spec")).put("nodeName", node);
      var annotations = binding.path("metadata").path("annotations");
      if (annotations.isObject() && !annotations.isEmpty()) {
        var meta = Metadata.of(current);
        var existing = meta.has("annotations") ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
        existing.setAll((ObjectNode) annotations);
      }
      var status = current.has("status") ? (ObjectNode) current.get("status") : current.putObject("status");
      var conditions = status.has("conditions") ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
      ObjectNode scheduled = null;
      for (var c : conditions) {
        if ("PodScheduled".equals(c.path("type").asText())) {
          scheduled = (ObjectNode) c;
        }
      }
      if (scheduled == null) {
        scheduled = conditions.addObject();
        scheduled.put("type", "PodScheduled");
      }
      scheduled.put("status", "True");
      scheduled.putNull("lastProbeTime");
      scheduled.put("lastTransitionTime", now);
      scheduled.remove("reason");
      scheduled.remove("message");
      Metadata.of(current).remove("resourceVersion");
      return current;
    }, false, options);
    Responses.success(sink, 201);
  }
}
