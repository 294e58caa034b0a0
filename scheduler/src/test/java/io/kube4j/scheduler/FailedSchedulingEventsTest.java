package io.kube4j.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.controllers.runtime.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailedSchedulingEventsTest {

  /** One step: a failure (message) after some time, or the pod being forgotten (message null). */
  record Step(Duration after, String message) {
    static Step fail(long seconds, String message) {
      return new Step(Duration.ofSeconds(seconds), message);
    }

    static Step forget() {
      return new Step(Duration.ZERO, null);
    }
  }

  /** Records the writes as "create NAME count=1 msg" and "patch NAME count=N". */
  static final class RecordingWriter implements FailedSchedulingEvents.Writer {
    final List<String> writes = new ArrayList<>();
    final List<String> names = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<?> create(String namespace, ObjectNode event) {
      names.add(event.path("metadata").path("name").asText());
      writes.add("create #" + names.size() + " count=" + event.path("count").asInt() + " " + event.path("message").asText()
          + " last=" + event.path("lastTimestamp").asText());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<?> patch(String namespace, String name, ObjectNode patch) {
      writes.add("patch #" + (names.indexOf(name) + 1) + " count=" + patch.path("count").asInt() + " last=" + patch.path("lastTimestamp").asText());
      return CompletableFuture.completedFuture(null);
    }
  }

  static Stream<Arguments> cases() {
    var a = "0/3 nodes are available: 3 Insufficient cpu.";
    var b = "0/4 nodes are available: 4 Insufficient cpu.";
    return Stream.of(
        Arguments.of("one failure, one event", List.of(Step.fail(0, a)),
            List.of("create #1 count=1 " + a + " last=2026-01-01T00:00:00Z")),
        Arguments.of("repeats fold into the first event", List.of(Step.fail(0, a), Step.fail(30, a), Step.fail(90, a)),
            List.of("create #1 count=1 " + a + " last=2026-01-01T00:00:00Z", "patch #1 count=2 last=2026-01-01T00:00:30Z",
                "patch #1 count=3 last=2026-01-01T00:02:00Z")),
        Arguments.of("a new message is a new event", List.of(Step.fail(0, a), Step.fail(5, b), Step.fail(5, b)),
            List.of("create #1 count=1 " + a + " last=2026-01-01T00:00:00Z", "create #2 count=1 " + b + " last=2026-01-01T00:00:05Z",
                "patch #2 count=2 last=2026-01-01T00:00:10Z")),
        Arguments.of("after ten minutes a repeat starts a new event", List.of(Step.fail(0, a), Step.fail(599, a), Step.fail(1, a)),
            List.of("create #1 count=1 " + a + " last=2026-01-01T00:00:00Z", "patch #1 count=2 last=2026-01-01T00:09:59Z",
                "create #2 count=1 " + a + " last=2026-01-01T00:10:00Z")),
        Arguments.of("a forgotten pod starts over", List.of(Step.fail(0, a), Step.forget(), Step.fail(1, a)),
            List.of("create #1 count=1 " + a + " last=2026-01-01T00:00:00Z", "create #2 count=1 " + a + " last=2026-01-01T00:00:01Z")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void repeatedFailuresOfOnePodBecomeOneEventWithACount(String name, List<Step> steps, List<String> expected) {
    var clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    var writer = new RecordingWriter();
    var events = new FailedSchedulingEvents(writer, clock, "default-scheduler");
    for (var step : steps) {
      clock.advance(step.after());
      if (step.message() == null) {
        events.forget("uid-1");
      } else {
        events.record("default", "web-0", "uid-1", step.message());
      }
    }
    assertThat(writer.writes).containsExactlyElementsOf(expected);
  }

  @org.junit.jupiter.api.Test
  void aRepeatWaitsForTheCreateItPatches() {
    var clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    var created = new CompletableFuture<Void>();
    var order = new ArrayList<String>();
    var events = new FailedSchedulingEvents(new FailedSchedulingEvents.Writer() {
      @Override
      public CompletableFuture<?> create(String namespace, ObjectNode event) {
        order.add("create sent");
        return created.thenRun(() -> order.add("create done"));
      }

      @Override
      public CompletableFuture<?> patch(String namespace, String name, ObjectNode patch) {
        order.add("patch sent");
        return CompletableFuture.completedFuture(null);
      }
    }, clock, "default-scheduler");
    events.record("default", "web-0", "uid-1", "no nodes");
    events.record("default", "web-0", "uid-1", "no nodes");
    assertThat(order).containsExactly("create sent");
    created.complete(null);
    assertThat(events.pending("uid-1")).isCompleted();
    assertThat(order).containsExactly("create sent", "create done", "patch sent");
  }
}
