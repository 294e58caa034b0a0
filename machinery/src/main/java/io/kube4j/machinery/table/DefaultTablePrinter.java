package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Upstream's {@code rest.DefaultTableConvertor}, used for resources without a dedicated printer (roles,
 * limit ranges, CRDs ...): {@code Name} and {@code Created At} (type {@code date}, the RFC 3339 UTC
 * creation time), which kubectl shows as {@code NAME  CREATED AT}.
 */
final class DefaultTablePrinter implements TablePrinter {

  static final DefaultTablePrinter INSTANCE = new DefaultTablePrinter();

  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final List<ColumnDefinition> COLUMNS = List.of(
      ColumnDefinition.nameColumn(),
      new ColumnDefinition("Created At", "date", "", ColumnDefinition.CREATION_TIMESTAMP_DESCRIPTION, 0));

  @Override
  public List<ColumnDefinition> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode object, Instant now) {
    var created = ObjectFields.time(object, "metadata", "creationTimestamp");
    // Go formats its zero time when the timestamp is absent
    var text = created == null ? "0001-01-01T00:00:00Z" : RFC3339.format(created);
    return Arrays.asList(ObjectFields.name(object), text);
  }
}
