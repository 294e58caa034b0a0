package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.machinery.util.HumanDuration;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The table of a custom resource, built from its CRD version's {@code additionalPrinterColumns} as
 * upstream's apiextensions table convertor does: {@code Name} first, then one column per definition,
 * each cell the first JSONPath result converted to the column's type (a missing value is a null cell,
 * a {@code date} is printed as an age).
 */
public final class CustomColumnsPrinter implements TablePrinter {

  /** One {@code additionalPrinterColumns} entry. */
  public record Column(String name, String type, String format, String description, int priority, String jsonPath) {}

  private final List<ColumnDefinition> columns;
  private final List<Column> definitions;
  private final List<JsonPath> paths;

  /**
   * @throws io.kube4j.machinery.errors.ApiException 400 when a path is outside the supported JSONPath subset
   */
  public CustomColumnsPrinter(List<Column> definitions) {
    var effective = definitions.isEmpty()
        ? List.of(new Column("Age", "date", "", ColumnDefinition.CREATION_TIMESTAMP_DESCRIPTION, 0, ".metadata.creationTimestamp"))
        : definitions;
    var cols = new ArrayList<ColumnDefinition>();
    cols.add(ColumnDefinition.nameColumn());
    var compiled = new ArrayList<JsonPath>();
    for (var d : effective) {
      compiled.add(JsonPath.compile(d.jsonPath()));
      var description = d.description() == null || d.description().isEmpty()
          ? "Custom resource definition column (in JSONPath format): " + d.jsonPath()
          : d.description();
      cols.add(new ColumnDefinition(d.name(), d.type(), d.format(), description, d.priority()));
    }
    this.columns = List.copyOf(cols);
    this.definitions = List.copyOf(effective);
    this.paths = List.copyOf(compiled);
  }

  /** Reads {@code additionalPrinterColumns} of one CRD version (absent or empty gives upstream's default Age column). */
  public static CustomColumnsPrinter fromCrdVersion(JsonNode crdVersion) {
    var defs = new ArrayList<Column>();
    var cols = crdVersion == null ? null : crdVersion.path("additionalPrinterColumns");
    if (cols != null && cols.isArray()) {
      for (var c : cols) {
        defs.add(new Column(c.path("name").asText(), c.path("type").asText(), c.path("format").asText(""),
            c.path("description").asText(""), c.path("priority").asInt(0), c.path("jsonPath").asText()));
      }
    }
    return new CustomColumnsPrinter(defs);
  }

  @Override
  public List<ColumnDefinition> columns() {
    return columns;
  }

  @Override
  public List<Object> cells(ObjectNode object, Instant now) {
    var cells = new ArrayList<Object>();
    cells.add(ObjectFields.name(object));
    for (int i = 0; i < paths.size(); i++) {
      var results = paths.get(i).find(object);
      if (results.isEmpty()) {
        cells.add(null);
        continue;
      }
      var value = results.getFirst();
      var type = definitions.get(i).type();
      cells.add("string".equals(type) ? (value.isNull() ? null : goText(value)) : typedCell(type, value, now));
    }
    return cells;
  }

  private static Object typedCell(String type, JsonNode value, Instant now) {
    if (value == null || value.isNull()) {
      return null;
    }
    return switch (type) {
      case "integer" -> value.isNumber() ? (Object) value.asLong() : null;
      case "number" -> value.isNumber() ? (Object) value.asDouble() : null;
      case "boolean" -> value.isBoolean() ? (Object) value.asBoolean() : null;
      case "date" -> {
        if (!value.isTextual()) {
          yield null;
        }
        var s = value.asText();
        if (s.isEmpty() || s.equals("null")) {
          yield "<unknown>";
        }
        try {
          yield HumanDuration.since(OffsetDateTime.parse(s).toInstant(), now);
        } catch (DateTimeParseException e) {
          yield "<invalid>";
        }
      }
      default -> null;
    };
  }

  /** How Go's {@code fmt.Fprint} prints a decoded JSON value, which is what upstream shows in string columns. */
  static String goText(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    if (v.isNumber()) {
      return goFloat(v.asDouble());
    }
    if (v.isBoolean()) {
      return Boolean.toString(v.asBoolean());
    }
    if (v.isNull()) {
      return "<nil>";
    }
    if (v.isArray()) {
      var parts = new ArrayList<String>();
      v.forEach(e -> parts.add(goText(e)));
      return "[" + String.join(" ", parts) + "]";
    }
    var sorted = new TreeMap<String, String>();
    v.properties().forEach(e -> sorted.put(e.getKey(), goText(e.getValue())));
    var parts = new ArrayList<String>();
    sorted.forEach((k, val) -> parts.add(k + ":" + val));
    return "map[" + String.join(" ", parts) + "]";
  }

  /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 or from 1e6 up (Go's %g with shortest precision). */
  static String goFloat(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    var bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 6) {
      var digits = bd.unscaledValue().abs().toString();
      var mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      var sign = d < 0 ? "-" : "";
      return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return bd.toPlainString();
  }
}
