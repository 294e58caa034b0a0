package io.kube4j.machinery.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders JSON values the way Go's {@code fmt} prints the decoded {@code interface{}} trees, so that the
 * error messages of the patch code read exactly like the kube-apiserver's (clients and people grep them).
 */
final class GoValueText {

  private GoValueText() {}

  /** {@code fmt.Sprintf("%v", v)}: {@code map[a:1 b:[x y]]}, keys sorted as {@code fmt} sorts them. */
  static String format(JsonNode v) {
    var sb = new StringBuilder();
    append(sb, v);
    return sb.toString();
  }

  /** {@code fmt.Sprint(lists...)} of several slices, as in {@code [[a b] [c]]}. */
  static String formatLists(List<List<JsonNode>> lists) {
    var sb = new StringBuilder("[");
    for (int i = 0; i < lists.size(); i++) {
      sb.append(i == 0 ? "" : " ").append('[');
      var list = lists.get(i);
      for (int j = 0; j < list.size(); j++) {
        if (j > 0) {
          sb.append(' ');
        }
        append(sb, list.get(j));
      }
      sb.append(']');
    }
    return sb.append(']').toString();
  }

  /** {@code fmt.Sprintf("%s", v)}: strings bare, anything else in Go's {@code %!s(type=value)} form. */
  static String formatVerbS(JsonNode v) {
    if (v == null || v.isNull()) {
      return "%!s(<nil>)";
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isContainerNode()) {
      return format(v);
    }
    return "%!s(" + typeName(v) + "=" + format(v) + ")";
  }

  /** {@code reflect.TypeOf(v).String()} of the decoded value; {@code %!s(<nil>)} for JSON null, as {@code %s} prints a nil type. */
  static String typeName(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return "%!s(<nil>)";
    }
    if (v.isObject()) {
      return "map[string]interface {}";
    }
    if (v.isArray()) {
      return "[]interface {}";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isIntegralNumber()) {
      return "int64";
    }
    return "float64";
  }

  /** The JSON kind word of Go's {@code json: cannot unmarshal <kind> into ...} messages. */
  static String jsonKind(JsonNode v) {
    if (v.isObject()) {
      return "object";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    if (v.isNumber()) {
      return "number";
    }
    return "null";
  }

  private static void append(StringBuilder sb, JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      sb.append("<nil>");
    } else if (v.isObject()) {
      var entries = new ArrayList<Map.Entry<String, JsonNode>>(v.properties());
      entries.sort(Map.Entry.comparingByKey());
      sb.append("map[");
      for (int i = 0; i < entries.size(); i++) {
        sb.append(i == 0 ? "" : " ").append(entries.get(i).getKey()).append(':');
        append(sb, entries.get(i).getValue());
      }
      sb.append(']');
    } else if (v.isArray()) {
      sb.append('[');
      for (int i = 0; i < v.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        append(sb, v.get(i));
      }
      sb.append(']');
    } else if (v.isTextual()) {
      sb.append(v.textValue());
    } else if (v.isIntegralNumber()) {
      sb.append(v.bigIntegerValue());
    } else if (v.isNumber()) {
      sb.append(formatFloat(v.doubleValue()));
    } else {
      sb.append(v.asText());
    }
  }

  /** Go's {@code %v} of a float64: the shortest digits, in exponent form below 1e-4 and from 1e21 on. */
  private static String formatFloat(double d) {
    if (d == 0) {
      return "0";
    }
    var shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent >= -4 && exponent < 21) {
      return shortest.toPlainString();
    }
    var digits = shortest.unscaledValue().abs().toString();
    var mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
    var magnitude = Math.abs(exponent);
    return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + magnitude;
  }
}
