package io.kube4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "100m, 100m",
      "1Gi, 1Gi",
      "1024Mi, 1Gi",
      "1536Mi, 1536Mi",
      "0.5Gi, 512Mi",
      "0.5, 500m",
      "1.5, 1500m",
      "1000, 1k",
      "1500, 1500",
      "1e3, 1e3",
      "1.5e3, 1500",
      "12e6, 12e6",
      "1E3, 1e3",
      "0, 0",
      "0Gi, 0",
      "-1, -1",
      "-100m, -100m",
      "+2, 2",
      "1Ki, 1Ki",
      "0.5Ki, 512",
      "1.5Ki, 1536",
      "100Ki, 100Ki",
      "2000Mi, 2000Mi",
      "0.1Gi, 107374182400m",
      "1000000, 1M",
      "1000m, 1",
      "0.0000000001, 1n",
      "5n, 5n",
      "1u, 1u",
      "1.0, 1",
      ".5, 500m",
      "250M, 250M",
      "64974848, 64974848",
      "128974848, 128974848",
      "129e6, 129e6",
      "123Mi, 123Mi",
      "1e-3, 1e-3",
      "2E, 2E",
      "3Ti, 3Ti",
  })
  void canonicalForm(String input, String expected) {
    assertThat(Quantity.parse(input).toString()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1Gb", "1.2.3", "1 Gi", "Gi", "--1", "1e", "1ee3", "1kk", "0x10", "1Mi1"})
  void rejectsMalformed(String input) {
    assertThatThrownBy(() -> Quantity.parse(input))
        .isInstanceOf(Quantity.FormatException.class)
        .hasMessageContaining("quantities must match the regular expression");
  }

  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource({
      "1, 1000m, 0",
      "1Gi, 1073741824, 0",
      "1G, 1Gi, -1",
      "500m, 0.5, 0",
      "2, 1999m, 1",
      "1Ki, 1k, 1",
  })
  void compares(String a, String b, int expected) {
    assertThat(Integer.signum(Quantity.parse(a).compareTo(Quantity.parse(b)))).isEqualTo(expected);
    assertThat(Quantity.parse(a).equals(Quantity.parse(b))).isEqualTo(expected == 0);
  }

  @ParameterizedTest(name = "{0}: value {1}, milli {2}")
  @CsvSource({
      "100m, 1, 100",
      "1.5, 2, 1500",
      "1Ki, 1024, 1024000",
      "1n, 1, 1",
      "2, 2, 2000",
  })
  void scaledValues(String input, long value, long milli) {
    var q = Quantity.parse(input);
    assertThat(q.value()).isEqualTo(value);
    assertThat(q.milliValue()).isEqualTo(milli);
  }

  @org.junit.jupiter.api.Test
  void arithmeticKeepsTheFirstFormat() {
    assertThat(Quantity.parse("1Gi").add(Quantity.parse("1Gi")).toString()).isEqualTo("2Gi");
    assertThat(Quantity.parse("1").subtract(Quantity.parse("250m")).toString()).isEqualTo("750m");
    assertThat(Quantity.ofMillis(1500).toString()).isEqualTo("1500m");
  }
}
