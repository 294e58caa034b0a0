package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.LabelSelectorValidation;
import io.kube4j.api.validation.ObjectMetaValidation;
import java.util.List;

/** Defaulting and validation of the pod templates inside workloads ({@code spec.template}). */
final class PodTemplates {

  private PodTemplates() {}

  /** Applies pod-template defaults to {@code holder.template} if present. */
  static void applyDefaults(ObjectNode holder) {
    var template = Json.object(holder, "template");
    if (template != null) {
      PodSpecDefaults.applyToSpec(Json.objectOrCreate(template, "spec"));
    }
  }

  /** Validates a template at {@code path}: its labels and annotations, then its pod spec. */
  static void validate(JsonNode template, FieldPath path, List<FieldError> errs) {
    if (template == null) {
      errs.add(FieldError.required(path.value(), ""));
      return;
    }
    errs.addAll(ObjectMetaValidation.validateCommon(Json.object(template, "metadata"), path.child("metadata")));
    var spec = Json.object(template, "spec");
    PodSpecValidation.validate(spec, path.child("spec"), errs);
    if (Json.size(spec, "ephemeralContainers") > 0) {
      errs.add(FieldError.forbidden(path.child("spec", "ephemeralContainers").value(),
          "ephemeral containers not allowed in pod template"));
    }
  }

  /** The restart policy workloads other than jobs require. */
  static void requireRestartAlways(JsonNode template, FieldPath path, List<FieldError> errs) {
    var spec = Json.object(template, "spec");
    var policy = Json.text(spec, "restartPolicy");
    if (!policy.equals("Always") && spec != null) {
      errs.add(FieldError.notSupported(path.child("spec", "restartPolicy").value(), policy, List.of("Always")));
    }
  }

  /** Workloads that keep pods running forbid a deadline on them. */
  static void forbidActiveDeadline(JsonNode template, FieldPath path, String kind, List<FieldError> errs) {
    if (Json.has(Json.object(template, "spec"), "activeDeadlineSeconds")) {
      errs.add(FieldError.forbidden(path.child("spec", "activeDeadlineSeconds").value(),
          "activeDeadlineSeconds in " + kind + " is not Supported"));
    }
  }

  /** A workload's label selector: required, not empty, valid, and selecting the template's labels. */
  static void validateSelector(JsonNode spec, FieldPath specPath, String kind, List<FieldError> errs) {
    var selector = Json.get(spec, "selector");
    if (selector == null) {
      errs.add(FieldError.required(specPath.child("selector").value(), ""));
      return;
    }
    errs.addAll(LabelSelectorValidation.validate(selector, specPath.child("selector")));
    if (LabelSelectorValidation.isEmpty(selector)) {
      errs.add(FieldError.invalid(specPath.child("selector").value(), new Json.Rendered(selector.toString()),
          "empty selector is invalid for " + kind));
      return;
    }
    var template = Json.object(spec, "template");
    var labels = Json.get(Json.object(template, "metadata"), "labels");
    if (template != null && !LabelSelectorValidation.matches(selector, labels)) {
      errs.add(FieldError.invalid(specPath.child("template", "metadata", "labels").value(), Json.goStringMap(labels),
          "`selector` does not match template `labels`"));
    }
  }
}
