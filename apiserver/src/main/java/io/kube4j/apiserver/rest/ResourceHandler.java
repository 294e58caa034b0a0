package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.MediaTypes;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.http.ResponseSink;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.DeleteOptions;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.registry.WriteOptions;
import io.kube4j.machinery.errors.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves the verbs of one resource request over a {@link ResourceStore}: decoding and checking the
 * body, query parameters, content negotiation (objects, tables, partial metadata, YAML), and the
 * subresources {@code status}, {@code scale}, {@code binding} and {@code eviction}.
 */
public final class ResourceHandler {

  private static final Set<String> FIELD_VALIDATION = Set.of("Strict", "Warn", "Ignore", "");

  private final Representations representations;
  private final Watches watches;
  private final Patching patching;
  private final Selection selection;
  private final Eviction eviction;

  public ResourceHandler(Representations representations, Watches watches, Patching patching, Selection selection, Eviction eviction) {
    this.representations = representations;
    this.eviction = eviction;
    this.watches = watches;
    this.patching = patching;
    this.selection = selection;
  }

  public void handle(ApiRequest request, RequestInfo info, ResourceStore store, ResponseSink sink) throws Exception {
    var def = store.definition();
    var sub = info.subresource();
    if (!sub.isEmpty() && !def.hasSubresource(sub)) {
      // upstream has no route for it: the generic 404, not an object's NotFound (kubectl scale job says this)
      throw new ApiException(ApiException.Reason.NOT_FOUND, 404, "the server could not find the requested resource", ApiException.Details.NONE);
    }
    if (def.namespaced() && info.namespace().isEmpty() && !info.name().isEmpty()) {
      throw ApiException.notFound(def.group(), def.resource(), info.name());
    }
    var ns = def.namespaced() ? info.namespace() : "";
    if (info.name().isEmpty() && (info.verb().equals("update") || info.verb().equals("patch"))) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    switch (sub) {
      case "" -> handleMain(request, info, store, ns, sink);
      case "status" -> handleStatus(request, info, store, ns, sink);
      case "scale" -> Scale.handle(request, info, store, ns, sink, this);
      case "binding" -> Binding.handle(request, info, store, ns, sink, this);
      case "eviction" -> eviction.handle(request, info, store, ns, sink);
      case "finalize" -> finalizeNamespace(request, info, store, sink);
      default -> throw new ApiException(ApiException.Reason.BAD_REQUEST, 400,
          def.resource() + "/" + sub + " is served by the node agent, which is not part of this server yet", ApiException.Details.NONE);
    }
  }

