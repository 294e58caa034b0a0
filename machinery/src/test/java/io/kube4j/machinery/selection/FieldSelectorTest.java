package io.kube4j.machinery.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.machinery.errors.ApiException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

  static Stream<Arguments> canonical() {
    return Stream.of(
        Arguments.of("", ""),
        Arguments.of("a=b", "a=b"),
        Arguments.of("a==b", "a=b"),
        Arguments.of("a!=b", "a!=b"),
        Arguments.of("b=c,a=b", "a=b,b=c"),
        Arguments.of("metadata.name=foo,status.phase!=Running", "metadata.name=foo,status.phase!=Running"),
        Arguments.of("a=", "a="),
        Arguments.of("a=b,", "a=b"),
        Arguments.of("a=b\\,c", "a=b\\,c"),
        Arguments.of("a=b\\=c", "a=b\\=c"),
        Arguments.of("a=b\\\\c", "a=b\\\\c"),
        Arguments.of("x=a\\,b,a=c", "a=c,x=a\\,b"));
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @MethodSource("canonical")
  void parsesToCanonicalForm(String text, String expected) {
    assertThat(FieldSelector.parse(text).toString()).isEqualTo(expected);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("foo", "invalid selector: 'foo'; can't understand 'foo'"),
        Arguments.of("a=b,foo", "invalid selector: 'a=b,foo'; can't understand 'foo'"),
        Arguments.of("a=b=c", "invalid field selector: unescaped character in value: 61"),
        Arguments.of("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
        Arguments.of("a=b\\x", "invalid field selector: invalid escape sequence: \\x"),
        Arguments.of("a=b\\", "invalid field selector: invalid escape sequence: \\"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("errors")
  void rejectsWithUpstreamMessage(String text, String message) {
    assertThatThrownBy(() -> FieldSelector.parse(text))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  static Stream<Arguments> matching() {
    var pod = Map.of("metadata.name", "web-1", "metadata.namespace", "default", "status.phase", "Running", "spec.nodeName", "");
    return Stream.of(
        Arguments.of("", pod, true),
        Arguments.of("metadata.name=web-1", pod, true),
        Arguments.of("metadata.name=web-2", pod, false),
        Arguments.of("metadata.name!=web-2", pod, true),
        Arguments.of("status.phase!=Running", pod, false),
        Arguments.of("spec.nodeName=", pod, true),
        Arguments.of("spec.nodeName!=", pod, false),
        Arguments.of("metadata.name=web-1,status.phase=Running", pod, true),
        Arguments.of("metadata.name=web-1,status.phase=Pending", pod, false),
        Arguments.of("missing.field=", pod, true),
        Arguments.of("missing.field=x", pod, false));
  }

  @ParameterizedTest(name = "[{0}] -> {2}")
  @MethodSource("matching")
  void matches(String selector, Map<String, String> fields, boolean expected) {
    assertThat(FieldSelector.parse(selector).matches(fields::get)).isEqualTo(expected);
  }

  @Test
  void escapedValuesAreMatchedUnescaped() {
    assertThat(FieldSelector.parse("a=x\\,y").matches(Map.of("a", "x,y")::get)).isTrue();
    assertThat(FieldSelector.escape("a,b=c\\d")).isEqualTo("a\\,b\\=c\\\\d");
  }

  @Test
  void reportsReferencedFieldsAndRejectsUnsupported() {
    var selector = FieldSelector.parse("spec.nodeName=n1,metadata.name=a,metadata.name!=b");
    assertThat(selector.fieldNames()).containsExactly("metadata.name", "spec.nodeName");
    assertThat(selector.exactMatch("metadata.name")).isEqualTo("a");
    assertThat(selector.exactMatch("status.phase")).isNull();
    selector.requireSupported(Set.of("metadata.name", "metadata.namespace", "spec.nodeName"));
    assertThatThrownBy(() -> selector.requireSupported(Set.of("metadata.name", "metadata.namespace")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("field label not supported: spec.nodeName");
        });
  }
}
