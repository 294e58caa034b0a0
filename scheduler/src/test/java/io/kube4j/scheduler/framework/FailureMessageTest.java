package io.kube4j.scheduler.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The FailedScheduling message, as upstream formats it. */
class FailureMessageTest {

  static FilterResult.Rejected taint() {
    return new FilterResult.Rejected(List.of("node(s) had untolerated taint {key: value}"), true);
  }

  static FilterResult.Rejected cpu() {
    return new FilterResult.Rejected(List.of("Insufficient cpu"), false);
  }

  static Map<String, FilterResult.Rejected> nodes(FilterResult.Rejected... rejections) {
    var map = new LinkedHashMap<String, FilterResult.Rejected>();
    for (int i = 0; i < rejections.length; i++) {
      map.put("node-" + i, rejections[i]);
    }
    return map;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(3, nodes(taint(), cpu(), cpu()),
            "0/3 nodes are available: 1 node(s) had untolerated taint {key: value}, 2 Insufficient cpu. "
                + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."),
        Arguments.of(3, nodes(taint(), taint(), taint()),
            "0/3 nodes are available: 3 node(s) had untolerated taint {key: value}. "
                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."),
        Arguments.of(2, nodes(new FilterResult.Rejected(List.of("Insufficient cpu", "Insufficient memory"), false), cpu()),
            "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. "
                + "preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."),
        Arguments.of(0, nodes(), "no nodes available to schedule pods"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void message(int total, Map<String, FilterResult.Rejected> rejections, String expected) {
    assertThat(FailureMessage.of(total, rejections)).isEqualTo(expected);
  }
}
