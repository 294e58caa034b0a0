package io.kube4j.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules for {@code intstr.IntOrString} fields: a port (number or IANA name), or an amount that is an integer or a
 * percentage (as rolling-update budgets are).
 */
public final class IntOrString {

  private IntOrString() {}

  /** A port given by number or by name (container targetPort, probe port). */
  public static List<FieldError> validatePort(JsonNode value, FieldPath path) {
    var errs = new ArrayList<FieldError>();
    if (value == null || value.isNull()) {
      return errs;
    }
    if (value.isIntegralNumber()) {
      for (String msg : Names.portNumber(value.longValue())) {
        errs.add(FieldError.invalid(path.value(), value.longValue(), msg));
      }
    } else if (value.isTextual()) {
      for (String msg : Names.ianaSvcName(value.textValue())) {
        errs.add(FieldError.invalid(path.value(), value.textValue(), msg));
      }
    } else {
      errs.add(FieldError.invalid(path.value(), new Json.Rendered(value.toString()), "must be an integer or a string"));
    }
    return errs;
  }

  /** A non-negative integer or percentage, e.g. {@code maxUnavailable}. */
  public static List<FieldError> validatePositiveOrPercent(JsonNode value, FieldPath path) {
    var errs = new ArrayList<FieldError>();
    if (value == null || value.isNull()) {
      return errs;
    }
    if (value.isIntegralNumber()) {
      if (value.longValue() < 0) {
        errs.add(FieldError.invalid(path.value(), value.longValue(), "must be greater than or equal to 0"));
      }
    } else if (value.isTextual()) {
      for (String msg : Names.percent(value.textValue())) {
        errs.add(FieldError.invalid(path.value(), value.textValue(), msg));
      }
    }
    return errs;
  }

  /** A percentage may not exceed 100%. */
  public static List<FieldError> validateNotMoreThan100Percent(JsonNode value, FieldPath path) {
    if (value != null && value.isTextual() && Names.percent(value.textValue()).isEmpty()) {
      var pct = Long.parseLong(value.textValue().substring(0, value.textValue().length() - 1));
      if (pct > 100) {
        return List.of(FieldError.invalid(path.value(), value.textValue(), "must not be greater than 100%"));
      }
    }
    return List.of();
  }

  /** Whether the value is zero (0 or "0%"). */
  public static boolean isZero(JsonNode value) {
    if (value == null || value.isNull()) {
      return true;
    }
    if (value.isIntegralNumber()) {
      return value.longValue() == 0;
    }
    return value.asText().equals("0%") || value.asText().equals("0");
  }
}
