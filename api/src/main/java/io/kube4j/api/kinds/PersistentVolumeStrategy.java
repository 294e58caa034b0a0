package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/** PersistentVolumes: Retain and Filesystem by default, Pending until bound; capacity, access modes and one source required. */
final class PersistentVolumeStrategy extends KindStrategy {
  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> SOURCES = List.of("gcePersistentDisk", "awsElasticBlockStore", "hostPath",
      "glusterfs", "nfs", "rbd", "iscsi", "cinder", "cephfs", "fc", "flocker", "flexVolume", "azureFile",
      "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "local",
      "storageos", "csi");

  PersistentVolumeStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    Json.putIfEmpty(spec, "persistentVolumeReclaimPolicy", "Retain");
    Json.putIfEmpty(spec, "volumeMode", "Filesystem");
    Quantities.canonicalizeList(spec, "capacity");
    var hostPath = Json.object(spec, "hostPath");
    if (hostPath != null) {
      Json.putIfAbsent(hostPath, "type", "");
    }
    Json.putIfEmpty(Json.objectOrCreate(object, "status"), "phase", "Pending");
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    var status = Json.NODES.objectNode();
    status.put("phase", "Pending");
    object.set("status", status);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var modes = Json.strings(spec, "accessModes");
    if (modes.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("accessModes").value(), ""));
    }
    for (String mode : modes) {
      if (!PersistentVolumeClaimStrategy.ACCESS_MODES.contains(mode)) {
        errs.add(FieldError.notSupported(SPEC.child("accessModes").value(), mode, PersistentVolumeClaimStrategy.ACCESS_MODES));
      }
    }
    var capacity = Json.object(spec, "capacity");
    if (capacity == null || capacity.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("capacity").value(), ""));
    } else if (!capacity.has("storage") || capacity.size() != 1) {
      errs.add(FieldError.notSupported(SPEC.child("capacity").value(), capacity.propertyStream().map(e -> e.getKey()).toList().toString(),
          List.of("storage")));
    } else {
      var q = Checks.quantity(capacity.get("storage"), SPEC.child("capacity").key("storage"), errs);
      if (q != null && q.signum() <= 0) {
        errs.add(FieldError.invalid(SPEC.child("capacity").key("storage").value(), q.toString(), "must be greater than zero"));
      }
    }
    Checks.oneOf(spec, "persistentVolumeReclaimPolicy", SPEC, List.of("Delete", "Recycle", "Retain"), errs);
    Checks.oneOf(spec, "volumeMode", SPEC, List.of("Block", "Filesystem"), errs);
    Checks.subdomain(spec, "storageClassName", SPEC, errs);
    int sources = 0;
    for (String source : SOURCES) {
      if (Json.has(spec, source)) {
        sources++;
        if (sources > 1) {
          errs.add(FieldError.forbidden(SPEC.child(source).value(), "may not specify more than 1 volume type"));
        }
      }
    }
    if (sources == 0) {
      errs.add(FieldError.required(SPEC.value(), "must specify a volume type"));
    }
    var hostPath = Json.object(spec, "hostPath");
    if (hostPath != null && Json.text(hostPath, "path").isEmpty()) {
      errs.add(FieldError.required(SPEC.child("hostPath", "path").value(), ""));
    }
    var local = Json.object(spec, "local");
    if (local != null) {
      if (Json.text(local, "path").isEmpty()) {
        errs.add(FieldError.required(SPEC.child("local", "path").value(), ""));
      }
      if (!Json.has(spec, "nodeAffinity")) {
        errs.add(FieldError.required(SPEC.child("nodeAffinity").value(), "Local volume requires node affinity"));
      }
    }
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var now = Json.object(object, "spec");
    var before = Json.object(old, "spec");
    for (String source : SOURCES) {
      if (Json.has(before, source) && !Checks.sameJson(Json.get(now, source), Json.get(before, source))) {
        errs.add(FieldError.forbidden(SPEC.child("persistentvolumesource").value(), "spec.persistentvolumesource is immutable after creation"));
        break;
      }
    }
    Checks.immutable(Json.get(now, "volumeMode"), Json.get(before, "volumeMode"), SPEC.child("volumeMode"), errs);
  }
}
