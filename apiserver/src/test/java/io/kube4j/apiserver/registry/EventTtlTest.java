package io.kube4j.apiserver.registry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.storage.MemoryStorage;
import io.kube4j.storage.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Event expiry driven by a fake clock, one sweep per fake minute as the background thread does. */
class EventTtlTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** A clock the test moves. */
  private static final class FakeClock extends Clock {
    private Instant now = START;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    void setMinute(int minute) {
      now = START.plus(Duration.ofMinutes(minute));
    }
  }

  private final MemoryStorage storage = new MemoryStorage();
  private final FakeClock clock = new FakeClock();
  private final EventTtl ttl = EventTtl.manual(storage, clock, Duration.ofHours(1));
  private int minute = -1;

  /** Sweeps at every minute after the last one up to {@code last} included; returns how many it deleted. */
  private int sweepThrough(int last) {
    int deleted = 0;
    while (minute < last) {
      clock.setMinute(++minute);
      deleted += ttl.sweep();
    }
    return deleted;
  }

  @Test
  void anEventExpiresOneTtlAfterItsLastWriteAsTheStoreSawIt() throws Exception {
    sweepThrough(5);
    var a = storage.create("/registry/events/default/a", event("a", null));
    storage.create("/registry/pods/default/p", "{}".getBytes(UTF_8));
    sweepThrough(20);
    storage.create("/registry/events/default/b", event("b", null));
    sweepThrough(30);
    // Its lastTimestamp claims an old time: the store's revision decides, not the object.
    storage.update(a.key(), event("a", "2020-01-01T00:00:00Z"), a.modRevision());

    assertThat(sweepThrough(80)).isZero();
    assertThat(storage.get("/registry/events/default/b")).isPresent();
    var watch = storage.watch("/registry/events/", 0);

    assertThat(sweepThrough(81)).isEqualTo(1);
    assertThat(storage.get("/registry/events/default/b")).isEmpty();
    assertThat(watch.next(Duration.ofSeconds(5))).get().isInstanceOf(WatchEvent.Delete.class);

    assertThat(sweepThrough(90)).isZero();
    assertThat(storage.get("/registry/events/default/a")).isPresent();
    assertThat(sweepThrough(91)).isEqualTo(1);
    assertThat(storage.get("/registry/events/default/a")).isEmpty();
    assertThat(storage.get("/registry/pods/default/p")).as("only events expire").isPresent();
    watch.close();
  }

  static Stream<Arguments> eventsFromBeforeTheStart() {
    return Stream.of(
        Arguments.of("lastTimestamp two hours ago", """
            {"lastTimestamp":"2025-12-31T22:00:00Z","metadata":{"creationTimestamp":"2025-12-31T21:00:00Z"}}""", 0),
        Arguments.of("lastTimestamp ten minutes ago", """
            {"lastTimestamp":"2025-12-31T23:50:00Z","metadata":{"creationTimestamp":"2025-12-31T21:00:00Z"}}""", 50),
        Arguments.of("eventTime with microseconds", """
            {"eventTime":"2025-12-31T23:30:00.123456Z"}""", 31),
        Arguments.of("series.lastObservedTime newest", """
            {"eventTime":"2025-12-31T20:00:00.000000Z","series":{"count":3,"lastObservedTime":"2025-12-31T23:40:00.000000Z"}}""", 40),
        Arguments.of("a managedFields time newer than the rest", """
            {"lastTimestamp":"2025-12-31T20:00:00Z","metadata":{"managedFields":[{"time":"2025-12-31T23:45:00Z"}]}}""", 45),
        Arguments.of("no timestamp at all", "{}", 60),
        Arguments.of("a malformed timestamp", """
            {"lastTimestamp":"yesterday"}""", 60),
        Arguments.of("not JSON", "\u0000k8s", 60));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventsFromBeforeTheStart")
  void anEventWrittenBeforeTheFirstSweepCountsFromItsNewestTimestamp(String what, String json, int goneAtMinute) {
    storage.create("/registry/events/kube-system/old", json.getBytes(UTF_8));
    if (goneAtMinute > 0) {
      sweepThrough(goneAtMinute - 1);
      assertThat(storage.get("/registry/events/kube-system/old")).as("at minute %d", minute).isPresent();
    }
    assertThat(sweepThrough(goneAtMinute)).isEqualTo(1);
    assertThat(storage.get("/registry/events/kube-system/old")).isEmpty();
  }

  @Test
  void aSweepDeletesAcrossPages() {
    sweepThrough(0);
    for (int i = 0; i < 1_234; i++) {
      storage.create("/registry/events/ns" + (i % 7) + "/e" + i, event("e" + i, null));
    }
    assertThat(sweepThrough(61)).isEqualTo(1_234);
    assertThat(storage.count("/registry/events/")).isZero();
  }

  @Test
  void theBackgroundThreadSweepsUntilClosed() throws Exception {
    storage.create("/registry/events/default/old", event("old", "2020-01-01T00:00:00Z"));
    var sweeps = new java.util.concurrent.LinkedBlockingQueue<Duration>();
    try (var running = EventTtl.start(storage, clock, Duration.ofHours(1), EventTtl.DEFAULT_INTERVAL,
        interval -> {
          sweeps.put(interval);
          Thread.sleep(Long.MAX_VALUE); // until close() interrupts
        },
        e -> { throw new AssertionError(e); })) {
      assertThat(sweeps.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(EventTtl.DEFAULT_INTERVAL);
      assertThat(storage.get("/registry/events/default/old")).isEmpty();
    }
  }

  private static byte[] event(String name, String lastTimestamp) {
    return ("{\"kind\":\"Event\",\"metadata\":{\"name\":\"" + name + "\"}"
        + (lastTimestamp == null ? "" : ",\"lastTimestamp\":\"" + lastTimestamp + "\"") + "}").getBytes(UTF_8);
  }
}
