package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.MediaTypes;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.http.ResponseSink;
import io.kube4j.apiserver.http.Responses;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.machinery.patch.JsonPatch;
import io.kube4j.machinery.patch.MergePatch;
import io.kube4j.machinery.selection.LabelSelector;
import java.io.IOException;
import java.util.List;

/** The {@code scale} subresource: an {@code autoscaling/v1 Scale} view of a workload's replicas. */
final class Scale {

  private Scale() {}

  static void handle(ApiRequest request, RequestInfo info, ResourceStore store, String ns, ResponseSink sink, ResourceHandler handler) {
    switch (info.verb()) {
      case "get" -> Responses.json(sink, 200, toScale(store.get(ns, info.name())));
      case "update", "patch" -> {
        var body = request.body();
        var type = info.verb().equals("update") ? MediaTypes.JSON : MediaTypes.base(request.header("content-type"));
        var options = handler.writeOptions(request, info.verb());
        var result = store.update(ns, info.name(), "", current -> {
          var scale = toScale(current);
          var desired = switch (type) {
            case "", MediaTypes.JSON, MediaTypes.YAML -> parse(body, type.equals(MediaTypes.YAML));
            case MediaTypes.MERGE_PATCH, MediaTypes.STRATEGIC_MERGE_PATCH -> MergePatch.apply(scale, parse(body, false));
            case MediaTypes.JSON_PATCH -> JsonPatch.apply(scale, parse(body, false));
            default -> throw ApiException.unsupportedMediaType(type);
          };
          var replicas = desired.path("spec").path("replicas");
          if (!replicas.isMissingNode() && !replicas.isNull() && (!replicas.canConvertToInt() || replicas.asInt() < 0)) {
            throw ApiException.invalid("autoscaling", "Scale", info.name(),
                List.of(FieldError.invalid("spec.replicas", replicas.asText(), "must be greater than or equal to 0")));
          }
          var spec = current.has("spec") && current.get("spec").isObject() ? (ObjectNode) current.get("spec") : current.putObject("spec");
          spec.put("replicas", replicas.isMissingNode() || replicas.isNull() ? 0 : replicas.asInt());
          var rv = Metadata.text(desired.path("metadata"), "resourceVersion");
          if (info.verb().equals("update") && !rv.isEmpty()) {
            Metadata.of(current).put("resourceVersion", rv);
          } else {
            Metadata.of(current).remove("resourceVersion");
          }
          return current;
        }, false, options);
        Responses.json(sink, 200, toScale(result.object()));
      }
      default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }

  static ObjectNode toScale(ObjectNode object) {
    var scale = Json.object();
    scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    var meta = scale.putObject("metadata");
    var src = object.path("metadata");
    for (var f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (src.has(f)) {
        meta.set(f, src.get(f));
      }
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
    var status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    var selector = object.path("spec").path("selector");
    if (selector.isObject() && !selector.isEmpty()) {
      boolean isLabelSelector = selector.has("matchLabels") || selector.has("matchExpressions");
      status.put("selector", isLabelSelector ? LabelSelector.fromJson(selector).toString() : LabelSelector.fromSet(io.kube4j.apiserver.registry.Metadata.stringMap(selector)).toString());
    }
    return scale;
  }

  private static JsonNode parse(byte[] body, boolean yaml) {
    try {
      return yaml ? Json.parseYaml(body) : Json.parse(body);
    } catch (IOException e) {
      throw ApiException.badRequest("error decoding body: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
