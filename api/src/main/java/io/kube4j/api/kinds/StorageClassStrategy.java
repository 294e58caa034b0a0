package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/** storage.k8s.io/v1 StorageClasses: Delete and Immediate by default; provisioner and parameters fixed once created. */
final class StorageClassStrategy extends KindStrategy {
  private static final FieldPath ROOT = FieldPath.root("");

  StorageClassStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    Json.putIfEmpty(object, "reclaimPolicy", "Delete");
    Json.putIfEmpty(object, "volumeBindingMode", "Immediate");
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var provisioner = Json.text(object, "provisioner");
    if (provisioner.isEmpty()) {
      errs.add(FieldError.required("provisioner", ""));
    } else {
      Checks.format(provisioner.toLowerCase(java.util.Locale.ROOT), FieldPath.root("provisioner"), Names::qualifiedName, errs);
    }
    Checks.oneOf(object, "reclaimPolicy", ROOT, List.of("Delete", "Retain"), errs);
    Checks.oneOf(object, "volumeBindingMode", ROOT, List.of("Immediate", "WaitForFirstConsumer"), errs);
    long total = 0;
    for (var e : Json.entries(object, "parameters")) {
      total += e.getKey().length() + e.getValue().length();
      if (e.getKey().isEmpty()) {
        errs.add(FieldError.invalid("parameters", e.getKey(), "key may not be empty"));
      }
    }
    if (total > 256 * 1024) {
      errs.add(FieldError.tooLong("parameters", "", 256 * 1024));
    }
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    for (String field : List.of("parameters", "provisioner", "reclaimPolicy")) {
      if (!Checks.sameJson(Json.get(object, field), Json.get(old, field))) {
        errs.add(FieldError.forbidden(field, "updates to " + field + " are forbidden."));
      }
    }
    Checks.immutable(Json.get(object, "volumeBindingMode"), Json.get(old, "volumeBindingMode"),
        FieldPath.root("volumeBindingMode"), errs);
  }
}
