package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/**
 * Strategies of the small kinds whose rules fit in a few lines: Lease, ControllerRevision, RuntimeClass, CSIDriver,
 * VolumeAttachment.
 */
final class SmallKindStrategies {
  private SmallKindStrategies() {}

  /** coordination.k8s.io/v1 Leases: positive durations, non-negative transition counts. */
  static final class Lease extends KindStrategy {
    Lease(ResourceDefinition definition) {
      super(definition, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validateObject(ObjectNode object, List<FieldError> errs) {
      var spec = Json.object(object, "spec");
      Checks.positive(spec, "leaseDurationSeconds", FieldPath.root("spec"), errs);
      Checks.nonNegative(spec, "leaseTransitions", FieldPath.root("spec"), errs);
      Checks.oneOf(spec, "strategy", FieldPath.root("spec"), List.of("OldestEmulationVersion"), errs);
    }
  }

  /** apps/v1 ControllerRevisions: a non-negative revision and data that never changes. */
  static final class ControllerRevision extends KindStrategy {
    ControllerRevision(ResourceDefinition definition) {
      super(definition, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validateObject(ObjectNode object, List<FieldError> errs) {
      Checks.nonNegative(object, "revision", FieldPath.root(""), errs);
    }

    @Override
    void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
      Checks.immutable(Json.get(object, "data"), Json.get(old, "data"), FieldPath.root("data"), errs);
    }
  }

  /** node.k8s.io/v1 RuntimeClasses: a DNS-label handler that never changes. */
  static final class RuntimeClass extends KindStrategy {
    RuntimeClass(ResourceDefinition definition) {
      super(definition, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validateObject(ObjectNode object, List<FieldError> errs) {
      var handler = Json.text(object, "handler");
      if (handler.isEmpty()) {
        errs.add(FieldError.required("handler", ""));
      } else {
        Checks.format(handler, FieldPath.root("handler"), Names::dns1123Label, errs);
      }
      var scheduling = Json.object(object, "scheduling");
      if (scheduling != null) {
        errs.addAll(io.kube4j.api.validation.ObjectMetaValidation.labels(Json.get(scheduling, "nodeSelector"),
            FieldPath.root("scheduling").child("nodeSelector")));
        PodSpecValidation.validateTolerations(Json.objects(scheduling, "tolerations"),
            FieldPath.root("scheduling").child("tolerations"), errs);
      }
    }

    @Override
    void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
      Checks.immutable(Json.get(object, "handler"), Json.get(old, "handler"), FieldPath.root("handler"), errs);
    }
  }

  /** storage.k8s.io/v1 CSIDrivers: upstream's defaults for every optional behaviour flag. */
  static final class CsiDriver extends KindStrategy {
    CsiDriver(ResourceDefinition definition) {
      super(definition, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public void applyDefaults(ObjectNode object) {
      var spec = Json.objectOrCreate(object, "spec");
      Json.putIfAbsent(spec, "attachRequired", true);
      Json.putIfAbsent(spec, "podInfoOnMount", false);
      Json.putIfAbsent(spec, "storageCapacity", false);
      Json.putIfEmpty(spec, "fsGroupPolicy", "ReadWriteOnceWithFSType");
      if (Json.size(spec, "volumeLifecycleModes") == 0) {
        spec.putArray("volumeLifecycleModes").add("Persistent");
      }
      Json.putIfAbsent(spec, "requiresRepublish", false);
      Json.putIfAbsent(spec, "seLinuxMount", false);
    }

    @Override
    void validateObject(ObjectNode object, List<FieldError> errs) {
      var spec = Json.object(object, "spec");
      var path = FieldPath.root("spec");
      Checks.oneOf(spec, "fsGroupPolicy", path, List.of("File", "None", "ReadWriteOnceWithFSType"), errs);
      for (String mode : Json.strings(spec, "volumeLifecycleModes")) {
        if (!List.of("Ephemeral", "Persistent").contains(mode)) {
          errs.add(FieldError.notSupported(path.child("volumeLifecycleModes").value(), mode, List.of("Ephemeral", "Persistent")));
        }
      }
    }

    @Override
    void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
      Checks.immutable(Json.get(Json.object(object, "spec"), "attachRequired"),
          Json.get(Json.object(old, "spec"), "attachRequired"), FieldPath.root("spec").child("attachRequired"), errs);
    }
  }

  /** storage.k8s.io/v1 VolumeAttachments: an attacher, a node and exactly one source; the spec never changes. */
  static final class VolumeAttachment extends KindStrategy {
    VolumeAttachment(ResourceDefinition definition) {
      super(definition, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    void validateObject(ObjectNode object, List<FieldError> errs) {
      var spec = Json.object(object, "spec");
      var path = FieldPath.root("spec");
      Checks.required(spec, "attacher", path, errs);
      Checks.required(spec, "nodeName", path, errs);
      var source = Json.object(spec, "source");
      boolean pv = !Json.text(source, "persistentVolumeName").isEmpty();
      boolean inline = Json.has(source, "inlineVolumeSpec");
      if (pv == inline) {
        errs.add(FieldError.forbidden(path.child("source").value(),
            "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
      }
    }

    @Override
    void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
      if (!Checks.sameJson(Json.get(object, "spec"), Json.get(old, "spec"))) {
        errs.add(FieldError.invalid("spec", new Json.Rendered(String.valueOf(Json.get(object, "spec"))), "field is immutable"));
      }
    }
  }
}
