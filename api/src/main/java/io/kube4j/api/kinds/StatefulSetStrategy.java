package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.IntOrString;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/**
 * apps/v1 StatefulSets: ordered pod management, rolling updates from partition 0, claim retention, claim template
 * defaults, and the short list of spec fields an update may change.
 */
final class StatefulSetStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> UPDATABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
      "persistentVolumeClaimRetentionPolicy", "minReadySeconds");
  private static final List<String> RETENTION = List.of("Delete", "Retain");

  StatefulSetStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    Json.putIfEmpty(spec, "podManagementPolicy", "OrderedReady");
    var update = Json.objectOrCreate(spec, "updateStrategy");
    Json.putIfEmpty(update, "type", "RollingUpdate");
    if (Json.text(update, "type").equals("RollingUpdate")) {
      Json.putIfAbsent(Json.objectOrCreate(update, "rollingUpdate"), "partition", 0);
    }
    var retention = Json.objectOrCreate(spec, "persistentVolumeClaimRetentionPolicy");
    Json.putIfEmpty(retention, "whenDeleted", "Retain");
    Json.putIfEmpty(retention, "whenScaled", "Retain");
    Json.putIfAbsent(spec, "replicas", 1);
    Json.putIfAbsent(spec, "revisionHistoryLimit", 10);
    for (ObjectNode claim : Json.objects(spec, "volumeClaimTemplates")) {
      Json.putIfEmpty(claim, "apiVersion", "v1");
      Json.putIfEmpty(claim, "kind", "PersistentVolumeClaim");
      PersistentVolumeClaimStrategy.defaultClaim(claim);
    }
    PodTemplates.applyDefaults(spec);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    Checks.oneOf(spec, "podManagementPolicy", SPEC, List.of("OrderedReady", "Parallel"), errs);
    var update = Json.object(spec, "updateStrategy");
    var up = SPEC.child("updateStrategy");
    var type = Json.text(update, "type");
    switch (type) {
      case "OnDelete" -> {
        if (Json.has(update, "rollingUpdate")) {
          errs.add(FieldError.invalid(up.child("rollingUpdate").value(), new Json.Rendered(Json.get(update, "rollingUpdate").toString()),
              "only allowed for updateStrategy 'RollingUpdate'"));
        }
      }
      case "RollingUpdate" -> {
        var rolling = Json.object(update, "rollingUpdate");
        Checks.nonNegative(rolling, "partition", up.child("rollingUpdate"), errs);
        var maxUnavailable = Json.get(rolling, "maxUnavailable");
        if (maxUnavailable != null) {
          errs.addAll(IntOrString.validatePositiveOrPercent(maxUnavailable, up.child("rollingUpdate", "maxUnavailable")));
          if (IntOrString.isZero(maxUnavailable)) {
            errs.add(FieldError.invalid(up.child("rollingUpdate", "maxUnavailable").value(), Json.goValue(maxUnavailable),
                "must be greater than 0"));
          }
          errs.addAll(IntOrString.validateNotMoreThan100Percent(maxUnavailable, up.child("rollingUpdate", "maxUnavailable")));
        }
      }
      case "" -> errs.add(FieldError.required(up.value(), ""));
      default -> errs.add(FieldError.notSupported(up.child("type").value(), type, List.of("OnDelete", "RollingUpdate")));
    }
    var retention = Json.object(spec, "persistentVolumeClaimRetentionPolicy");
    var rp = SPEC.child("persistentVolumeClaimRetentionPolicy");
    Checks.oneOf(retention, "whenDeleted", rp, RETENTION, errs);
    Checks.oneOf(retention, "whenScaled", rp, RETENTION, errs);
    Checks.nonNegative(spec, "revisionHistoryLimit", SPEC, errs);
    var ordinals = Json.object(spec, "ordinals");
    Checks.nonNegative(ordinals, "start", SPEC.child("ordinals"), errs);
    var serviceName = Json.text(spec, "serviceName");
    if (!serviceName.isEmpty()) {
      Checks.format(serviceName, SPEC.child("serviceName"), io.kube4j.api.validation.Names::dns1123Label, errs);
    }
    Workloads.validateCommon(spec, SPEC, "statefulset", "StatefulSet", errs);
    var claims = Json.objects(spec, "volumeClaimTemplates");
    for (int i = 0; i < claims.size(); i++) {
      var cp = SPEC.child("volumeClaimTemplates").index(i);
      var name = Json.text(Json.object(claims.get(i), "metadata"), "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(cp.child("metadata", "name").value(), "name or generateName is required"));
      } else {
        Checks.format(name, cp.child("metadata", "name"), io.kube4j.api.validation.Names::dns1123Subdomain, errs);
      }
      PersistentVolumeClaimStrategy.validateClaimSpec(Json.object(claims.get(i), "spec"), cp.child("spec"), errs);
    }
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Workloads.validateStatusCounts(object, List.of("replicas", "readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas"), errs);
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var now = Json.objectOrCreate(object.deepCopy(), "spec").deepCopy();
    var before = Json.objectOrCreate(old.deepCopy(), "spec").deepCopy();
    for (String field : UPDATABLE) {
      now.remove(field);
      before.remove(field);
    }
    if (!Json.sameValue(PodStrategy.normalized(now), PodStrategy.normalized(before))) {
      errs.add(FieldError.forbidden(SPEC.value(), "updates to statefulset spec for fields other than 'replicas', "
          + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' "
          + "are forbidden"));
    }
  }
}