  private void handleMain(ApiRequest request, RequestInfo info, ResourceStore store, String ns, ResponseSink sink) throws Exception {
    var def = store.definition();
    var version = info.version();
    switch (info.verb()) {
      case "get" -> representations.sendObject(request, sink, 200, def, version, store.get(ns, info.name()), List.of());
      case "list" -> {
        var options = listOptions(request, store);
        var page = store.list(ns, options);
        representations.sendList(request, sink, def, version, page);
      }
      case "watch" -> watches.serve(request, info, store, ns, listOptions(request, store), sink);
      case "create" -> {
        if (!info.name().isEmpty()) {
          throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        var warnings = new ArrayList<String>();
        var body = decodeBody(request, def, version, warnings);
        checkNamespace(body, ns, true);
        var options = writeOptions(request, "create");
        var created = store.create(ns, body, options);
        warnings.addAll(store.strategy().warnings(created));
        representations.sendObject(request, sink, 201, def, version, created, warnings);
      }
      case "update" -> {
        var warnings = new ArrayList<String>();
        var body = decodeBody(request, def, version, warnings);
        checkNamespace(body, ns, false);
        checkName(body, info.name());
        var options = writeOptions(request, "update");
        var result = store.update(ns, info.name(), "", current -> body, createOnUpdate(def), options);
        warnings.addAll(writeWarnings(store, result));
        representations.sendObject(request, sink, result.created() ? 201 : 200, def, version, result.object(), warnings);
      }
      case "patch" -> {
        var warnings = new ArrayList<String>();
        var result = patching.patch(request, info, store, ns, "", writeOptions(request, "patch"), warnings);
        warnings.addAll(writeWarnings(store, result));
        representations.sendObject(request, sink, result.created() ? 201 : 200, def, version, result.object(), warnings);
      }
      case "delete" -> {
        var options = deleteOptions(request);
        var result = store.delete(ns, info.name(), options);
        if (result.gone() && !returnsDeletedObject(def)) {
          Json.mapper();
          io.kube4j.apiserver.http.Responses.json(sink, 200,
              io.kube4j.apiserver.http.Responses.success(info.name(), def.group(), def.resource(), Metadata.uid(result.object())));
        } else {
          representations.sendObject(request, sink, result.gone() ? 200 : 200, def, version, result.object(), List.of());
        }
      }
      case "deletecollection" -> {
        var listOptions = listOptions(request, store);
        var deleteOptions = deleteOptions(request);
        var deleted = new ArrayList<ObjectNode>();
        for (var item : store.list(ns, listOptions).items()) {
          try {
            deleted.add(store.delete(Metadata.namespace(item), Metadata.name(item), deleteOptions).object());
          } catch (ApiException e) {
            if (e.reason() != ApiException.Reason.NOT_FOUND) {
              throw e;
            }
          }
        }
        representations.sendList(request, sink, def, version, new ResourceStore.Page(deleted, store.storage().currentRevision(), "", null));
      }
      default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }

  private void handleStatus(ApiRequest request, RequestInfo info, ResourceStore store, String ns, ResponseSink sink) throws Exception {
    var def = store.definition();
    switch (info.verb()) {
      case "get" -> representations.sendObject(request, sink, 200, def, info.version(), store.get(ns, info.name()), List.of());
      case "update" -> {
        var warnings = new ArrayList<String>();
        var body = decodeBody(request, def, info.version(), warnings);
        checkName(body, info.name());
        var result = store.update(ns, info.name(), "status", current -> body, false, writeOptions(request, "update"));
        representations.sendObject(request, sink, 200, def, info.version(), result.object(), warnings);
      }
      case "patch" -> {
        var warnings = new ArrayList<String>();
        var result = patching.patch(request, info, store, ns, "status", writeOptions(request, "patch"), warnings);
        representations.sendObject(request, sink, 200, def, info.version(), result.object(), warnings);
      }
      default -> throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
  }

  /** {@code PUT /api/v1/namespaces/NAME/finalize}: replaces {@code spec.finalizers} only. */
  private void finalizeNamespace(ApiRequest request, RequestInfo info, ResourceStore store, ResponseSink sink) {
    if (!info.verb().equals("update")) {
      throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }
    var body = decodeBody(request, store.definition(), info.version(), new ArrayList<>());
    checkName(body, info.name());
    var rv = Metadata.resourceVersion(body);
    var result = store.update("", info.name(), "finalize", current -> {
      var spec = current.get("spec") instanceof ObjectNode s ? s : current.putObject("spec");
      var finalizers = body.path("spec").path("finalizers");
      if (finalizers.isArray()) {
        spec.set("finalizers", finalizers.deepCopy());
      } else {
        spec.remove("finalizers");
      }
      if (rv.isEmpty()) {
        Metadata.of(current).remove("resourceVersion");
      } else {
        Metadata.of(current).put("resourceVersion", rv);
      }
      return current;
    }, false, writeOptions(request, "update"));
    representations.sendObject(request, sink, 200, store.definition(), info.version(), result.object(), List.of());
  }

  /**
   * The kind's warnings (deprecated node labels, duplicate ports, ...) for an object a write created, as upstream's
   * {@code WarningsOnCreate}; and for an update that changed the generation (a workload's spec), as the workloads'
   * {@code WarningsOnUpdate} do. Other updates send none, as upstream does for pods and most kinds.
   */
  private static List<String> writeWarnings(ResourceStore store, ResourceStore.Written result) {
    if (result.created()) {
      return store.strategy().warnings(result.object());
    }
    if (result.previous() != null && store.strategy().tracksGeneration() && generation(result.object()) != generation(result.previous())) {
      return store.strategy().warnings(result.object());
    }
    return List.of();
  }

  private static long generation(ObjectNode object) {
    return object.path("metadata").path("generation").asLong(0);
  }

  /** Kinds whose PUT creates a missing object, as upstream allows (AllowCreateOnUpdate). */
  private static boolean createOnUpdate(ResourceDefinition def) {
    return switch (def.resource()) {
      case "endpoints", "events", "leases", "nodes", "limitranges", "configmaps" -> def.group().isEmpty() || def.group().equals("coordination.k8s.io")
          || def.group().equals("events.k8s.io");
      default -> false;
    };
  }

  private static boolean returnsDeletedObject(ResourceDefinition def) {
    return def.group().isEmpty() && (def.resource().equals("pods") || def.resource().equals("namespaces") || def.resource().equals("services"));
  }

  // ---- request decoding

  /**
   * Decodes a JSON or YAML body into an object of this resource's kind and version, applying the
   * request's {@code fieldValidation} to unknown fields.
   */
  ObjectNode decodeBody(ApiRequest request, ResourceDefinition def, String version, List<String> warnings) {
    var contentType = MediaTypes.base(request.header("content-type"));
    JsonNode node;
    try {
      node = switch (contentType) {
        case "", MediaTypes.JSON -> Json.parse(request.body());
        case MediaTypes.YAML -> Json.parseYaml(request.body());
        case io.kube4j.apiserver.protobuf.ProtobufBodies.MEDIA_TYPE -> io.kube4j.apiserver.protobuf.ProtobufBodies.decode(request.body(), def.kindIn(version), warnings);
        default -> throw new ApiException(ApiException.Reason.UNSUPPORTED_MEDIA_TYPE, 415,
            "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml", ApiException.Details.NONE);
      };
    } catch (IOException e) {
      throw ApiException.badRequest(decodeError(def, version, e));
    }
    if (!(node instanceof ObjectNode object)) {
      throw ApiException.badRequest("Object '" + def.kind() + "' is invalid: the request body must be a JSON object");
    }
    var expected = def.kindIn(version);
    var apiVersion = Metadata.text(object, "apiVersion");
    var kind = Metadata.text(object, "kind");
    if (!kind.isEmpty() && !kind.equals(def.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (" + def.kind() + ")");
    }
    if (!apiVersion.isEmpty() && !apiVersion.equals(expected.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion + ") does not match the expected API version (" + expected.apiVersion() + ")");
    }
    object.put("apiVersion", expected.apiVersion());
    object.put("kind", def.kind());
    if (!(object.get("metadata") instanceof ObjectNode) && object.has("metadata") && !object.get("metadata").isNull()) {
      throw ApiException.badRequest(def.kind() + " in version \"" + version + "\" cannot be handled as a " + def.kind() + ": metadata must be an object");
    }
    representations.checkUnknownFields(object, expected, fieldValidation(request), warnings);
    return representations.toStorage(object, def, version);
  }

  private static String decodeError(ResourceDefinition def, String version, IOException e) {
    var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    if (message.startsWith("Duplicate field")) {
      return def.kind() + " in version \"" + version + "\" cannot be handled as a " + def.kind() + ": strict decoding error: " + message;
    }
    return def.kind() + " in version \"" + version + "\" cannot be handled as a " + def.kind() + ": " + message;
  }

  static String fieldValidation(ApiRequest request) {
    var v = request.param("fieldValidation");
    if (!FIELD_VALIDATION.contains(v)) {
      throw ApiException.badRequest("fieldValidation parameter has unsupported value \"" + v + "\": must be one of Ignore, Warn, Strict");
    }
    return v.isEmpty() ? "Warn" : v;
  }

  private static void checkNamespace(ObjectNode body, String ns, boolean create) {
    var bodyNs = Metadata.namespace(body);
    if (!ns.isEmpty() && !bodyNs.isEmpty() && !bodyNs.equals(ns)) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
  }

  private static void checkName(ObjectNode body, String name) {
    var bodyName = Metadata.name(body);
    if (bodyName.isEmpty()) {
      Metadata.of(body).put("name", name);
    } else if (!bodyName.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
    }
  }

  WriteOptions writeOptions(ApiRequest request, String verb) {
    var dryRun = request.query().getOrDefault("dryRun", List.of());
    for (var d : dryRun) {
      if (!d.equals("All")) {
        throw ApiException.badRequest("Invalid dry run value: " + d + ": supported values: \"All\"");
      }
    }
    var manager = request.param("fieldManager");
    if (manager.length() > 128) {
      throw ApiException.invalid("", "PatchOptions", "", List.of(io.kube4j.api.validation.FieldError.tooLong("fieldManager", manager, 128)));
    }
    manager = io.kube4j.machinery.apply.ServerSideApply.managerName(manager, request.header("user-agent"));
    return new WriteOptions(!dryRun.isEmpty(), manager, request.flag("force"), false);
  }

  ListOptions listOptions(ApiRequest request, ResourceStore store) {
    var filter = selection.filter(request.param("labelSelector"), request.param("fieldSelector"), store);
    long limit = 0;
    var limitParam = request.param("limit");
    if (!limitParam.isEmpty()) {
      try {
        limit = Long.parseLong(limitParam);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid limit: " + limitParam);
      }
      if (limit < 0) {
        limit = 0;
      }
    }
    var rvMatch = request.param("resourceVersionMatch");
    if (!rvMatch.isEmpty() && !rvMatch.equals("NotOlderThan") && !rvMatch.equals("Exact")) {
      throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + rvMatch + "\": supported values: \"Exact\", \"NotOlderThan\", \"\"");
    }
    var continueToken = request.param("continue");
    var rv = request.param("resourceVersion");
    if (!continueToken.isEmpty() && !rv.isEmpty() && !rv.equals("0")) {
      throw ApiException.badRequest("specifying resource version is not allowed when using continue");
    }
    return new ListOptions(filter.predicate(), filter.selective(), limit, continueToken, rv, rvMatch);
  }

  static DeleteOptions deleteOptions(ApiRequest request) {
    Long grace = null;
    String policy = request.param("propagationPolicy");
    boolean dryRun = !request.query().getOrDefault("dryRun", List.of()).isEmpty();
    if (!request.param("gracePeriodSeconds").isEmpty()) {
      grace = parseLong(request.param("gracePeriodSeconds"), "gracePeriodSeconds");
    }
    if (request.flag("orphanDependents") && policy.isEmpty()) {
      policy = "Orphan";
    }
    var fromQuery = new DeleteOptions(grace, policy, "", "", dryRun);
    if (request.body().length == 0) {
      return nonNegativeGrace(fromQuery);
    }
    JsonNode body;
    try {
      body = Json.parse(request.body());
    } catch (IOException e) {
      throw ApiException.badRequest("invalid DeleteOptions: " + e.getMessage());
    }
    return deleteOptions(body, fromQuery);
  }

  /** A {@code DeleteOptions} object's settings over {@code base} (the query's); a negative grace period means 0, as upstream. */
  static DeleteOptions deleteOptions(JsonNode body, DeleteOptions base) {
    var grace = body.hasNonNull("gracePeriodSeconds") ? Long.valueOf(body.get("gracePeriodSeconds").asLong()) : base.gracePeriodSeconds();
    var policy = body.hasNonNull("propagationPolicy") ? body.get("propagationPolicy").asText() : base.propagationPolicy();
    if (body.path("orphanDependents").asBoolean(false) && policy.isEmpty()) {
      policy = "Orphan";
    }
    var dry = body.path("dryRun");
    boolean dryRun = base.dryRun() || (dry.isArray() && !dry.isEmpty());
    return nonNegativeGrace(new DeleteOptions(grace, policy, body.path("preconditions").path("uid").asText(""),
        body.path("preconditions").path("resourceVersion").asText(""), dryRun));
  }

  private static DeleteOptions nonNegativeGrace(DeleteOptions options) {
    if (options.gracePeriodSeconds() != null && options.gracePeriodSeconds() < 0) {
      return new DeleteOptions(0L, options.propagationPolicy(), options.preconditionUid(), options.preconditionResourceVersion(), options.dryRun());
    }
    return options;
  }

  private static long parseLong(String value, String name) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid " + name + ": " + value);
    }
  }

  Representations representations() {
    return representations;
  }

  /** Parsed selectors as a filter. */
  public record Filter(java.util.function.Predicate<ObjectNode> predicate, boolean selective) {}

  /** Turns the {@code labelSelector} and {@code fieldSelector} parameters into a filter. */
  public interface Selection {
    Filter filter(String labelSelector, String fieldSelector, ResourceStore store);
  }

  static Map<String, String> warningHeaders(List<String> warnings) {
    if (warnings.isEmpty()) {
      return Map.of();
    }
    var headers = new LinkedHashMap<String, String>();
    var sb = new StringBuilder();
    for (var w : warnings) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append("299 - \"").append(w.replace("\"", "\\\"")).append('"');
    }
    headers.put("Warning", sb.toString());
    return headers;
  }

  static GroupVersionKind gvk(ResourceDefinition def, String version) {
    return def.kindIn(version);
  }
}
