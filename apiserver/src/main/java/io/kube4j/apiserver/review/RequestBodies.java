package io.kube4j.apiserver.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.MediaTypes;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.protobuf.ProtobufBodies;
import io.kube4j.machinery.errors.ApiException;
import java.io.IOException;
import java.util.List;

/** Reads the body of a create-only request (a review or a TokenRequest) as JSON, YAML or protobuf into an object of one kind. */
final class RequestBodies {

  private RequestBodies() {}

  static ObjectNode read(ApiRequest request, GroupVersionKind expected) {
    JsonNode node;
    try {
      node = switch (MediaTypes.base(request.header("content-type"))) {
        case "", MediaTypes.JSON -> request.body().length == 0 ? Json.object() : Json.parse(request.body());
        case MediaTypes.YAML -> Json.parseYaml(request.body());
        case ProtobufBodies.MEDIA_TYPE -> ProtobufBodies.decode(request.body(), expected);
        default -> throw new ApiException(ApiException.Reason.UNSUPPORTED_MEDIA_TYPE, 415,
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, "
                + ProtobufBodies.MEDIA_TYPE, ApiException.Details.NONE);
      };
    } catch (IOException e) {
      throw ApiException.badRequest(expected.kind() + " in version \"" + expected.version() + "\" cannot be handled as a " + expected.kind()
          + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("Object '" + expected.kind() + "' is invalid: the request body must be a JSON object");
    }
    var kind = object.path("kind").asText();
    var apiVersion = object.path("apiVersion").asText();
    if (!kind.isEmpty() && !kind.equals(expected.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (" + expected.kind() + ")");
    }
    if (!apiVersion.isEmpty() && !apiVersion.equals(expected.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion + ") does not match the expected API version ("
          + expected.apiVersion() + ")");
    }
    var result = Json.object();
    result.put("kind", expected.kind());
    result.put("apiVersion", expected.apiVersion());
    result.set("metadata", object.get("metadata") instanceof ObjectNode metadata ? metadata : Json.object());
    result.set("spec", object.get("spec") instanceof ObjectNode spec ? spec : Json.object());
    object.remove(List.of("kind", "apiVersion", "metadata", "spec"));
    result.setAll(object);
    return result;
  }
}
