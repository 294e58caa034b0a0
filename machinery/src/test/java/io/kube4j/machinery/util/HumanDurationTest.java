package io.kube4j.machinery.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0}s -> {1}")
  @CsvSource({
      "-3, <invalid>",
      "-2, <invalid>",
      "-1, 0s",
      "0, 0s",
      "1, 1s",
      "59, 59s",
      "119, 119s",
      "120, 2m",
      "150, 2m30s",
      "599, 9m59s",
      "600, 10m",
      "659, 10m",
      "10740, 179m",
      "10800, 3h",
      "12600, 3h30m",
      "28740, 7h59m",
      "28800, 8h",
      "172799, 47h",
      "172800, 2d",
      "190800, 2d5h",
      "687600, 7d23h",
      "691200, 8d",
      "62985600, 729d",
      "63072000, 2y",
      "63936000, 2y10d",
      "252288000, 8y",
      "315360000, 10y",
  })
  void formatsLikeUpstream(long seconds, String expected) {
    assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  @Test
  void fractionalSecondsTruncateTowardZero() {
    assertThat(HumanDuration.format(Duration.ofMillis(-1500))).isEqualTo("0s");
    assertThat(HumanDuration.format(Duration.ofMillis(-2500))).isEqualTo("<invalid>");
    assertThat(HumanDuration.format(Duration.ofMillis(59_999))).isEqualTo("59s");
  }

  @Test
  void sinceAbsentIsUnknown() {
    var now = Instant.parse("2024-01-01T00:10:00Z");
    assertThat(HumanDuration.since(null, now)).isEqualTo("<unknown>");
    assertThat(HumanDuration.since(Instant.parse("2024-01-01T00:00:00Z"), now)).isEqualTo("10m");
  }
}
