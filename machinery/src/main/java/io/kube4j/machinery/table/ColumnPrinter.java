package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/** A printer made of a fixed column list and a function computing one row's cells. */
record ColumnPrinter(List<ColumnDefinition> columns, BiFunction<ObjectNode, Instant, List<Object>> cellFunction) implements TablePrinter {

  ColumnPrinter {
    columns = List.copyOf(columns);
  }

  @Override
  public List<Object> cells(ObjectNode object, Instant now) {
    return cellFunction.apply(object, now);
  }
}
