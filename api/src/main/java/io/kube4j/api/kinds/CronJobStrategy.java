package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * batch/v1 CronJobs: concurrency and history defaults, a parseable schedule (time zones through {@code timeZone},
 * not a TZ= prefix, on new objects), names short enough for the Jobs they create, and a valid job template.
 */
final class CronJobStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  /** Job names get an 11-character suffix, and must stay within 63 characters. */
  static final int MAX_NAME_LENGTH = 52;
  private static final FieldPath SPEC = FieldPath.root("spec");

  CronJobStrategy(ResourceDefinition definition) {
    super(definition, (name, prefix) -> {
      var msgs = new ArrayList<>(NameRule.DNS_SUBDOMAIN.check(name, prefix));
      if (!prefix && name.length() > MAX_NAME_LENGTH) {
        msgs.add(Names.maxLenError(MAX_NAME_LENGTH));
      }
      return msgs;
    });
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    Json.putIfEmpty(spec, "concurrencyPolicy", "Allow");
    Json.putIfAbsent(spec, "suspend", false);
    Json.putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
    Json.putIfAbsent(spec, "failedJobsHistoryLimit", 1);
    var jobTemplate = Json.object(spec, "jobTemplate");
    var jobSpec = Json.object(jobTemplate, "spec");
    if (jobSpec != null) {
      PodTemplates.applyDefaults(jobSpec);
    }
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    object.putObject("status");
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var schedule = Json.text(spec, "schedule");
    validateSchedule(schedule, false, errs);
    validateRest(spec, errs);
  }

  @Override
  void validateUpdatedObject(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var schedule = Json.text(spec, "schedule");
    // A schedule that already had a TZ= prefix may keep it, so old objects stay updatable.
    var oldSchedule = Json.text(Json.object(old, "spec"), "schedule");
    validateSchedule(schedule, schedule.equals(oldSchedule), errs);
    validateRest(spec, errs);
  }

  private static void validateSchedule(String schedule, boolean allowTimeZonePrefix, List<FieldError> errs) {
    var path = SPEC.child("schedule").value();
    if (schedule.isEmpty()) {
      errs.add(FieldError.required(path, ""));
      return;
    }
    if (!allowTimeZonePrefix && CronSchedule.hasTimeZonePrefix(schedule)) {
      errs.add(FieldError.invalid(path, schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
      return;
    }
    try {
      CronSchedule.parse(schedule);
    } catch (CronSchedule.ParseException e) {
      errs.add(FieldError.invalid(path, schedule, e.getMessage()));
    }
  }

  private static void validateRest(ObjectNode spec, List<FieldError> errs) {
    var timeZone = Json.get(spec, "timeZone");
    if (timeZone != null) {
      var tz = timeZone.asText();
      if (tz.isEmpty() || tz.equalsIgnoreCase("Local")) {
        errs.add(FieldError.invalid(SPEC.child("timeZone").value(), tz,
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
      } else {
        try {
          ZoneId.of(tz);
        } catch (DateTimeException e) {
          errs.add(FieldError.invalid(SPEC.child("timeZone").value(), tz, "unknown time zone " + tz));
        }
      }
    }
    var policy = Json.text(spec, "concurrencyPolicy");
    if (policy.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("concurrencyPolicy").value(), ""));
    } else {
      Checks.oneOf(spec, "concurrencyPolicy", SPEC, List.of("Allow", "Forbid", "Replace"), errs);
    }
    for (String f : List.of("startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit")) {
      Checks.nonNegative(spec, f, SPEC, errs);
    }
    var jobTemplate = Json.object(spec, "jobTemplate");
    var jp = SPEC.child("jobTemplate");
    if (jobTemplate == null) {
      errs.add(FieldError.required(jp.value(), ""));
      return;
    }
    errs.addAll(io.kube4j.api.validation.ObjectMetaValidation.validateCommon(Json.object(jobTemplate, "metadata"),
        jp.child("metadata")));
    var jobSpec = Json.object(jobTemplate, "spec");
    if (Json.has(jobSpec, "selector") && !Json.bool(jobSpec, "manualSelector")) {
      errs.add(FieldError.invalid(jp.child("spec", "selector").value(), new Json.Rendered(Json.get(jobSpec, "selector").toString()),
          "`selector` will be auto-generated"));
    }
    JobSpecs.validate(jobSpec, jp.child("spec"), errs);
  }

  @Override
  public List<String> warnings(ObjectNode object) {
    var warnings = new ArrayList<>(super.warnings(object));
    var schedule = Json.text(Json.object(object, "spec"), "schedule");
    if (schedule.contains("?")) {
      warnings.add("spec.schedule: Non-standard schedule with '?' is deprecated, use '*' instead");
    }
    return warnings;
  }
}
