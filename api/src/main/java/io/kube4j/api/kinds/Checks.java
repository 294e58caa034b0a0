package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.Names;
import io.kube4j.api.validation.Quantity;
import java.util.List;
import java.util.function.Function;

/** The field checks kinds repeat, each adding upstream's field error to a list. */
final class Checks {

  private Checks() {}

  static void nonNegative(JsonNode node, String field, FieldPath path, List<FieldError> errs) {
    var v = Json.longValue(node, field);
    if (v != null && v < 0) {
      errs.add(FieldError.invalid(path.child(field).value(), v, "must be greater than or equal to 0"));
    }
  }

  static void positive(JsonNode node, String field, FieldPath path, List<FieldError> errs) {
    var v = Json.longValue(node, field);
    if (v != null && v <= 0) {
      errs.add(FieldError.invalid(path.child(field).value(), v, "must be greater than 0"));
    }
  }

  static void required(JsonNode node, String field, FieldPath path, List<FieldError> errs) {
    if (Json.text(node, field).isEmpty() && !(Json.get(node, field) != null && Json.get(node, field).isContainerNode()
        && Json.get(node, field).size() > 0)) {
      errs.add(FieldError.required(path.child(field).value(), ""));
    }
  }

  /** Adds an Invalid error at {@code path} for each message of a string-format rule. */
  static void format(String value, FieldPath path, Function<String, List<String>> rule, List<FieldError> errs) {
    for (String msg : rule.apply(value)) {
      errs.add(FieldError.invalid(path.value(), value, msg));
    }
  }

  /** An optional field whose value must be one of a fixed set. */
  static void oneOf(JsonNode node, String field, FieldPath path, List<String> supported, List<FieldError> errs) {
    var v = Json.get(node, field);
    if (v != null && !supported.contains(v.asText())) {
      errs.add(FieldError.notSupported(path.child(field).value(), v.asText(), supported));
    }
  }

  /** An optional DNS subdomain reference to another object. */
  static void subdomain(JsonNode node, String field, FieldPath path, List<FieldError> errs) {
    var v = Json.text(node, field);
    if (!v.isEmpty()) {
      format(v, path.child(field), Names::dns1123Subdomain, errs);
    }
  }

  /** Parses a quantity field value (string or number), adding upstream's error when it does not parse. */
  static Quantity quantity(JsonNode value, FieldPath path, List<FieldError> errs) {
    if (value == null || value.isNull()) {
      return null;
    }
    var text = value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    try {
      return Quantity.parse(text);
    } catch (Quantity.FormatException e) {
      errs.add(FieldError.invalid(path.value(), text, Quantity.FORMAT_ERROR));
      return null;
    }
  }

  /** A non-negative quantity. */
  static void nonNegativeQuantity(JsonNode value, FieldPath path, List<FieldError> errs) {
    var q = quantity(value, path, errs);
    if (q != null && q.signum() < 0) {
      errs.add(FieldError.invalid(path.value(), q.toString(), "must be greater than or equal to 0"));
    }
  }

  static boolean sameJson(JsonNode a, JsonNode b) {
    boolean aEmpty = a == null || a.isNull();
    boolean bEmpty = b == null || b.isNull();
    if (aEmpty || bEmpty) {
      return aEmpty == bEmpty;
    }
    return Json.sameValue(a, b);
  }

  /** Upstream's ValidateImmutableField. */
  static void immutable(JsonNode now, JsonNode before, FieldPath path, List<FieldError> errs) {
    if (!sameJson(now, before)) {
      errs.add(FieldError.invalid(path.value(), Json.goValue(now), "field is immutable"));
    }
  }
}
