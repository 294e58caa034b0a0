package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/** Strategies of the small kinds whose rules fit in a few lines: Lease, ControllerRevision, RuntimeClass. */
final class SmallKindStrategies {

  private SmallKindStrategies() {}

  /** coordination.k8s.io/v1 Leases: positive durations, non-negative transition counts. */
  static final class Lease extends KindStrategy {
    Lease(ResourceDefinition definition) {
      super(definition, NameRule.DNS_SUBDOMAIN);
    }

    @Override
    public boolean tracksGeneration() {
      return false;
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
    public boolean tracksGeneration() {
      return false;
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
    public boolean tracksGeneration() {
      return false;
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
}
