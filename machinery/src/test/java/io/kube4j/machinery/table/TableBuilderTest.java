package io.kube4j.machinery.table;

import static io.kube4j.machinery.table.TablePrintersTest.NOW;
import static io.kube4j.machinery.table.TablePrintersTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TableBuilderTest {

  private static final String CM = """
      {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm","namespace":"default","resourceVersion":"42",
        "creationTimestamp":"2024-01-01T11:55:00Z","labels":{"a":"b"}},"data":{"k":"v"}}""";

  @Test
  void buildsAListTableWithMetadataObjects() {
    var table = TableBuilder.build(TablePrinters.forResource("", "configmaps"), List.of(json(CM)), (String) null, "100", "tok", 5L, NOW);
    assertThat(table.toString()).isEqualTo(json("""
        {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"100","continue":"tok","remainingItemCount":5},
         "columnDefinitions":[
           {"name":"Name","type":"string","format":"name","description":"%s","priority":0},
           {"name":"Data","type":"string","format":"","description":"Data contains the configuration data.","priority":0},
           {"name":"Age","type":"string","format":"","description":"%s","priority":0}],
         "rows":[{"cells":["cm",1,"5m"],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
           "metadata":{"name":"cm","namespace":"default","resourceVersion":"42","creationTimestamp":"2024-01-01T11:55:00Z","labels":{"a":"b"}}}}]}"""
        .formatted(ColumnDefinition.NAME_DESCRIPTION, ColumnDefinition.CREATION_TIMESTAMP_DESCRIPTION.replace("\n", "\\n"))).toString());
  }

  static Stream<Arguments> includeObject() {
    return Stream.of(
        Arguments.of(null, "{\"kind\":\"PartialObjectMetadata\""),
        Arguments.of("", "{\"kind\":\"PartialObjectMetadata\""),
        Arguments.of("Metadata", "{\"kind\":\"PartialObjectMetadata\""),
        Arguments.of("Object", "{\"kind\":\"ConfigMap\""),
        Arguments.of("None", "null"));
  }

  @ParameterizedTest(name = "includeObject={0}")
  @MethodSource("includeObject")
  void embedsTheObjectAsAsked(String includeObject, String objectPrefix) {
    var table = TableBuilder.build(TablePrinters.forResource("", "configmaps"), List.of(json(CM)), includeObject, null, null, null, NOW);
    var object = table.get("rows").get(0).get("object");
    assertThat(object.toString()).startsWith(objectPrefix);
    if ("Object".equals(includeObject)) {
      assertThat(object).isEqualTo(json(CM));
    }
  }

  @Test
  void rejectsAnUnknownIncludeObject() {
    assertThatThrownBy(() -> TableBuilder.Options.fromQuery("All", null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("unrecognized includeObject value: \"All\"");
        });
  }

  @ParameterizedTest(name = "noHeaders={0} -> {1}")
  @CsvSource(value = {"NULL, false", "true, true", "'', true", "1, true", "0, false", "False, false", "FALSE, false"}, nullValues = "NULL")
  void noHeadersParameter(String value, boolean expected) {
    assertThat(TableBuilder.Options.fromQuery(null, value).noHeaders()).isEqualTo(expected);
  }

  @Test
  void emptyListAndNoHeaders() {
    var table = TableBuilder.build(TablePrinters.forResource("", "pods"), List.of(), TableBuilder.Options.fromQuery(null, "true"), null, null, null, NOW);
    assertThat(table.toString()).isEqualTo("{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{},\"columnDefinitions\":null,\"rows\":[]}");
  }

  @Test
  void theDefaultTableOfAnEmptyListHasNullRows() {
    var table = TableBuilder.build(TablePrinters.defaultPrinter(), List.of(), TableBuilder.Options.DEFAULT, "7", null, null, NOW);
    assertThat(table.get("rows").isNull()).isTrue();
    assertThat(table.get("columnDefinitions")).hasSize(2);
  }

  @Test
  void singleObjectTableTakesTheObjectsResourceVersion() {
    var table = TableBuilder.buildForObject(TablePrinters.forResource("", "configmaps"), json(CM), TableBuilder.Options.DEFAULT, NOW);
    assertThat(table.get("metadata").toString()).isEqualTo("{\"resourceVersion\":\"42\"}");
    assertThat(table.get("rows")).hasSize(1);
    assertThat(table.get("columnDefinitions")).hasSize(3);
  }

  @Test
  void finishedPodsCarryTheCompletedRowCondition() {
    var pod = json("""
        {"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed"}}""");
    var row = TableBuilder.row(TablePrinters.forResource("", "pods"), pod, TableBuilder.IncludeObject.NONE, NOW);
    assertThat(row.get("conditions").toString())
        .isEqualTo("[{\"type\":\"Completed\",\"status\":\"True\",\"reason\":\"Failed\",\"message\":\"The pod failed.\"}]");
    var running = json("{\"metadata\":{\"name\":\"p\"},\"status\":{\"phase\":\"Running\"}}");
    assertThat(TableBuilder.row(TablePrinters.forResource("", "pods"), running, TableBuilder.IncludeObject.NONE, NOW).has("conditions")).isFalse();
  }
}
