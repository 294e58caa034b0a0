package io.kube4j.machinery.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube4j.machinery.errors.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String QUALIFIED = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
      + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  private static final String LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
      + "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
      + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  static Stream<Arguments> canonical() {
    return Stream.of(
        Arguments.of("", ""),
        Arguments.of("   ", ""),
        Arguments.of("x=a,y=b,z=c", "x=a,y=b,z=c"),
        Arguments.of("z=c,x=a", "x=a,z=c"),
        Arguments.of("x!=a,y=b", "x!=a,y=b"),
        Arguments.of("x==a", "x==a"),
        Arguments.of("x=,z= ", "x=,z="),
        Arguments.of("x= ,z= ", "x=,z="),
        Arguments.of("x!=", "x!="),
        Arguments.of("  a  =  b  ", "a=b"),
        Arguments.of("x", "x"),
        Arguments.of("!x", "!x"),
        Arguments.of("! x", "!x"),
        Arguments.of("x>1", "x>1"),
        Arguments.of("x>1,z<5", "x>1,z<5"),
        Arguments.of("x<3", "x<3"),
        Arguments.of("x in (b,a)", "x in (a,b)"),
        Arguments.of("x in (a,a,b)", "x in (a,b)"),
        Arguments.of("x in(a)", "x in (a)"),
        Arguments.of("x in ()", "x in ()"),
        Arguments.of("x in (,a)", "x in (,a)"),
        Arguments.of("x in (a,)", "x in (,a)"),
        Arguments.of("x in (a,,b)", "x in (,a,b)"),
        Arguments.of("z notin (c,a), x", "x,z notin (a,c)"),
        Arguments.of("x in (notin,in)", "x in (in,notin)"),
        Arguments.of("in=notin", "in=notin"),
        Arguments.of("example.com/app.kubernetes.io=v1.2_3", "example.com/app.kubernetes.io=v1.2_3"),
        Arguments.of("a=b\t,\nc", "a=b,c"));
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @MethodSource("canonical")
  void parsesToCanonicalForm(String text, String expected) {
    assertThat(LabelSelector.parse(text).toString()).isEqualTo(expected);
    // the canonical form parses back to itself
    assertThat(LabelSelector.parse(expected).toString()).isEqualTo(expected);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + LABEL_VALUE),
        Arguments.of("x=a==b", "found '==', expected: ',' or 'end of string'"),
        Arguments.of("x in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
        Arguments.of("x in a", "unable to parse requirement: found 'a' expected: '('"),
        Arguments.of("x in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'"),
        Arguments.of("x in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier"),
        Arguments.of("x=a,", "found '', expected: identifier after ','"),
        Arguments.of("x=a,,y=b", "found ',', expected: identifier after ','"),
        Arguments.of("=a", "found '=', expected: !, identifier, or 'end of string'"),
        Arguments.of(",x", "found ',', expected: !, identifier, or 'end of string'"),
        Arguments.of("x y", "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt"),
        Arguments.of("x>a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"),
        Arguments.of("x>", "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer"),
        Arguments.of("x=(a)", "unable to parse requirement: found '(', expected: identifier"),
        Arguments.of("!x=a", "found '=', expected: ',' or 'end of string'"),
        Arguments.of("!", "unable to parse requirement: found '', expected: identifier"),
        Arguments.of("!=a", "found '!=', expected: !, identifier, or 'end of string'"),
        Arguments.of("x<-3", "unable to parse requirement: values[0][x]: Invalid value: \"-3\": " + LABEL_VALUE),
        Arguments.of("a/b/c=d", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name " + QUALIFIED
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        Arguments.of("-a=b", "unable to parse requirement: <nil>: Invalid value: \"-a\": name part " + QUALIFIED),
        Arguments.of("/a=b", "unable to parse requirement: <nil>: Invalid value: \"/a\": prefix part must be non-empty"),
        Arguments.of("Example.com/a", "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part a lowercase RFC 1123 "
            + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
            + "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        Arguments.of("a=" + "v".repeat(64), "unable to parse requirement: values[0][a]: Invalid value: \"" + "v".repeat(64) + "\": must be no more than 63 characters"),
        Arguments.of("k" .repeat(64), "unable to parse requirement: <nil>: Invalid value: \"" + "k".repeat(64) + "\": name part must be no more than 63 characters"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("errors")
  void rejectsWithUpstreamMessage(String text, String message) {
    assertThatThrownBy(() -> LabelSelector.parse(text))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo(ApiException.Reason.BAD_REQUEST);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  private static Map<String, String> labels(String... kv) {
    var m = new HashMap<String, String>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static Stream<Arguments> matching() {
    return Stream.of(
        Arguments.of("", labels(), true),
        Arguments.of("", labels("a", "b"), true),
        Arguments.of("x=y", labels("x", "y"), true),
        Arguments.of("x=y", labels("x", "z"), false),
        Arguments.of("x=y", labels(), false),
        Arguments.of("x==y", labels("x", "y"), true),
        Arguments.of("x!=y", labels(), true),
        Arguments.of("x!=y", labels("x", "z"), true),
        Arguments.of("x!=y", labels("x", "y"), false),
        Arguments.of("x", labels("x", ""), true),
        Arguments.of("x", labels("y", "x"), false),
        Arguments.of("!x", labels("y", "x"), true),
        Arguments.of("!x", labels("x", ""), false),
        Arguments.of("x=", labels("x", ""), true),
        Arguments.of("x=", labels(), false),
        Arguments.of("x in (a,b)", labels("x", "b"), true),
        Arguments.of("x in (a,b)", labels("x", "c"), false),
        Arguments.of("x in (a,b)", labels(), false),
        Arguments.of("x notin (a)", labels(), true),
        Arguments.of("x notin (a)", labels("x", "a"), false),
        Arguments.of("x notin (a)", labels("x", "b"), true),
        Arguments.of("x>1", labels("x", "2"), true),
        Arguments.of("x>1", labels("x", "1"), false),
        Arguments.of("x>1", labels("x", "a"), false),
        Arguments.of("x>1", labels(), false),
        Arguments.of("x<1", labels("x", "-1"), true),
        Arguments.of("x<1", labels("x", "0"), true),
        Arguments.of("x<1", labels("x", "1"), false),
        Arguments.of("x=a,y=b", labels("x", "a", "y", "b"), true),
        Arguments.of("x=a,y=b", labels("x", "a"), false),
        Arguments.of("x=a,!z", labels("x", "a", "z", "q"), false));
  }

  @ParameterizedTest(name = "[{0}] on {1} -> {2}")
  @MethodSource("matching")
  void matches(String selector, Map<String, String> labels, boolean expected) {
    assertThat(LabelSelector.parse(selector).matches(labels)).isEqualTo(expected);
  }

  static Stream<Arguments> fromJson() {
    return Stream.of(
        Arguments.of("{}", ""),
        Arguments.of("{\"matchLabels\":{}}", ""),
        Arguments.of("{\"matchLabels\":{\"b\":\"2\",\"a\":\"1\"}}", "a=1,b=2"),
        Arguments.of("{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"In\",\"values\":[\"y\",\"x\"]}]}", "k in (x,y)"),
        Arguments.of("{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"NotIn\",\"values\":[\"x\"]}]}", "k notin (x)"),
        Arguments.of("{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"Exists\"}]}", "k"),
        Arguments.of("{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"DoesNotExist\"}]}", "!k"),
        Arguments.of("{\"matchLabels\":{\"z\":\"1\"},\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Exists\"}]}", "a,z=1"));
  }

  @ParameterizedTest(name = "{0} -> [{1}]")
  @MethodSource("fromJson")
  void convertsJsonSelector(String json, String expected) throws Exception {
    var selector = LabelSelector.fromJson(MAPPER.readTree(json));
    assertThat(selector.toString()).isEqualTo(expected);
    assertThat(selector.isEmpty()).isEqualTo(expected.isEmpty());
  }

  @Test
  void jsonSelectorSemantics() throws Exception {
    var selector = LabelSelector.fromJson(MAPPER.readTree("{\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"db\"]}]}"));
    assertThat(selector.matches(labels("app", "web"))).isTrue();
    assertThat(selector.matches(labels("app", "web", "tier", "db"))).isFalse();
    assertThat(selector.matches(MAPPER.readTree("{\"metadata\":{\"labels\":{\"app\":\"web\",\"tier\":\"fe\"}}}"))).isTrue();

    var nothing = LabelSelector.fromJson(null);
    assertThat(nothing.matches(labels())).isFalse();
    assertThat(nothing.isEmpty()).isFalse();
    assertThat(nothing.matchesNothing()).isTrue();
    assertThat(LabelSelector.fromJson(MAPPER.readTree("null")).matchesNothing()).isTrue();

    var everything = LabelSelector.fromJson(MAPPER.readTree("{}"));
    assertThat(everything.matches(labels("any", "thing"))).isTrue();
  }

  static Stream<Arguments> jsonErrors() {
    return Stream.of(
        Arguments.of("{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"Foo\"}]}", "\"Foo\" is not a valid label selector operator"),
        Arguments.of("{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"In\"}]}",
            "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty"),
        Arguments.of("{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"Exists\",\"values\":[\"a\"]}]}",
            "values: Invalid value: []string{\"a\"}: values set must be empty for exists and does not exist"),
        Arguments.of("{\"matchLabels\":{\"-bad\":\"x\"}}", "key: Invalid value: \"-bad\": name part " + QUALIFIED),
        Arguments.of("{\"matchLabels\":{\"-bad\":\"x y\"}}",
            "[key: Invalid value: \"-bad\": name part " + QUALIFIED + ", values[0][-bad]: Invalid value: \"x y\": " + LABEL_VALUE + "]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonErrors")
  void rejectsInvalidJsonSelector(String json, String message) throws Exception {
    var node = MAPPER.readTree(json);
    assertThatThrownBy(() -> LabelSelector.fromJson(node))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(message));
  }

  @Test
  void formatting() throws Exception {
    assertThat(LabelSelector.formatLabels(Map.of())).isEqualTo("<none>");
    assertThat(LabelSelector.formatLabels(labels("b", "2", "a", "1"))).isEqualTo("a=1,b=2");
    assertThat(LabelSelector.formatLabelSelector(null)).isEqualTo("<none>");
    assertThat(LabelSelector.formatLabelSelector(MAPPER.readTree("{}"))).isEqualTo("<none>");
    assertThat(LabelSelector.formatLabelSelector(MAPPER.readTree("{\"matchLabels\":{\"app\":\"x\"}}"))).isEqualTo("app=x");
    assertThat(LabelSelector.formatLabelSelector(MAPPER.readTree("{\"matchExpressions\":[{\"key\":\"k\",\"operator\":\"Bad\"}]}"))).isEqualTo("<error>");
    assertThat(LabelSelector.fromSet(labels("b", "2", "a", "1")).toString()).isEqualTo("a=1,b=2");
    assertThat(LabelSelector.fromSet(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void requirementsAreSortedByKeyAndExposed() {
    var selector = LabelSelector.parse("b in (2,1),a");
    assertThat(selector.requirements()).containsExactly(
        new LabelSelector.Requirement("a", LabelSelector.Operator.EXISTS, List.of()),
        new LabelSelector.Requirement("b", LabelSelector.Operator.IN, List.of("1", "2")));
    assertThat(selector).isEqualTo(LabelSelector.parse("a,b in (1,2)"));
    assertThat(LabelSelector.parse("app=web,tier in (fe)").requiresExactMatch("app")).isEqualTo("web");
    assertThat(LabelSelector.parse("app=web,tier in (fe)").requiresExactMatch("tier")).isEqualTo("fe");
    assertThat(LabelSelector.parse("tier in (fe,be)").requiresExactMatch("tier")).isNull();
    assertThat(LabelSelector.parse("app!=web").requiresExactMatch("app")).isNull();
    assertThat(LabelSelector.parse("app=web").requiresExactMatch("other")).isNull();
  }
}
