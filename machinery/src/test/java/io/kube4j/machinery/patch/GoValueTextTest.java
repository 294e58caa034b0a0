package io.kube4j.machinery.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error messages quote values as Go's fmt prints them; these are the forms upstream's messages contain. */
class GoValueTextTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\":\"b\",\"image\":\"x\"} | map[image:x name:b]",
      "{\"$patch\":\"delete\",\"a\":{\"c\":[1,2]}} | map[$patch:delete a:map[c:[1 2]]]",
      "[1,\"a\",null,true] | [1 a <nil> true]",
      "1.5 | 1.5",
      "100.0 | 100",
      "1e21 | 1e+21",
      "0.00001 | 1e-05",
      "-2.5e-7 | -2.5e-07",
      "123456789012 | 123456789012",
      "{} | map[]"})
  void formatsLikeGo(String json, String expected) throws Exception {
    assertThat(GoValueText.format(JSON.readTree(json))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\"merge\" | merge",
      "1 | %!s(int64=1)",
      "1.5 | %!s(float64=1.5)",
      "true | %!s(bool=true)",
      "null | %!s(<nil>)"})
  void formatsVerbSLikeGo(String json, String expected) throws Exception {
    assertThat(GoValueText.formatVerbS(JSON.readTree(json))).isEqualTo(expected);
  }
}
