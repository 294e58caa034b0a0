package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.MediaTypes;
import io.kube4j.apiserver.http.ResponseSink;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.machinery.errors.ApiException;
import java.time.Clock;
import java.util.List;

/**
 * Turns stored objects into what the client asked for: the object in the requested version, a
 * {@code meta.k8s.io/v1 Table} for kubectl's printing, {@code PartialObjectMetadata}, in JSON or YAML;
 * and checks incoming objects for unknown fields.
 */
public final class Representations {

  private final Conversion conversion;
  private final Tables tables;
  private final UnknownFieldCheck unknownFields;
  private final Clock clock;

  public Representations(Conversion conversion, Tables tables, UnknownFieldCheck unknownFields, Clock clock) {
    this.conversion = conversion;
    this.tables = tables;
    this.unknownFields = unknownFields;
    this.clock = clock;
  }

  /** Converts between a served version and the storage version of a resource. */
  public interface Conversion {
    ObjectNode toStorage(ObjectNode object, ResourceDefinition def, String fromVersion);

    ObjectNode fromStorage(ObjectNode object, ResourceDefinition def, String toVersion);

    /**
     * The object in the served version, sharing its parts with {@code object} instead of copying them as
     * {@link #fromStorage} does: for a result that is only written out, or an {@code object} the caller
     * owns and no longer needs. Changing one changes the other.
     */
    default ObjectNode fromStorageSharing(ObjectNode object, ResourceDefinition def, String toVersion) {
      return fromStorage(object, def, toVersion);
    }
  }

  /** Builds {@code Table} objects. */
  public interface Tables {
    ObjectNode table(ResourceDefinition def, List<ObjectNode> items, String includeObject, String resourceVersion, String continueToken,
        Long remaining, java.time.Instant now, boolean withColumns);
  }

  /** Finds unknown fields of a decoded object: returns their messages ({@code unknown field "spec.foo"}) and prunes them. */
  public interface UnknownFieldCheck {
    List<String> pruneUnknown(ObjectNode object, GroupVersionKind kind);

    /** The decoding error for a value of the wrong JSON type ({@code json: cannot unmarshal ...}), if any. */
    default java.util.Optional<String> typeMismatch(ObjectNode object, GroupVersionKind kind) {
      return java.util.Optional.empty();
    }
  }

  void checkUnknownFields(ObjectNode object, GroupVersionKind kind, String fieldValidation, List<String> warnings) {
    // a mistyped value fails decoding before any field validation, whatever fieldValidation asks for
    unknownFields.typeMismatch(object, kind).ifPresent(message -> {
      throw ApiException.badRequest(kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a " + kind.kind() + ": " + message);
    });
    if (fieldValidation.equals("Ignore")) {
      unknownFields.pruneUnknown(object, kind);
      return;
    }
    var unknown = unknownFields.pruneUnknown(object, kind);
    if (unknown.isEmpty()) {
      return;
    }
    if (fieldValidation.equals("Strict")) {
      var message = unknown.size() == 1 ? unknown.getFirst() : String.join(", ", unknown);
      throw ApiException.badRequest(kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a " + kind.kind()
          + ": strict decoding error: " + message);
    }
    warnings.addAll(unknown);
  }

  ObjectNode toStorage(ObjectNode object, ResourceDefinition def, String version) {
    return conversion.toStorage(object, def, version);
  }

  public ObjectNode fromStorage(ObjectNode object, ResourceDefinition def, String version) {
    return conversion.fromStorage(object, def, version);
  }

  /** {@link Conversion#fromStorageSharing}: for a result only written out, or an object the caller owns and gives up. */
  public ObjectNode fromStorageSharing(ObjectNode object, ResourceDefinition def, String version) {
    return conversion.fromStorageSharing(object, def, version);
  }

  /** Sends one object in the representation the request's {@code Accept} asks for. */
  public void sendObject(ApiRequest request, ResponseSink sink, int status, ResourceDefinition def, String version, ObjectNode stored, List<String> warnings) {
    var accept = request.header("accept");
    checkAcceptable(accept);
    var representation = MediaTypes.representation(accept);
    ObjectNode body = switch (representation) {
      case TABLE -> {
        var object = fromStorage(stored, def, version);
        yield tables.table(def, List.of(object), request.param("includeObject", "Metadata"), Metadata.resourceVersion(object), "", null,
            clock.instant(), true);
      }
      case PARTIAL_METADATA -> partial(fromStorageSharing(stored, def, version));
      case OBJECT -> fromStorageSharing(stored, def, version);
    };
    send(sink, status, accept, body, warnings);
  }

  /** Sends a list in the representation the request's {@code Accept} asks for. */
  public void sendList(ApiRequest request, ResponseSink sink, ResourceDefinition def, String version, ResourceStore.Page page) {
    var accept = request.header("accept");
    checkAcceptable(accept);
    var items = page.items().stream().map(o -> fromStorage(o, def, version)).toList();
    var rv = String.valueOf(page.resourceVersion());
    ObjectNode body = switch (MediaTypes.representation(accept)) {
      case TABLE -> tables.table(def, items, request.param("includeObject", "Metadata"), rv, page.continueToken(), page.remainingItemCount(),
          clock.instant(), true);
      case PARTIAL_METADATA -> {
        var list = listEnvelope("meta.k8s.io/v1", "PartialObjectMetadataList", rv, page);
        var array = list.putArray("items");
        items.forEach(i -> array.add(partial(i)));
        yield list;
      }
      case OBJECT -> {
        var list = listEnvelope(def.kindIn(version).apiVersion(), def.listKind(), rv, page);
        var array = list.putArray("items");
        for (var i : items) {
          var copy = i.deepCopy();
          copy.remove("apiVersion");
          copy.remove("kind");
          // upstream's typed lists omit apiVersion and kind on items; clients fill them in
          var ordered = Json.object();
          ordered.set("metadata", copy.get("metadata"));
          copy.remove("metadata");
          ordered.setAll(copy);
          array.add(ordered);
        }
        yield list;
      }
    };
    send(sink, 200, accept, body, List.of());
  }

  private static ObjectNode listEnvelope(String apiVersion, String kind, String rv, ResourceStore.Page page) {
    var list = Json.object();
    list.put("kind", kind).put("apiVersion", apiVersion);
    var meta = list.putObject("metadata");
    meta.put("resourceVersion", rv);
    if (!page.continueToken().isEmpty()) {
      meta.put("continue", page.continueToken());
    }
    if (page.remainingItemCount() != null) {
      meta.put("remainingItemCount", page.remainingItemCount());
    }
    return list;
  }

  static ObjectNode partial(ObjectNode object) {
    var p = Json.object();
    p.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
    p.set("metadata", object.get("metadata"));
    return p;
  }

  Tables tables() {
    return tables;
  }

  private static void checkAcceptable(String accept) {
    if (!MediaTypes.acceptable(accept)) {
      throw new ApiException(ApiException.Reason.NOT_ACCEPTABLE, 406,
          "only the following media types are accepted: application/json, application/yaml", ApiException.Details.NONE);
    }
  }

  private static void send(ResponseSink sink, int status, String accept, ObjectNode body, List<String> warnings) {
    var headers = ResourceHandler.warningHeaders(warnings);
    if (MediaTypes.wantsYaml(accept)) {
      sink.send(status, MediaTypes.YAML, yaml(body), headers);
    } else {
      sink.send(status, MediaTypes.JSON, Json.bytes(body), headers);
    }
  }

  private static byte[] yaml(ObjectNode body) {
    try {
      return new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
