package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/** ConfigMaps: valid keys, no key in both {@code data} and {@code binaryData}, at most 1 MiB, and the immutable lock. */
final class ConfigMapStrategy extends KindStrategy {
  ConfigMapStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var data = Json.object(object, "data");
    var binary = Json.object(object, "binaryData");
    long size = ConfigData.validateKeys(data, FieldPath.root("data"), false, errs);
    size += ConfigData.validateKeys(binary, FieldPath.root("binaryData"), true, errs);
    if (data != null && binary != null) {
      for (var e : binary.properties()) {
        if (data.has(e.getKey())) {
          errs.add(FieldError.invalid(FieldPath.root("data").key(e.getKey()).value(), e.getKey(),
              "duplicate of key present in binaryData"));
        }
      }
    }
    if (size > ConfigData.MAX_SIZE) {
      errs.add(FieldError.tooLong("", "", ConfigData.MAX_SIZE));
    }
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    ConfigData.validateImmutable(object, old, List.of("data", "binaryData"), errs);
  }
}
