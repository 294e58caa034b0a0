package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import java.util.List;

/** Validation of a Job spec, shared by Jobs and CronJob job templates. */
final class JobSpecs {

  private JobSpecs() {}

  static void validate(JsonNode spec, FieldPath path, List<FieldError> errs) {
    for (String f : List.of("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
        "ttlSecondsAfterFinished", "backoffLimitPerIndex", "maxFailedIndexes")) {
      Checks.nonNegative(spec, f, path, errs);
    }
    Checks.oneOf(spec, "completionMode", path, List.of("Indexed", "NonIndexed"), errs);
    if ("Indexed".equals(Json.text(spec, "completionMode")) && !Json.has(spec, "completions")) {
      errs.add(FieldError.required(path.child("completions").value(), "when completion mode is Indexed"));
    }
    Checks.oneOf(spec, "podReplacementPolicy", path, List.of("Failed", "TerminatingOrFailed"), errs);
    if (Json.has(spec, "podFailurePolicy") && Json.has(spec, "podReplacementPolicy")
        && !"Failed".equals(Json.text(spec, "podReplacementPolicy"))) {
      errs.add(FieldError.notSupported(path.child("podReplacementPolicy").value(), Json.text(spec, "podReplacementPolicy"),
          List.of("Failed")));
    }
    var template = Json.object(spec, "template");
    PodTemplates.validate(template, path.child("template"), errs);
    if (template != null) {
      var policy = Json.text(Json.object(template, "spec"), "restartPolicy");
      var policyPath = path.child("template", "spec", "restartPolicy").value();
      if (policy.isEmpty()) {
        errs.add(FieldError.required(policyPath, "valid values: \"OnFailure\", \"Never\""));
      } else if (!policy.equals("OnFailure") && !policy.equals("Never")) {
        errs.add(FieldError.notSupported(policyPath, policy, List.of("OnFailure", "Never")));
      }
    }
  }
}
