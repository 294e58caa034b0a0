package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.Names;
import java.util.Base64;
import java.util.List;

/** Rules Secrets and ConfigMaps share: key format, size limit, and the {@code immutable: true} lock. */
final class ConfigData {

  /** Upstream's MaxSecretSize, which also bounds ConfigMaps. */
  static final int MAX_SIZE = 1024 * 1024;

  private ConfigData() {}

  /** Validates keys of a data map; returns the decoded size of the values. */
  static long validateKeys(JsonNode data, FieldPath path, boolean base64, List<FieldError> errs) {
    long size = 0;
    if (!(data instanceof ObjectNode o)) {
      return size;
    }
    for (var e : o.properties()) {
      var kp = path.key(e.getKey());
      Checks.format(e.getKey(), kp, Names::configMapKey, errs);
      var value = e.getValue().isNull() ? "" : e.getValue().asText();
      if (base64) {
        try {
          size += Base64.getDecoder().decode(value).length;
        } catch (IllegalArgumentException ex) {
          errs.add(FieldError.invalid(kp.value(), "<secret contents redacted>", "illegal base64 data"));
        }
      } else {
        size += Names.byteLength(value);
      }
    }
    return size;
  }

  static byte[] decoded(JsonNode data, String key) {
    var v = Json.get(data, key);
    if (v == null) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(v.asText());
    } catch (IllegalArgumentException e) {
      // Reported by validateKeys; treat as empty here.
      return new byte[0];
    }
  }

  /** Once {@code immutable: true} is stored, the data and the flag itself may not change. */
  static void validateImmutable(ObjectNode object, ObjectNode old, List<String> dataFields, List<FieldError> errs) {
    if (!Json.bool(old, "immutable")) {
      return;
    }
    if (!Json.bool(object, "immutable")) {
      errs.add(FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
    }
    for (String field : dataFields) {
      if (!Checks.sameJson(emptyAsNull(Json.get(object, field)), emptyAsNull(Json.get(old, field)))) {
        errs.add(FieldError.forbidden(field, "field is immutable when `immutable` is set"));
      }
    }
  }

  private static JsonNode emptyAsNull(JsonNode n) {
    return n == null || n.isEmpty() ? null : n;
  }
}
