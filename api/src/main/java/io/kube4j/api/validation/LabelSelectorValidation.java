package io.kube4j.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validation of a {@code metav1.LabelSelector} ({@code matchLabels} and {@code matchExpressions}) and of the
 * "does this selector match these labels" question workloads ask about their templates.
 */
public final class LabelSelectorValidation {

  private LabelSelectorValidation() {}

  public static List<FieldError> validate(JsonNode selector, FieldPath path) {
    var errs = new ArrayList<FieldError>();
    if (selector == null || selector.isNull()) {
      return errs;
    }
    errs.addAll(ObjectMetaValidation.labels(Json.get(selector, "matchLabels"), path.child("matchLabels")));
    var exprs = Json.objects(selector, "matchExpressions");
    for (int i = 0; i < exprs.size(); i++) {
      var e = exprs.get(i);
      var p = path.child("matchExpressions").index(i);
      var op = Json.text(e, "operator");
      var values = Json.strings(e, "values");
      switch (op) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            errs.add(FieldError.required(p.child("values").value(), "must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            errs.add(FieldError.forbidden(p.child("values").value(),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        default -> errs.add(FieldError.invalid(p.child("operator").value(), op, "not a valid selector operator"));
      }
      var key = Json.text(e, "key");
      for (String msg : Names.qualifiedName(key)) {
        errs.add(FieldError.invalid(p.child("key").value(), key, msg));
      }
      for (int j = 0; j < values.size(); j++) {
        for (String msg : Names.labelValue(values.get(j))) {
          errs.add(FieldError.invalid(p.child("values").index(j).value(), values.get(j), msg));
        }
      }
    }
    return errs;
  }

  /** Whether a selector has neither matchLabels nor matchExpressions (which upstream's workloads reject). */
  public static boolean isEmpty(JsonNode selector) {
    return Json.size(selector, "matchLabels") == 0 && Json.size(selector, "matchExpressions") == 0;
  }

  /** Whether a label selector selects an object with these labels. */
  public static boolean matches(JsonNode selector, JsonNode labels) {
    for (Map.Entry<String, String> e : Json.entries(selector, "matchLabels")) {
      if (!Json.has(labels, e.getKey()) || !Json.text(labels, e.getKey()).equals(e.getValue())) {
        return false;
      }
    }
    for (var expr : Json.objects(selector, "matchExpressions")) {
      var key = Json.text(expr, "key");
      var values = Json.strings(expr, "values");
      boolean present = Json.has(labels, key);
      var value = Json.text(labels, key);
      boolean ok = switch (Json.text(expr, "operator")) {
        case "In" -> present && values.contains(value);
        case "NotIn" -> !present || !values.contains(value);
        case "Exists" -> present;
        case "DoesNotExist" -> !present;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
