package io.kube4j.scheduler;

import static io.kube4j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.controllers.runtime.FakeClock;
import io.kube4j.scheduler.framework.PodInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scheduling queue: ordering, backoff growth, and moves on cluster events. */
class SchedulingQueueTest {

  final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
  final SchedulingQueue queue = new SchedulingQueue(clock);

  static PodInfo info(String name, int priority) {
    return PodInfo.of(pod(name, b -> b.editSpec().withPriority(priority).endSpec()));
  }

  String popName() throws InterruptedException {
    var e = queue.pop(Duration.ZERO);
    return e == null ? null : e.pod().name();
  }

  @Test
  void higherPriorityFirstThenOldest() throws Exception {
    queue.addOrUpdate(info("low", 0));
    clock.advance(Duration.ofMillis(1));
    queue.addOrUpdate(info("high", 100));
    clock.advance(Duration.ofMillis(1));
    queue.addOrUpdate(info("low2", 0));
    assertThat(List.of(popName(), popName(), popName())).containsExactly("high", "low", "low2");
    assertThat(popName()).isNull();
  }

  static Stream<Arguments> backoffs() {
    // attempts -> backoff after the failure: 1 s doubling, capped at 10 s
    return Stream.of(Arguments.of(1, 1), Arguments.of(2, 2), Arguments.of(3, 4), Arguments.of(4, 8), Arguments.of(5, 10), Arguments.of(8, 10));
  }

  @ParameterizedTest(name = "after {0} attempts the backoff is {1} s")
  @MethodSource("backoffs")
  void backoffDoublesUpToTenSeconds(int attempts, int seconds) throws Exception {
    queue.addOrUpdate(info("p", 0));
    SchedulingQueue.Entry e = null;
    for (int i = 0; i < attempts; i++) {
      clock.advance(Duration.ofMinutes(1));
      e = queue.pop(Duration.ZERO);
      assertThat(e).as("attempt %d", i + 1).isNotNull();
      queue.retryAfterBackoff(e);
    }
    clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
    assertThat(queue.pop(Duration.ZERO)).isNull();
    clock.advance(Duration.ofMillis(1));
    assertThat(queue.pop(Duration.ZERO)).isSameAs(e);
  }

  @Test
  void unschedulablePodsWaitForAClusterEvent() throws Exception {
    queue.addOrUpdate(info("p", 0));
    var e = queue.pop(Duration.ZERO);
    queue.unschedulable(e);
    clock.advance(Duration.ofMinutes(1));
    assertThat(queue.pop(Duration.ZERO)).as("no event yet").isNull();
    assertThat(queue.sizes()).containsExactly(0, 0, 1);
    queue.moveAllUnschedulable();
    assertThat(queue.pop(Duration.ZERO)).isSameAs(e);
  }

  @Test
  void eventDuringTheCycleSendsThePodToBackoffInsteadOfWaiting() throws Exception {
    queue.addOrUpdate(info("p", 0));
    var e = queue.pop(Duration.ZERO);
    queue.moveAllUnschedulable(); // a node was added while the pod was being scheduled
    queue.unschedulable(e);
    assertThat(queue.sizes()).containsExactly(0, 1, 0);
    clock.advance(Duration.ofSeconds(1));
    assertThat(queue.pop(Duration.ZERO)).isSameAs(e);
  }

  @Test
  void eventWhileStillBackingOffMovesToBackoff() throws Exception {
    queue.addOrUpdate(info("p", 0));
    var e = queue.pop(Duration.ZERO);
    queue.unschedulable(e);
    queue.moveAllUnschedulable();
    assertThat(queue.sizes()).containsExactly(0, 1, 0);
  }

  @Test
  void unschedulablePodsAreRetriedAfterFiveMinutesAnyway() throws Exception {
    queue.addOrUpdate(info("p", 0));
    var e = queue.pop(Duration.ZERO);
    queue.unschedulable(e);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(queue.pop(Duration.ZERO)).isSameAs(e);
  }

  @Test
  void deletedPodsLeaveTheQueue() throws Exception {
    queue.addOrUpdate(info("a", 0));
    queue.addOrUpdate(info("b", 0));
    queue.delete("default/a");
    assertThat(popName()).isEqualTo("b");
    assertThat(popName()).isNull();
  }
}
