package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/**
 * batch/v1 Jobs: upstream's defaults, the generated selector and pod labels tied to the Job's uid, OnFailure/Never
 * restart policies, and the spec fields an update may not change.
 *
 * <p>Like upstream, the selector is generated during validation of a create (as well as in prepareForCreate when the
 * uid is already known), because the registry assigns the uid only after prepareForCreate.
 */
final class JobStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  static final String JOB_NAME = "batch.kubernetes.io/job-name";
  static final String LEGACY_CONTROLLER_UID = "controller-uid";
  static final String LEGACY_JOB_NAME = "job-name";
  private static final FieldPath SPEC = FieldPath.root("spec");

  JobStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    if (!Json.has(spec, "completions") && !Json.has(spec, "parallelism")) {
      spec.put("completions", 1);
      spec.put("parallelism", 1);
    }
    Json.putIfAbsent(spec, "parallelism", 1);
    if (!Json.has(spec, "backoffLimit")) {
      spec.put("backoffLimit", Json.has(spec, "backoffLimitPerIndex") ? Integer.MAX_VALUE : 6);
    }
    var templateLabels = Json.object(Json.object(Json.object(spec, "template"), "metadata"), "labels");
    var meta = Json.objectOrCreate(object, "metadata");
    if (templateLabels != null && Json.size(meta, "labels") == 0) {
      meta.set("labels", templateLabels.deepCopy());
    }
    Json.putIfEmpty(spec, "completionMode", "NonIndexed");
    Json.putIfAbsent(spec, "suspend", false);
    var failurePolicy = Json.object(spec, "podFailurePolicy");
    if (failurePolicy != null) {
      for (ObjectNode rule : Json.objects(failurePolicy, "rules")) {
        for (ObjectNode pattern : Json.objects(rule, "onPodConditions")) {
          Json.putIfEmpty(pattern, "status", "True");
        }
      }
    }
    Json.putIfEmpty(spec, "podReplacementPolicy", failurePolicy != null ? "Failed" : "TerminatingOrFailed");
    Json.putIfAbsent(spec, "manualSelector", false);
    PodTemplates.applyDefaults(spec);
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    object.putObject("status");
    generateSelector(object);
  }

  /** Adds the uid selector and the job labels to the template unless the user chose a manual selector. */
  static void generateSelector(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    if (Json.bool(spec, "manualSelector")) {
      return;
    }
    var meta = Json.object(object, "metadata");
    var uid = Json.text(meta, "uid");
    if (uid.isEmpty()) {
      return;
    }
    var name = Json.text(meta, "name");
    var template = Json.objectOrCreate(spec, "template");
    var labels = Json.objectOrCreate(Json.objectOrCreate(template, "metadata"), "labels");
    Json.putIfAbsent(labels, CONTROLLER_UID, uid);
    Json.putIfAbsent(labels, JOB_NAME, name);
    Json.putIfAbsent(labels, LEGACY_CONTROLLER_UID, uid);
    Json.putIfAbsent(labels, LEGACY_JOB_NAME, name);
    var selector = Json.objectOrCreate(spec, "selector");
    var matchLabels = Json.objectOrCreate(selector, "matchLabels");
    Json.putIfAbsent(matchLabels, CONTROLLER_UID, uid);
    // Upstream's defaulting copies template labels to an unlabelled Job when it is next decoded (from storage),
    // so the stored Job is seen with them; copy them now so reads agree.
    var objectMeta = Json.objectOrCreate(object, "metadata");
    if (Json.size(objectMeta, "labels") == 0) {
      objectMeta.set("labels", labels.deepCopy());
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    generateSelector(object);
    var spec = Json.object(object, "spec");
    var selector = Json.object(spec, "selector");
    if (selector == null) {
      errs.add(FieldError.required(SPEC.child("selector").value(), ""));
    } else {
      PodTemplates.validateSelector(spec, SPEC, "job", errs);
      var uid = Json.text(Json.object(object, "metadata"), "uid");
      if (!Json.bool(spec, "manualSelector") && !uid.isEmpty()
          && !uid.equals(Json.text(Json.object(selector, "matchLabels"), CONTROLLER_UID))) {
        errs.add(FieldError.invalid(SPEC.child("selector").value(), new Json.Rendered(selector.toString()),
            "`selector` not auto-generated"));
      }
    }
    JobSpecs.validate(spec, SPEC, errs);
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Workloads.validateStatusCounts(object, List.of("active", "succeeded", "failed", "terminating", "ready"), errs);
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var oldSpec = Json.object(old, "spec");
    for (String field : List.of("selector", "completionMode", "podFailurePolicy", "backoffLimitPerIndex")) {
      Checks.immutable(Json.get(spec, field), Json.get(oldSpec, field), SPEC.child(field), errs);
    }
    if (!"Indexed".equals(Json.text(spec, "completionMode"))) {
      Checks.immutable(Json.get(spec, "completions"), Json.get(oldSpec, "completions"), SPEC.child("completions"), errs);
    }
    var template = Json.object(spec, "template");
    var oldTemplate = Json.object(oldSpec, "template");
    if (!Checks.sameJson(PodStrategy.normalized(template), PodStrategy.normalized(oldTemplate))) {
      // Upstream lets a suspended job that never started change scheduling directives; anything else is immutable.
      boolean schedulingOnly = false;
      if (template != null && oldTemplate != null && Json.bool(spec, "suspend")
          && !Json.has(Json.object(old, "status"), "startTime")) {
        var a = template.deepCopy();
        var b = oldTemplate.deepCopy();
        for (var t : List.of(a, b)) {
          var ts = Json.objectOrCreate(t, "spec");
          for (String f : List.of("nodeSelector", "tolerations", "affinity", "schedulingGates")) {
            ts.remove(f);
          }
          var m = Json.objectOrCreate(t, "metadata");
          m.remove("labels");
          m.remove("annotations");
        }
        schedulingOnly = Json.sameValue(PodStrategy.normalized(a), PodStrategy.normalized(b));
      }
      if (!schedulingOnly) {
        errs.add(FieldError.invalid(SPEC.child("template").value(), new Json.Rendered("core.PodTemplateSpec{...}"),
            "field is immutable"));
      }
    }
  }
}
