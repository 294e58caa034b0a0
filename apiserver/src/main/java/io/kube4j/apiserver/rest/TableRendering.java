package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.machinery.table.TableBuilder;
import io.kube4j.machinery.table.TablePrinters;
import java.time.Instant;
import java.util.List;

/** Renders {@code meta.k8s.io/v1 Table}s with the columns upstream prints for each built-in resource. */
public final class TableRendering implements Representations.Tables {

  @Override
  public ObjectNode table(ResourceDefinition def, List<ObjectNode> items, String includeObject, String resourceVersion, String continueToken,
      Long remaining, Instant now, boolean withColumns) {
    var printer = TablePrinters.forResource(def.group(), def.resource());
    var options = new TableBuilder.Options(TableBuilder.IncludeObject.parse(includeObject), !withColumns);
    return TableBuilder.build(printer, items, options, resourceVersion, continueToken, remaining, now);
  }
}
