package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Turns objects of one resource into table rows exactly as upstream's server-side printer does:
 * {@link #columns()} are the column definitions (all of them, wide ones included, as the API server
 * always prints wide), and {@link #cells} gives one value per column for an object, as
 * {@code String}, {@code Long}, {@code Double}, {@code Boolean} or null. Printers are stateless; time
 * enters only through {@code now}.
 */
public interface TablePrinter {

  List<ColumnDefinition> columns();

  /** One cell per column of {@link #columns()}, in the same order. */
  List<Object> cells(ObjectNode object, Instant now);

  /** The row's conditions; none by default. */
  default List<RowCondition> conditions(ObjectNode object) {
    return List.of();
  }
}
