package io.kube4j.machinery.table;

import static io.kube4j.machinery.table.TablePrintersTest.NOW;
import static io.kube4j.machinery.table.TablePrintersTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.machinery.errors.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CustomColumnsPrinterTest {

  private static final String WIDGET = """
      {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w1","creationTimestamp":"2024-01-01T11:00:00Z","labels":{"app.kubernetes.io/name":"shop"}},
       "spec":{"replicas":3,"ratio":1.5,"big":2500000.0,"enabled":true,"image":"nginx","tags":["a","b"],"extra":{"z":1,"a":"x"}},
       "status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True","lastTransitionTime":"2024-01-01T11:58:00Z"}],
         "items":[{"n":1},{"n":2},{"n":3}]}}""";

  static Stream<Arguments> cells() {
    return Stream.of(
        Arguments.of(".spec.replicas", "integer", 3L),
        Arguments.of(".spec.replicas", "string", "3"),
        Arguments.of(".spec.replicas", "number", 3.0),
        Arguments.of(".spec.ratio", "number", 1.5),
        Arguments.of(".spec.ratio", "integer", 1L),
        Arguments.of(".spec.ratio", "string", "1.5"),
        Arguments.of(".spec.big", "string", "2.5e+06"),
        Arguments.of(".spec.enabled", "boolean", true),
        Arguments.of(".spec.enabled", "string", "true"),
        Arguments.of(".spec.image", "string", "nginx"),
        Arguments.of(".spec.image", "integer", null),
        Arguments.of(".spec.tags", "string", "[a b]"),
        Arguments.of(".spec.extra", "string", "map[a:x z:1]"),
        Arguments.of(".spec.missing", "string", null),
        Arguments.of(".spec.missing.deeper", "integer", null),
        Arguments.of(".metadata.creationTimestamp", "date", "60m"),
        Arguments.of(".status.conditions[?(@.type==\"Ready\")].status", "string", "True"),
        Arguments.of(".status.conditions[?(@.type=='Synced')].status", "string", "False"),
        Arguments.of(".status.conditions[?(@.type==\"Ready\")].lastTransitionTime", "date", "2m"),
        Arguments.of(".status.conditions[?(@.type!=\"Ready\")].type", "string", "Synced"),
        Arguments.of(".status.conditions[?(@.type==\"Gone\")].status", "string", null),
        Arguments.of(".status.conditions[0].type", "string", "Synced"),
        Arguments.of(".status.conditions[-1].type", "string", "Ready"),
        Arguments.of(".status.conditions[*].type", "string", "Synced"),
        Arguments.of(".status.items[?(@.n>1)].n", "integer", 2L),
        Arguments.of(".metadata.labels.app\\.kubernetes\\.io/name", "string", "shop"),
        Arguments.of(".metadata.labels['app.kubernetes.io/name']", "string", "shop"),
        Arguments.of("{.spec.image}", "string", "nginx"),
        Arguments.of(".spec.image", "date", "<invalid>"),
        Arguments.of(".spec.replicas", "date", null));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("cells")
  void convertsTheFirstResultToTheColumnType(String path, String type, Object expected) {
    var printer = new CustomColumnsPrinter(List.of(new CustomColumnsPrinter.Column("C", type, "", "", 0, path)));
    assertThat(printer.cells(json(WIDGET), NOW)).isEqualTo(Arrays.asList("w1", expected));
  }

  @Test
  void readsColumnsFromTheCrdVersion() {
    var printer = TablePrinters.forCustomResource(json("""
        {"name":"v1","served":true,"storage":true,"additionalPrinterColumns":[
          {"name":"Replicas","type":"integer","jsonPath":".spec.replicas"},
          {"name":"Ready","type":"string","jsonPath":".status.conditions[?(@.type==\\"Ready\\")].status","description":"Readiness","priority":1},
          {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]}"""));
    assertThat(printer.columns()).containsExactly(
        ColumnDefinition.nameColumn(),
        new ColumnDefinition("Replicas", "integer", "", "Custom resource definition column (in JSONPath format): .spec.replicas", 0),
        new ColumnDefinition("Ready", "string", "", "Readiness", 1),
        new ColumnDefinition("Age", "date", "", "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp", 0));
    assertThat(printer.cells(json(WIDGET), NOW)).containsExactly("w1", 3L, "True", "60m");
  }

  @Test
  void defaultsToAnAgeColumnWithoutPrinterColumns() {
    var printer = TablePrinters.forCustomResource(json("{\"name\":\"v1\"}"));
    assertThat(printer.columns()).containsExactly(ColumnDefinition.nameColumn(),
        new ColumnDefinition("Age", "date", "", ColumnDefinition.CREATION_TIMESTAMP_DESCRIPTION, 0));
    assertThat(printer.cells(json(WIDGET), NOW)).containsExactly("w1", "60m");
  }

  @Test
  void rejectsPathsOutsideTheSubset() {
    for (var path : List.of("spec.replicas", ".spec[", ".spec[?(@.a==\"b\"]", ".spec..x", ".spec[abc]")) {
      assertThatThrownBy(() -> JsonPath.compile(path)).as(path)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo("unrecognized column definition \"" + path.replace("\"", "\\\"") + "\""));
    }
  }
}
