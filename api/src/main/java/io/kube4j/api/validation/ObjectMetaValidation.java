package io.kube4j.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Upstream's ObjectMeta validation (names, namespace scope, labels, annotations, owner references, finalizers) and
 * its update rules (what may not change once set). Field paths and messages are those of a 1.32 API server.
 */
public final class ObjectMetaValidation {

  /** Upstream's limit on the total size of all annotation keys and values. */
  public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  private static final FieldPath METADATA = FieldPath.root("metadata");

  private ObjectMetaValidation() {}

  /** Validates {@code object.metadata} of a new object of a kind with the given scope and name rule. */
  public static List<FieldError> validate(ObjectNode object, boolean namespaced, NameRule nameRule) {
    return validate(Json.object(object, "metadata"), METADATA, namespaced, nameRule);
  }

  /** Validates an ObjectMeta found at {@code path} (also used for the metadata of pod templates). */
  public static List<FieldError> validate(JsonNode meta, FieldPath path, boolean namespaced, NameRule nameRule) {
    var errs = new ArrayList<FieldError>();
    var generateName = Json.text(meta, "generateName");
    if (!generateName.isEmpty()) {
      for (String msg : nameRule.check(generateName, true)) {
        errs.add(FieldError.invalid(path.child("generateName").value(), generateName, msg));
      }
    }
    var name = Json.text(meta, "name");
    if (name.isEmpty()) {
      errs.add(FieldError.required(path.child("name").value(), "name or generateName is required"));
    } else {
      for (String msg : nameRule.check(name, false)) {
        errs.add(FieldError.invalid(path.child("name").value(), name, msg));
      }
    }
    errs.addAll(validateNamespaceScope(meta, path, namespaced));
    errs.addAll(validateCommon(meta, path));
    return errs;
  }

  /** Validates the parts of metadata that need no name: labels, annotations, owner references, finalizers. */
  public static List<FieldError> validateCommon(JsonNode meta, FieldPath path) {
    var errs = new ArrayList<FieldError>();
    var generation = Json.longValue(meta, "generation");
    if (generation != null && generation < 0) {
      errs.add(FieldError.invalid(path.child("generation").value(), generation, "must be greater than or equal to 0"));
    }
    errs.addAll(labels(Json.get(meta, "labels"), path.child("labels")));
    errs.addAll(annotations(Json.get(meta, "annotations"), path.child("annotations")));
    errs.addAll(ownerReferences(meta, path.child("ownerReferences")));
    errs.addAll(finalizers(Json.strings(meta, "finalizers"), path.child("finalizers")));
    return errs;
  }

  private static List<FieldError> validateNamespaceScope(JsonNode meta, FieldPath path, boolean namespaced) {
    var errs = new ArrayList<FieldError>();
    var namespace = Json.text(meta, "namespace");
    if (namespaced) {
      if (namespace.isEmpty()) {
        errs.add(FieldError.required(path.child("namespace").value(), ""));
      } else {
        for (String msg : Names.dns1123Label(namespace)) {
          errs.add(FieldError.invalid(path.child("namespace").value(), namespace, msg));
        }
      }
    } else if (!namespace.isEmpty()) {
      errs.add(FieldError.forbidden(path.child("namespace").value(), "not allowed on this type"));
    }
    return errs;
  }

  /** Label keys must be qualified names and values valid label values; errors point at the map, as upstream's do. */
  public static List<FieldError> labels(JsonNode labels, FieldPath path) {
    var errs = new ArrayList<FieldError>();
    if (!(labels instanceof ObjectNode o)) {
      return errs;
    }
    for (var e : o.properties()) {
      for (String msg : Names.qualifiedName(e.getKey())) {
        errs.add(FieldError.invalid(path.value(), e.getKey(), msg));
      }
      var value = e.getValue().isNull() ? "" : e.getValue().asText();
      for (String msg : Names.labelValue(value)) {
        errs.add(FieldError.invalid(path.value(), value, msg));
      }
    }
    return errs;
  }

