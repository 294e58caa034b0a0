package io.kube4j.controllers.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisruptionControllerTest {

  @ParameterizedTest(name = "{0} of {1} is {2}")
  @CsvSource({
      "2, 10, 2",
      "0, 10, 0",
      "50%, 10, 5",
      "50%, 5, 3",
      "10%, 5, 1",
      "1%, 1, 1",
      "0%, 7, 0",
      "100%, 7, 7",
      "34%, 3, 2",
  })
  void integersStayAndPercentagesRoundUpAsUpstream(String value, int total, int expected) {
    var intOrString = value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
    assertThat(DisruptionController.scaled(intOrString, total)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"abc", "5"})
  void aStringThatIsNoPercentageIsRefused(String value) {
    assertThatThrownBy(() -> DisruptionController.scaled(new IntOrString(value), 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
