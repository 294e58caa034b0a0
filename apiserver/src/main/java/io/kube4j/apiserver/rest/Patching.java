package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.schema.Schema;
import io.kube4j.api.schema.SchemaCatalog;
import io.kube4j.api.validation.FieldError;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.MediaTypes;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.apiserver.registry.WriteOptions;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.machinery.patch.JsonPatch;
import io.kube4j.machinery.patch.MergePatch;
import io.kube4j.machinery.patch.StrategicMergePatch;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The PATCH verb: JSON patch, merge patch, strategic merge patch and server-side apply, each applied
 * to the current object in the requested version inside the store's guaranteed-update loop.
 */
public final class Patching {

  private final SchemaCatalog schemas;
  private final Representations representations;

  public Patching(SchemaCatalog schemas, Representations representations) {
    this.schemas = schemas;
    this.representations = representations;
  }

  ResourceStore.Written patch(ApiRequest request, RequestInfo info, ResourceStore store, String ns, String subresource, WriteOptions options,
      List<String> warnings) {
    var def = store.definition();
    var version = info.version();
    var type = MediaTypes.base(request.header("content-type"));
    var fieldValidation = ResourceHandler.fieldValidation(request);
    var schema = schemas.forKind(def.kindIn(version)).orElse(null);
    return switch (type) {
      case MediaTypes.JSON_PATCH -> {
        var patch = parse(request.body(), false);
        if (!patch.isArray()) {
          throw ApiException.badRequest("json: cannot unmarshal " + kindOf(patch) + " into Go value of type jsonpatch.Patch");
        }
        yield store.update(ns, info.name(), subresource, patched(def, version, fieldValidation, warnings, current -> asObject(JsonPatch.apply(current, patch))),
            false, options);
      }
      case MediaTypes.MERGE_PATCH -> {
        var patch = parse(request.body(), false);
        yield store.update(ns, info.name(), subresource, patched(def, version, fieldValidation, warnings, current -> asObject(MergePatch.apply(current, patch))),
            false, options);
      }
      case MediaTypes.STRATEGIC_MERGE_PATCH -> {
        var patch = parse(request.body(), false);
        yield store.update(ns, info.name(), subresource,
            patched(def, version, fieldValidation, warnings, current -> asObject(StrategicMergePatch.apply(current, patch, schema))), false, options);
      }
      case MediaTypes.APPLY_PATCH_YAML -> apply(request, info, store, ns, subresource, options, warnings, schema, fieldValidation);
      default -> throw ApiException.unsupportedMediaType(type);
    };
  }

  private ResourceStore.Written apply(ApiRequest request, RequestInfo info, ResourceStore store, String ns, String subresource, WriteOptions options,
      List<String> warnings, Schema schema, String fieldValidation) {
    var def = store.definition();
    var version = info.version();
    if (request.param("fieldManager").isEmpty()) {
      throw ApiException.invalid("meta.k8s.io", "PatchOptions", "",
          List.of(FieldError.required("fieldManager", "is required for apply patch")));
    }
    var body = parse(request.body(), true);
    if (!(body instanceof ObjectNode applied)) {
      throw ApiException.badRequest("error decoding YAML: the applied configuration must be an object");
    }
    var gvk = def.kindIn(version);
    if (!gvk.apiVersion().equals(Metadata.text(applied, "apiVersion")) || !def.kind().equals(Metadata.text(applied, "kind"))) {
      throw ApiException.badRequest("apiVersion and kind of the applied configuration must be \"" + gvk.apiVersion() + "\" and \"" + def.kind()
          + "\", got \"" + Metadata.text(applied, "apiVersion") + "\" and \"" + Metadata.text(applied, "kind") + "\"");
    }
    var name = Metadata.name(applied);
    if (!name.isEmpty() && !name.equals(info.name())) {
      throw ApiException.badRequest("the name of the object (" + name + ") does not match the name on the URL (" + info.name() + ")");
    }
    Metadata.of(applied).put("name", info.name());
    var appliedNs = Metadata.namespace(applied);
    if (!ns.isEmpty() && !appliedNs.isEmpty() && !appliedNs.equals(ns)) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    representations.checkUnknownFields(applied, gvk, fieldValidation, warnings);
    var manager = request.param("fieldManager");
    var now = store.now();
    return store.update(ns, info.name(), subresource, current -> {
      var live = current == null ? null : representations.fromStorageSharing(current, def, version); // current is a private copy
      var merged = store.fieldManager().apply(live, applied.deepCopy(), manager, subresource, options.force(), now);
      if (current == null) {
        Metadata.of(merged).remove("resourceVersion");
      } else if (Metadata.resourceVersion(applied).isEmpty()) {
        Metadata.of(merged).remove("resourceVersion"); // apply is unconditional unless the configuration pins a version
      }
      return representations.toStorage(merged, def, version);
    }, true, options.asApply());
  }

  /** Wraps a patch function: convert to the requested version, patch, check unknown fields, convert back. */
  private ResourceStore.Mutation patched(ResourceDefinition def, String version, String fieldValidation, List<String> warnings, UnaryOperator<ObjectNode> patch) {
    return current -> {
      var before = representations.fromStorageSharing(current, def, version); // current is a private copy
      Metadata.of(before).remove("resourceVersion");
      var after = patch.apply(before);
      var gvk = def.kindIn(version);
      if (!gvk.apiVersion().equals(Metadata.text(after, "apiVersion")) || !def.kind().equals(Metadata.text(after, "kind"))) {
        throw ApiException.badRequest("the patch must not change apiVersion or kind");
      }
      warnings.clear();
      representations.checkUnknownFields(after, gvk, fieldValidation, warnings);
      // a resourceVersion in the patch is a precondition; otherwise the patch applies to whatever is current
      return representations.toStorage(after, def, version);
    };
  }

  private static ObjectNode asObject(JsonNode node) {
    if (node instanceof ObjectNode o) {
      return o;
    }
    throw ApiException.badRequest("the patch result must be a JSON object");
  }

  private static JsonNode parse(byte[] body, boolean yaml) {
    try {
      return yaml ? Json.parseYaml(body) : Json.parse(body);
    } catch (IOException e) {
      throw ApiException.badRequest("error decoding patch: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String kindOf(JsonNode node) {
    return node.isObject() ? "object" : node.isTextual() ? "string" : node.isNumber() ? "number" : node.getNodeType().name().toLowerCase();
  }
}