  /** Annotation keys must be (case-insensitively) qualified names, and all of them together at most 256 KiB. */
  public static List<FieldError> annotations(JsonNode annotations, FieldPath path) {
    var errs = new ArrayList<FieldError>();
    if (!(annotations instanceof ObjectNode o)) {
      return errs;
    }
    long total = 0;
    for (var e : o.properties()) {
      for (String msg : Names.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
        errs.add(FieldError.invalid(path.value(), e.getKey(), msg));
      }
      total += Names.byteLength(e.getKey()) + Names.byteLength(e.getValue().asText());
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errs.add(FieldError.tooLong(path.value(), "", TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    return errs;
  }

  private static List<FieldError> ownerReferences(JsonNode meta, FieldPath path) {
    var errs = new ArrayList<FieldError>();
    var controllers = new ArrayList<String>();
    var refs = Json.objects(meta, "ownerReferences");
    for (int i = 0; i < refs.size(); i++) {
      var ref = refs.get(i);
      var p = path.index(i);
      var apiVersion = Json.text(ref, "apiVersion");
      var version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
      if (version.isEmpty()) {
        errs.add(FieldError.invalid(p.child("apiVersion").value(), apiVersion, "version must not be empty"));
      }
      if (Json.text(ref, "kind").isEmpty()) {
        errs.add(FieldError.invalid(p.child("kind").value(), "", "kind must not be empty"));
      }
      if (Json.text(ref, "name").isEmpty()) {
        errs.add(FieldError.invalid(p.child("name").value(), "", "name must not be empty"));
      }
      if (Json.text(ref, "uid").isEmpty()) {
        errs.add(FieldError.invalid(p.child("uid").value(), "", "uid must not be empty"));
      }
      if (Json.bool(ref, "controller")) {
        controllers.add(Json.text(ref, "kind") + "/" + Json.text(ref, "name"));
      }
    }
    if (controllers.size() > 1) {
      errs.add(FieldError.invalid(path.value(), new Json.Rendered(Json.get(meta, "ownerReferences").toString()),
          "Only one reference can have Controller set to true. Found \"true\" in references for "
              + String.join(" and ", controllers)));
    }
    return errs;
  }

  /** Finalizer names must be qualified names; orphan and foreground deletion exclude each other. */
  public static List<FieldError> finalizers(List<String> finalizers, FieldPath path) {
    var errs = new ArrayList<FieldError>();
    for (String f : finalizers) {
      for (String msg : Names.qualifiedName(f)) {
        errs.add(FieldError.invalid(path.value(), f, msg));
      }
    }
    if (finalizers.contains("orphan") && finalizers.contains("foregroundDeletion")) {
      errs.add(FieldError.invalid(path.value(), new Json.Rendered(goStrings(finalizers)),
          "finalizer orphan and foregroundDeletion cannot be both set"));
    }
    return errs;
  }

  /** Warnings upstream gives for finalizer names without a domain (other than the well-known ones). */
  public static List<String> finalizerWarnings(JsonNode object) {
    var warnings = new ArrayList<String>();
    var meta = Json.object(object, "metadata");
    var finalizers = Json.strings(meta, "finalizers");
    for (int i = 0; i < finalizers.size(); i++) {
      var f = finalizers.get(i);
      if (!f.contains("/") && !List.of("kubernetes", "orphan", "foregroundDeletion").contains(f)) {
        warnings.add("metadata.finalizers[" + i + "]: \"" + f + "\": prefer a domain-qualified finalizer name "
            + "including a path (/) to avoid accidental conflicts with other finalizer writers");
      }
    }
    return warnings;
  }

  /** Validates metadata of an update: the new metadata on its own, plus the fields that may not change. */
  public static List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    var meta = Json.object(object, "metadata");
    var oldMeta = Json.object(old, "metadata");
    var errs = new ArrayList<FieldError>(validateCommon(meta, METADATA));
    for (String field : List.of("name", "namespace", "uid")) {
      var now = Json.text(meta, field);
      var before = Json.text(oldMeta, field);
      // Like upstream, an update that omits the uid keeps the stored one (the registry copies it back).
      if (field.equals("uid") && now.isEmpty()) {
        continue;
      }
      if (!Objects.equals(now, before)) {
        errs.add(FieldError.invalid(METADATA.child(field).value(), now, "field is immutable"));
      }
    }
    // creationTimestamp is not an error either: upstream silently restores the stored value on every update.
    if (Json.has(oldMeta, "deletionTimestamp")) {
      var added = new LinkedHashSet<>(Json.strings(meta, "finalizers"));
      Json.strings(oldMeta, "finalizers").forEach(added::remove);
      if (!added.isEmpty()) {
        errs.add(FieldError.forbidden(METADATA.child("finalizers").value(),
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + goStrings(List.copyOf(added))));
      }
    }
    return errs;
  }

  static String goStrings(List<String> values) {
    var sb = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i > 0 ? ", " : "").append('"').append(values.get(i)).append('"');
    }
    return sb.append('}').toString();
  }
}
