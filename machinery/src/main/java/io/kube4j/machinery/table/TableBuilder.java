package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.machinery.errors.ApiException;
import java.time.Instant;
import java.util.List;

/**
 * Assembles the {@code meta.k8s.io/v1 Table} the API server returns for
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}: list metadata, column definitions
 * (omitted, i.e. null, when {@code noHeaders}), and one row per object with its cells, conditions and
 * the object itself as {@code includeObject} asks (kubectl sends nothing, which means
 * {@code Metadata}: a {@code PartialObjectMetadata}; {@code Object} when it sorts; {@code None} gives null).
 */
public final class TableBuilder {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** The {@code includeObject} query parameter. */
  public enum IncludeObject {
    NONE("None"), METADATA("Metadata"), OBJECT("Object");

    private final String text;

    IncludeObject(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    /**
     * Parses the parameter; null or empty means {@link #METADATA}, as upstream.
     *
     * @throws ApiException 400 {@code unrecognized includeObject value: "x"}
     */
    public static IncludeObject parse(String value) {
      if (value == null || value.isEmpty()) {
        return METADATA;
      }
      for (var v : values()) {
        if (v.text.equals(value)) {
          return v;
        }
      }
      throw ApiException.badRequest("unrecognized includeObject value: \"" + value + "\"");
    }
  }

  /** {@code metav1.TableOptions}: what to embed in rows, and whether to leave out the column definitions. */
  public record Options(IncludeObject includeObject, boolean noHeaders) {
    public static final Options DEFAULT = new Options(IncludeObject.METADATA, false);

    /**
     * From the query parameters {@code includeObject} and {@code noHeaders} (null when absent). Like
     * upstream's query-parameter decoding, any present {@code noHeaders} value other than {@code 0} or
     * {@code false} (any case) means true.
     */
    public static Options fromQuery(String includeObject, String noHeaders) {
      var headersOff = noHeaders != null && !noHeaders.equals("0") && !noHeaders.equalsIgnoreCase("false");
      return new Options(IncludeObject.parse(includeObject), headersOff);
    }
  }

  private TableBuilder() {}

  /**
   * Builds the table of a list.
   *
   * @param resourceVersion the list's resourceVersion, or null/empty to omit
   * @param continueToken the list's continue token, or null/empty to omit
   * @param remainingItemCount the list's remainingItemCount, or null to omit
   */
  public static ObjectNode build(TablePrinter printer, List<ObjectNode> items, Options options, String resourceVersion,
      String continueToken, Long remainingItemCount, Instant now) {
    var table = JSON.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    var metadata = table.putObject("metadata");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      metadata.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null && !continueToken.isEmpty()) {
      metadata.put("continue", continueToken);
    }
    if (remainingItemCount != null) {
      metadata.put("remainingItemCount", remainingItemCount);
    }
    if (options.noHeaders()) {
      table.putNull("columnDefinitions");
    } else {
      var cols = table.putArray("columnDefinitions");
      printer.columns().forEach(c -> cols.add(c.toJson()));
    }
    if (items.isEmpty() && printer instanceof DefaultTablePrinter) {
      // upstream's default convertor appends rows to a nil slice, so an empty list serializes as null
      table.putNull("rows");
      return table;
    }
    var rows = table.putArray("rows");
    for (var item : items) {
      rows.add(row(printer, item, options.includeObject(), now));
    }
    return table;
  }

  /** {@link #build(TablePrinter, List, Options, String, String, Long, Instant)} with the raw {@code includeObject} parameter. */
  public static ObjectNode build(TablePrinter printer, List<ObjectNode> items, String includeObject, String resourceVersion,
      String continueToken, Long remainingItemCount, Instant now) {
    return build(printer, items, new Options(IncludeObject.parse(includeObject), false), resourceVersion, continueToken, remainingItemCount, now);
  }

  /** The table of a single object (a GET, or one watch event): its resourceVersion becomes the table's. */
  public static ObjectNode buildForObject(TablePrinter printer, ObjectNode object, Options options, Instant now) {
    var rv = object.path("metadata").path("resourceVersion").asText("");
    return build(printer, List.of(object), options, rv, null, null, now);
  }

  /** One {@code TableRow}: cells, conditions when there are any, and the object as asked. */
  public static ObjectNode row(TablePrinter printer, ObjectNode object, IncludeObject include, Instant now) {
    var row = JSON.objectNode();
    var cells = row.putArray("cells");
    for (var cell : printer.cells(object, now)) {
      addCell(cells, cell);
    }
    var conditions = printer.conditions(object);
    if (!conditions.isEmpty()) {
      var arr = row.putArray("conditions");
      for (var c : conditions) {
        var n = arr.addObject();
        n.put("type", c.type());
        n.put("status", c.status());
        if (c.reason() != null && !c.reason().isEmpty()) {
          n.put("reason", c.reason());
        }
        if (c.message() != null && !c.message().isEmpty()) {
          n.put("message", c.message());
        }
      }
    }
    switch (include) {
      case NONE -> row.putNull("object");
      case OBJECT -> row.set("object", object);
      case METADATA -> row.set("object", partialObjectMetadata(object));
    }
    return row;
  }

  /** The {@code meta.k8s.io/v1 PartialObjectMetadata} of an object: its whole {@code metadata}, nothing else. */
  public static ObjectNode partialObjectMetadata(JsonNode object) {
    var partial = JSON.objectNode();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", "meta.k8s.io/v1");
    var metadata = object.path("metadata");
    partial.set("metadata", metadata.isObject() ? metadata.deepCopy() : JSON.objectNode());
    return partial;
  }

  private static void addCell(ArrayNode cells, Object cell) {
    switch (cell) {
      case null -> cells.addNull();
      case String s -> cells.add(s);
      case Long l -> cells.add(l);
      case Integer i -> cells.add(i.longValue());
      case Double d -> cells.add(d);
      case Boolean b -> cells.add(b);
      case JsonNode n -> cells.add(n);
      default -> throw new IllegalArgumentException("table cell of unsupported type " + cell.getClass().getName());
    }
  }
}
