package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.LabelSelectorValidation;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/**
 * PersistentVolumeClaims: Filesystem volume mode and Pending phase by default; access modes and a storage request
 * required; after creation only the storage request (expansion) and the binding may change.
 */
final class PersistentVolumeClaimStrategy extends KindStrategy {
  static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
  private static final FieldPath SPEC = FieldPath.root("spec");

  PersistentVolumeClaimStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  /** Defaults of a claim, also used for StatefulSet claim templates. */
  static void defaultClaim(ObjectNode claim) {
    var spec = Json.objectOrCreate(claim, "spec");
    Json.putIfEmpty(spec, "volumeMode", "Filesystem");
    Quantities.canonicalizeList(Json.object(spec, "resources"), "requests");
    Quantities.canonicalizeList(Json.object(spec, "resources"), "limits");
    Quantities.canonicalizeList(Json.object(claim, "status"), "capacity");
    Json.putIfEmpty(Json.objectOrCreate(claim, "status"), "phase", "Pending");
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    defaultClaim(object);
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    var status = Json.NODES.objectNode();
    status.put("phase", "Pending");
    object.set("status", status);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    validateClaimSpec(Json.object(object, "spec"), SPEC, errs);
  }

  static void validateClaimSpec(JsonNode spec, FieldPath path, List<FieldError> errs) {
    var modes = Json.strings(spec, "accessModes");
    if (modes.isEmpty()) {
      errs.add(FieldError.required(path.child("accessModes").value(), "at least 1 access mode is required"));
    }
    for (String mode : modes) {
      if (!ACCESS_MODES.contains(mode)) {
        errs.add(FieldError.notSupported(path.child("accessModes").value(), mode, ACCESS_MODES));
      }
    }
    if (modes.contains("ReadWriteOncePod") && modes.size() > 1) {
      errs.add(FieldError.forbidden(path.child("accessModes").value(), "may not use ReadWriteOncePod with other access modes"));
    }
    var requests = Json.object(Json.object(spec, "resources"), "requests");
    var storage = Json.get(requests, "storage");
    var storagePath = path.child("resources").key("storage");
    if (storage == null) {
      errs.add(FieldError.required(storagePath.value(), ""));
    } else {
      var q = Checks.quantity(storage, storagePath, errs);
      if (q != null && q.signum() <= 0) {
        errs.add(FieldError.invalid(storagePath.value(), q.toString(), "must be greater than zero"));
      }
    }
    Checks.oneOf(spec, "volumeMode", path, List.of("Block", "Filesystem"), errs);
    Checks.subdomain(spec, "storageClassName", path, errs);
    errs.addAll(LabelSelectorValidation.validate(Json.get(spec, "selector"), path.child("selector")));
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var now = Json.objectOrCreate(object.deepCopy(), "spec");
    var before = Json.objectOrCreate(old.deepCopy(), "spec");
    for (var s : List.of(now, before)) {
      var resources = Json.object(s, "resources");
      if (resources != null) {
        resources.remove("requests");
      }
      s.remove("volumeAttributesClassName");
    }
    if (Json.text(before, "volumeName").isEmpty()) {
      now.remove("volumeName");
      before.remove("volumeName");
    }
    if (!Json.sameValue(PodStrategy.normalized(now), PodStrategy.normalized(before))) {
      errs.add(FieldError.forbidden(SPEC.value(),
          "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
    }
  }
}
