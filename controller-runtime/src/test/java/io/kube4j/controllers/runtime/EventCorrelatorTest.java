package io.kube4j.controllers.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kube4j.controllers.runtime.EventCorrelator.Occurrence;
import io.kube4j.controllers.runtime.EventCorrelator.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventCorrelatorTest {

  private static final Subject RS = new Subject("apps/v1", "ReplicaSet", "ns", "web-5d8", "uid-1");
  private static final Subject OTHER = new Subject("apps/v1", "ReplicaSet", "ns", "api-7f2", "uid-2");
  private static final Subject NODE = new Subject("v1", "Node", null, "node-1", "uid-3");

  /** One call: after {@code pause}, record {@code occurrence}; expect {@code outcome}. */
  record Step(Duration pause, Occurrence occurrence, String outcome) {}

  static Step step(Subject subject, String reason, String message, String outcome) {
    return new Step(Duration.ofSeconds(1), new Occurrence(subject, "Normal", reason, message), outcome);
  }

  static Step after(Duration wait, Subject subject, String reason, String message, String outcome) {
    return new Step(wait, new Occurrence(subject, "Normal", reason, message), outcome);
  }

  /** {@code create NAMESPACE MESSAGE}, {@code patch#COUNT MESSAGE} or {@code skip}. */
  static String describe(EventCorrelator.Write write) {
    if (write == null) {
      return "skip";
    }
    return write.patch() ? "patch#" + write.count() + " " + write.message() : "create " + write.namespace() + " " + write.message();
  }

  static List<Step> createdPods(Subject subject, int from, int to) {
    var steps = new ArrayList<Step>();
    for (int i = from; i <= to; i++) {
      var message = "Created pod: web-" + i;
      String outcome;
      if (i < EventCorrelator.MAX_SIMILAR) {
        outcome = "create ns " + message;
      } else if (i == EventCorrelator.MAX_SIMILAR) {
        outcome = "create ns " + EventCorrelator.COMBINED_PREFIX + message;
      } else if (i <= EventCorrelator.SPAM_BURST) {
        outcome = "patch#" + (i - EventCorrelator.MAX_SIMILAR + 1) + " " + EventCorrelator.COMBINED_PREFIX + message;
      } else {
        outcome = "skip";
      }
      steps.add(step(subject, "SuccessfulCreate", message, outcome));
    }
    return steps;
  }

  static Stream<Arguments> cases() {
    var burst = new ArrayList<>(createdPods(RS, 1, 30));
    // five minutes refill one token: the next combined write carries every count dropped meanwhile
    burst.add(after(Duration.ofMinutes(5), RS, "SuccessfulCreate", "Created pod: web-31",
        "patch#22 " + EventCorrelator.COMBINED_PREFIX + "Created pod: web-31"));
    burst.add(step(RS, "SuccessfulCreate", "Created pod: web-32", "skip"));
    // another object has its own budget
    burst.add(step(OTHER, "SuccessfulCreate", "Created pod: api-1", "create ns Created pod: api-1"));

    return Stream.of(
        Arguments.of("repeats of one event count up", List.of(
            step(RS, "FailedCreate", "quota exceeded", "create ns quota exceeded"),
            step(RS, "FailedCreate", "quota exceeded", "patch#2 quota exceeded"),
            after(Duration.ofHours(1), RS, "FailedCreate", "quota exceeded", "patch#3 quota exceeded"))),
        Arguments.of("a different reason or message is a new event", List.of(
            step(RS, "SuccessfulCreate", "Created pod: web-1", "create ns Created pod: web-1"),
            step(RS, "SuccessfulDelete", "Created pod: web-1", "create ns Created pod: web-1"),
            step(RS, "SuccessfulCreate", "Created pod: web-2", "create ns Created pod: web-2"))),
        Arguments.of("the tenth similar message starts one combined event; the 26th write is dropped", burst),
        Arguments.of("similar messages spread over more than ten minutes are not combined", List.of(
            step(RS, "Scaled", "m1", "create ns m1"),
            step(RS, "Scaled", "m2", "create ns m2"),
            step(RS, "Scaled", "m3", "create ns m3"),
            step(RS, "Scaled", "m4", "create ns m4"),
            step(RS, "Scaled", "m5", "create ns m5"),
            step(RS, "Scaled", "m6", "create ns m6"),
            step(RS, "Scaled", "m7", "create ns m7"),
            step(RS, "Scaled", "m8", "create ns m8"),
            step(RS, "Scaled", "m9", "create ns m9"),
            after(Duration.ofMinutes(11), RS, "Scaled", "m10", "create ns m10"))),
        Arguments.of("a repeat of a message still in the similar group is counted, not combined", List.of(
            step(RS, "Scaled", "m1", "create ns m1"),
            step(RS, "Scaled", "m2", "create ns m2"),
            step(RS, "Scaled", "m1", "patch#2 m1"))),
        Arguments.of("events about cluster-scoped objects go to the default namespace", List.of(
            step(NODE, "NodeNotReady", "Node node-1 status is now: NodeNotReady", "create default Node node-1 status is now: NodeNotReady"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void correlates(String name, List<Step> steps) {
    var correlator = new EventCorrelator();
    var now = Instant.parse("2026-11-23T12:00:00Z");
    for (int i = 0; i < steps.size(); i++) {
      var step = steps.get(i);
      now = now.plus(step.pause());
      assertEquals(step.outcome(), describe(correlator.correlate(step.occurrence(), now)), "step " + (i + 1));
    }
  }

  @Test
  void patchesKeepTheFirstEventsNameAndFirstTimestamp() {
    var correlator = new EventCorrelator();
    var start = Instant.parse("2026-11-23T12:00:00Z");
    var first = correlator.correlate(new Occurrence(RS, "Warning", "Probe", "failed"), start);
    var later = start.plusSeconds(30);
    var repeat = correlator.correlate(new Occurrence(RS, "Warning", "Probe", "failed"), later);
    assertEquals(first.name(), repeat.name());
    assertEquals(start, repeat.firstTimestamp());
    assertEquals(later, repeat.lastTimestamp());
  }
}
