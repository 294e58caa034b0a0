package io.kube4j.api.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "*/5 * * * *        | 2024-03-10T10:02:30Z | 2024-03-10T10:05Z",
      "0 * * * *          | 2024-03-10T10:00Z    | 2024-03-10T11:00Z",
      "@hourly            | 2024-03-10T10:59Z    | 2024-03-10T11:00Z",
      "@daily             | 2024-03-10T10:00Z    | 2024-03-11T00:00Z",
      "@midnight          | 2024-12-31T23:59Z    | 2025-01-01T00:00Z",
      "@weekly            | 2024-03-10T10:00Z    | 2024-03-17T00:00Z",
      "@monthly           | 2024-03-10T10:00Z    | 2024-04-01T00:00Z",
      "@yearly            | 2024-03-10T10:00Z    | 2025-01-01T00:00Z",
      "30 9 * * mon-fri   | 2024-03-09T12:00Z    | 2024-03-11T09:30Z",
      "0 0 29 2 *         | 2024-03-01T00:00Z    | 2028-02-29T00:00Z",
      "0 12 1 * 1         | 2024-03-02T00:00Z    | 2024-03-04T12:00Z",
      "0 0 * JAN,jul *    | 2024-03-02T00:00Z    | 2024-07-01T00:00Z",
      "15-45/15 2 * * *   | 2024-03-02T02:20Z    | 2024-03-02T02:30Z",
      "5/20 * * * *       | 2024-03-02T02:50Z    | 2024-03-02T03:05Z",
      "0 9 * * ?          | 2024-03-02T10:00Z    | 2024-03-03T09:00Z",
      "TZ=Asia/Tokyo 0 9 * * * | 2024-03-02T00:30Z | 2024-03-03T09:00+09:00[Asia/Tokyo]",
      "@every 90m         | 2024-03-02T00:00Z    | 2024-03-02T01:30Z",
  })
  void next(String spec, String after, String expected) throws Exception {
    var next = CronSchedule.parse(spec).next(ZonedDateTime.parse(after)).orElseThrow();
    assertThat(next.toInstant()).isEqualTo(ZonedDateTime.parse(expected).toInstant());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "* * * *            | expected exactly 5 fields, found 4: [* * * *]",
      "60 * * * *         | end of range (60) above maximum (59): 60",
      "* * 0 * *          | beginning of range (0) below minimum (1): 0",
      "* * * * 7          | end of range (7) above maximum (6): 7",
      "5-1 * * * *        | beginning of range (5) beyond end of range (1): 5-1",
      "*/0 * * * *        | step of range should be a positive number: */0",
      "a * * * *          | failed to parse int from a: strconv.Atoi: parsing \"a\": invalid syntax",
      "@fortnightly       | unrecognized descriptor: @fortnightly",
      "TZ=Nowhere/City * * * * * | provided bad location Nowhere/City: unknown time zone Nowhere/City",
  })
  void rejects(String spec, String message) {
    assertThatThrownBy(() -> CronSchedule.parse(spec)).isInstanceOf(CronSchedule.ParseException.class).hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void emptySpec() {
    assertThatThrownBy(() -> CronSchedule.parse("  ")).hasMessage("empty spec string");
  }
}
