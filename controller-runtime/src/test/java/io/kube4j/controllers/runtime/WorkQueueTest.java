package io.kube4j.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

  final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

  /** A queue without the shared bucket, so delays are exactly the per-item backoff. */
  WorkQueue queue() {
    return new WorkQueue(clock, new RateLimiter.ItemExponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(1000)));
  }

  @Test
  void keyQueuedTwiceIsProcessedOnce() {
    var q = queue();
    q.add("a");
    q.add("b");
    q.add("a");
    assertThat(q.length()).isEqualTo(2);
    assertThat(q.poll()).isEqualTo("a");
    assertThat(q.poll()).isEqualTo("b");
    assertThat(q.poll()).isNull();
  }

  @Test
  void keyAddedWhileProcessingIsRequeuedOnlyAfterDone() {
    var q = queue();
    q.add("a");
    assertThat(q.poll()).isEqualTo("a");
    q.add("a");
    q.add("a");
    assertThat(q.poll()).as("a second worker must not get a key in process").isNull();
    q.done("a");
    assertThat(q.poll()).isEqualTo("a");
    q.done("a");
    assertThat(q.poll()).isNull();
  }

  @Test
  void doneWithoutReAddDoesNotRequeue() {
    var q = queue();
    q.add("a");
    q.poll();
    q.done("a");
    assertThat(q.length()).isZero();
  }

  static Stream<Arguments> backoff() {
    return Stream.of(
        Arguments.of(1, List.of(5L)),
        Arguments.of(3, List.of(5L, 10L, 20L)),
        Arguments.of(6, List.of(5L, 10L, 20L, 40L, 80L, 160L)));
  }

  @ParameterizedTest
  @MethodSource("backoff")
  void rateLimitedAddsBackOffExponentially(int failures, List<Long> expectedMillis) {
    var q = queue();
    var observed = new ArrayList<Long>();
    for (int i = 0; i < failures; i++) {
      q.addRateLimited("a");
      long waited = 0;
      while (q.poll() == null) {
        clock.advance(Duration.ofMillis(1));
        waited++;
      }
      q.done("a");
      observed.add(waited);
    }
    assertThat(observed).isEqualTo(expectedMillis);
    assertThat(q.numRequeues("a")).isEqualTo(failures);
    q.forget("a");
    assertThat(q.numRequeues("a")).isZero();
  }

  static Stream<Arguments> capped() {
    return Stream.of(
        Arguments.of(18, Duration.ofMillis(5L << 17)),
        Arguments.of(19, Duration.ofSeconds(1000)),
        Arguments.of(20, Duration.ofSeconds(1000)),
        Arguments.of(100, Duration.ofSeconds(1000)));
  }

  @ParameterizedTest
  @MethodSource("capped")
  void backoffIsCappedAtThousandSeconds(int failures, Duration last) {
    var limiter = new RateLimiter.ItemExponentialBackoff(Duration.ofMillis(5), Duration.ofSeconds(1000));
    Duration d = Duration.ZERO;
    for (int i = 0; i < failures; i++) {
      d = limiter.when("a");
    }
    assertThat(d).isEqualTo(last);
  }

  @Test
  void tokenBucketAllowsBurstThenSpacesAtItsRate() {
    var bucket = new RateLimiter.TokenBucket(clock, 10, 100);
    for (int i = 0; i < 100; i++) {
      assertThat(bucket.when("k" + i)).isZero();
    }
    assertThat(bucket.when("x")).isEqualTo(Duration.ofMillis(100));
    assertThat(bucket.when("y")).isEqualTo(Duration.ofMillis(200));
    clock.advance(Duration.ofSeconds(1));
    assertThat(bucket.when("z")).as("a second refills ten tokens, paying off the debt of two").isZero();
  }

  @Test
  void defaultLimiterTakesTheLongerOfBackoffAndBucket() {
    var limiter = RateLimiter.controllerDefault(clock);
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    for (int i = 0; i < 99; i++) {
      limiter.when("b" + i);
    }
    assertThat(limiter.when("c")).as("bucket exhausted: 100 ms per token at 10/s").isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void addAfterKeepsTheEarliestDeadline() {
    var q = queue();
    q.addAfter("a", Duration.ofSeconds(10));
    q.addAfter("a", Duration.ofSeconds(2));
    q.addAfter("a", Duration.ofSeconds(5));
    clock.advance(Duration.ofSeconds(1));
    assertThat(q.poll()).isNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(q.poll()).isEqualTo("a");
    q.done("a");
    clock.advance(Duration.ofSeconds(20));
    assertThat(q.poll()).as("the later deadlines were merged into the first").isNull();
  }

  @Test
  void shutDownReleasesWaitingWorkers() throws Exception {
    var q = queue();
    var result = new Object[] {"unset"};
    var worker = Thread.ofVirtual().start(() -> {
      try {
        result[0] = q.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    q.shutDown();
    worker.join();
    assertThat(result[0]).isNull();
    q.add("a");
    assertThat(q.poll()).as("a shut-down queue accepts nothing").isNull();
  }
}
