package io.kube4j.storage.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.ListPage;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.WatchStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Where a {@link WatchCache} answers from and how it copes with its backend; the contract itself is {@link WatchCacheConformanceTest}. */
class WatchCacheTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int RING = 5;

  private final ObservedStorage backend = new ObservedStorage();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (var closeable : toClose.reversed()) {
      closeable.close();
    }
  }

  private WatchCache cache(WatchCache.Options options) {
    var cache = WatchCache.start(backend, options);
    toClose.add(cache);
    return cache;
  }

  private WatchCache smallRing() {
    return cache(WatchCache.Options.defaults().withRing(RING, Long.MAX_VALUE));
  }

  // ---- watches: the ring's boundaries ----

  enum Start { BELOW_FLOOR, AT_FLOOR, INSIDE, AT_NEWEST, NOW }

  static Stream<Arguments> watchStarts() {
    return Stream.of(
        Arguments.of(Start.BELOW_FLOOR, true),
        Arguments.of(Start.AT_FLOOR, false),
        Arguments.of(Start.INSIDE, false),
        Arguments.of(Start.AT_NEWEST, false),
        Arguments.of(Start.NOW, false));
  }

  @ParameterizedTest(name = "from {0}: backend {1}")
  @MethodSource("watchStarts")
  void watchesReplayFromTheRingAndOlderStartsGoToTheBackend(Start start, boolean fromBackend) throws Exception {
    var cache = smallRing();
    for (int i = 0; i < 12; i++) {
      write(i % 2 == 0 ? "/registry/pods/ns/p" + (i % 3) : "/registry/configmaps/ns/c" + i, "v" + i);
    }
    awaitApplied(cache, backend.currentRevision());
    var stats = cache.stats();
    assertThat(stats.ringEvents()).isEqualTo(RING);
    long after = switch (start) {
      case BELOW_FLOOR -> stats.ringFloor() - 1;
      case AT_FLOOR -> stats.ringFloor();
      case INSIDE -> stats.ringFloor() + 2;
      case AT_NEWEST -> stats.appliedRevision();
      case NOW -> 0;
    };
    int watchesBefore = backend.watches.get();

    var stream = track(cache.watch("/registry/pods/", after));
    var later = write("/registry/pods/ns/late", "late");

    long from = after == 0 ? later.modRevision() - 1 : after;
    var expected = describe(drainUntil(track(backend.inner.watch("/registry/pods/", from)), later.modRevision()));
    assertThat(describe(drainUntil(stream, later.modRevision()))).containsExactlyElementsOf(expected);
    assertThat(backend.watches.get() - watchesBefore).isEqualTo(fromBackend ? 1 : 0);
    assertThat(cache.stats().watchesFromBackend()).isEqualTo(fromBackend ? 1 : 0);
  }

  @Test
  void watchFromACompactedRevisionFailsEvenWhenTheRingStillHoldsIt() {
    var cache = cache(WatchCache.Options.defaults());
    var first = write("/registry/pods/ns/a", "1");
    write("/registry/pods/ns/a", "2");
    write("/registry/pods/ns/a", "3");
    cache.compact(backend.currentRevision());

    assertThatThrownBy(() -> cache.watch("/registry/pods/", first.modRevision()))
        .isInstanceOf(StorageException.Compacted.class);
    assertThatThrownBy(() -> cache.list("/registry/pods/", first.modRevision(), "", 0))
        .isInstanceOf(StorageException.Compacted.class);
  }

  @Test
  void aWatcherThatFallsBehindExpiresWhileOthersKeepUp() throws Exception {
    var cache = cache(WatchCache.Options.defaults().withWatchBuffer(3));
    var slow = track(cache.watch("/registry/pods/", 0));
    var reader = track(cache.watch("/registry/pods/", 0));
    var received = new ArrayList<WatchEvent>();
    for (int i = 0; i < 10; i++) {
      var written = write("/registry/pods/ns/p" + i, "x");
      received.addAll(drainUntil(reader, written.modRevision()));
    }

    var seen = new ArrayList<WatchEvent>();
    Optional<WatchEvent> event;
    while ((event = slow.next(Duration.ofMillis(100))).isPresent()) {
      seen.add(event.get());
    }
    assertThat(seen).hasSizeLessThanOrEqualTo(4);
    assertThat(seen.getLast()).isInstanceOf(WatchEvent.Expired.class);
    assertThat(slow.isClosed()).isTrue();
    assertThat(received).hasSize(10).allMatch(WatchEvent.Put.class::isInstance);
    assertThat(reader.isClosed()).isFalse();
  }

  // ---- lists ----

  @Test
  void aListOfNowWaitsUntilTheCacheHasTheNewestWrite() throws Exception {
    var cache = cache(WatchCache.Options.defaults().withFreshnessTimeout(PATIENCE));
    write("/registry/pods/ns/a", "1");
    awaitApplied(cache, backend.currentRevision());
    int listsBefore = backend.lists.get();
    backend.hold(true);
    var written = write("/registry/pods/ns/b", "2");
    var result = new AtomicReference<ListPage>();

    var lister = Thread.ofVirtual().start(() -> result.set(cache.list("/registry/pods/", 0, "", 0)));
    awaitWaiting(lister);
    backend.hold(false);
    lister.join(PATIENCE);

    assertThat(result.get().items()).extracting(KeyValue::key).containsExactly("/registry/pods/ns/a", "/registry/pods/ns/b");
    assertThat(result.get().revision()).isGreaterThanOrEqualTo(written.modRevision());
    assertThat(backend.lists.get()).isEqualTo(listsBefore);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"list", "count"})
  void aReadOfNowGoesToTheBackendWhenTheCacheCannotCatchUpInTime(String read) {
    var cache = cache(WatchCache.Options.defaults().withFreshnessTimeout(Duration.ZERO));
    write("/registry/pods/ns/a", "1");
    awaitApplied(cache, backend.currentRevision());
    backend.hold(true);
    write("/registry/pods/ns/b", "2");
    int backendReads = backend.lists.get() + backend.counts.get();

    long seen = read.equals("list") ? cache.list("/registry/pods/", 0, "", 0).items().size() : cache.count("/registry/pods/");

    assertThat(seen).isEqualTo(2);
    assertThat(backend.lists.get() + backend.counts.get()).isEqualTo(backendReads + 1);
    assertThat(cache.stats().readsFromBackend()).isEqualTo(1);
  }

  static Stream<Arguments> pastLists() {
    var cases = new ArrayList<Arguments>();
    for (var prefix : List.of("/registry/pods/", "/registry/pods/ns/", "/registry/configmaps/", "/registry/", "")) {
      for (int back : new int[] {0, 1, 3, 7, 12, 13, 16}) {
        for (int limit : new int[] {0, 1, 2, 5}) {
          cases.add(Arguments.of(prefix, back, limit));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} revisions back, limit {2}")
  @MethodSource("pastLists")
  void listsAtPastRevisionsInTheRingAreTheBackendsExactPages(String prefix, int back, int limit) {
    var cache = cache(WatchCache.Options.defaults().withRing(12, Long.MAX_VALUE));
    for (int i = 0; i < 6; i++) {
      write("/registry/pods/ns/p" + i, "v0");
    }
    write("/registry/configmaps/ns/c", "v0");
    for (int i = 0; i < 12; i++) {
      // Updates, deletes and re-creates of keys inside and outside the listed prefixes.
      var key = i % 4 == 3 ? "/registry/configmaps/ns/c" : "/registry/pods/ns/p" + (i * 5 % 7);
      if (backend.get(key).isPresent() && i % 3 == 1) {
        backend.delete(key, 0);
      } else {
        write(key, "v" + (i + 1));
      }
    }
    long revision = backend.currentRevision() - back;
    awaitApplied(cache, backend.currentRevision());
    int listsBefore = backend.lists.get();

    var pages = new ArrayList<ListPage>();
    var expected = new ArrayList<ListPage>();
    String startAfter = "";
    do {
      pages.add(cache.list(prefix, revision, startAfter, limit));
      expected.add(backend.inner.list(prefix, revision, startAfter, limit));
      startAfter = pages.getLast().items().isEmpty() ? "" : pages.getLast().items().getLast().key();
    } while (pages.getLast().more());

    assertThat(pages).hasSameSizeAs(expected);
    for (int i = 0; i < pages.size(); i++) {
      assertThat(describe(pages.get(i))).isEqualTo(describe(expected.get(i)));
    }
    boolean inRing = revision >= cache.stats().ringFloor();
    assertThat(backend.lists.get() - listsBefore).isEqualTo(inRing ? 0 : pages.size());
  }

  @ParameterizedTest(name = "{0}: from memory {1}")
  @CsvSource({"/registry/pods/, true", "/registry/, true", "/registry, false", "'', false", "/other/, false"})
  void onlyPrefixesUnderTheRootAreServedFromMemory(String prefix, boolean fromMemory) throws Exception {
    var cache = cache(WatchCache.Options.defaults().withRoot("/registry/"));
    write("/registry/pods/ns/a", "1");
    write("/other/x", "1");
    int lists = backend.lists.get();
    int watches = backend.watches.get();

    var page = cache.list(prefix, 0, "", 0);
    var stream = track(cache.watch(prefix, 0));
    var later = write(prefix.startsWith("/registry/") ? prefix + "later/x" : "/other/later", "2");

    assertThat(page.items()).extracting(KeyValue::key).containsExactlyElementsOf(
        backend.inner.list(prefix, page.revision(), "", 0).items().stream().map(KeyValue::key).toList());
    assertThat(backend.lists.get() - lists).isEqualTo(fromMemory ? 0 : 1);
    assertThat(backend.watches.get() - watches).isEqualTo(fromMemory ? 0 : 1);
    if (prefix.isEmpty() || later.key().startsWith(prefix)) {
      assertThat(drainUntil(stream, later.modRevision())).extracting(WatchEvent::revision).containsExactly(later.modRevision());
    }
  }

  // ---- following the backend ----

  @Test
  void anExpiredBackendWatchIsResumedWithoutLosingAnEvent() throws Exception {
    var cache = cache(WatchCache.Options.defaults());
    var stream = track(cache.watch("/registry/pods/", 0));
    var first = write("/registry/pods/ns/a", "1");
    drainUntil(stream, first.modRevision());
    int watchesBefore = backend.watches.get();

    backend.hold(true);
    var second = write("/registry/pods/ns/a", "2");
    backend.expireWatches();
    var third = write("/registry/pods/ns/b", "3");
    backend.hold(false);

    assertThat(drainUntil(stream, third.modRevision())).extracting(WatchEvent::revision)
        .containsExactly(second.modRevision(), third.modRevision());
    assertThat(backend.watches.get()).isEqualTo(watchesBefore + 1);
    assertThat(cache.stats().relists()).isZero();
  }

  @Test
  void whenTheBackendCompactedTheMissedHistoryTheCacheRelistsAndClosesItsWatches() throws Exception {
    var cache = cache(WatchCache.Options.defaults().withFreshnessTimeout(PATIENCE));
    var stream = track(cache.watch("/registry/pods/", 0));
    var kept = write("/registry/pods/ns/kept", "1");
    var doomed = write("/registry/pods/ns/doomed", "1");
    drainUntil(stream, doomed.modRevision());

    backend.hold(true);
    var keptAgain = write("/registry/pods/ns/kept", "2");
    backend.delete("/registry/pods/ns/doomed", 0);
    var added = write("/registry/pods/ns/added", "1");
    backend.compact(backend.currentRevision());
    backend.expireWatches();
    backend.hold(false);

    var page = cache.list("/registry/pods/", 0, "", 0);
    assertThat(entries(page)).containsExactly("/registry/pods/ns/added=1@" + added.modRevision(),
        "/registry/pods/ns/kept=2@" + keptAgain.modRevision());
    assertThat(kept.createRevision()).isEqualTo(keptAgain.createRevision());
    assertThat(cache.stats().relists()).isEqualTo(1);
    assertThat(cache.stats().readsFromCache()).isEqualTo(1);
    assertThat(stream.next(PATIENCE)).isEmpty();
    assertThat(stream.isClosed()).isTrue();
    // A new watch from the present is served by the cache again.
    var again = track(cache.watch("/registry/pods/", 0));
    var next = write("/registry/pods/ns/next", "1");
    assertThat(drainUntil(again, next.modRevision())).extracting(WatchEvent::revision).containsExactly(next.modRevision());
  }

  @Test
  void closingTheCacheClosesItsWatchesAndTheBackend() throws Exception {
    var cache = WatchCache.start(backend);
    var stream = cache.watch("/registry/pods/", 0);

    cache.close();

    assertThat(stream.next(Duration.ofMillis(10))).isEmpty();
    assertThat(stream.isClosed()).isTrue();
    assertThatThrownBy(() -> backend.inner.get("/registry/pods/ns/a")).isInstanceOf(StorageException.Unavailable.class);
    assertThatThrownBy(() -> cache.list("/registry/pods/", 0, "", 0)).isInstanceOf(StorageException.Unavailable.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "null", value = {
      "/registry/pods/ns/a, /registry/pods/",
      "/registry/pods/, /registry/pods/",
      "/registry/pods, null",
      "/registry/, null",
      "'', null",
      "/other, null"})
  void bucketsAreTheFirstThreeSegments(String keyOrPrefix, String bucket) {
    assertThat(WatchCache.bucketOf(keyOrPrefix)).isEqualTo(bucket);
  }

  // ---- helpers ----

  private KeyValue write(String key, String value) {
    var current = backend.get(key);
    return current.isPresent()
        ? backend.update(key, value.getBytes(UTF_8), current.get().modRevision())
        : backend.create(key, value.getBytes(UTF_8));
  }

  private <T extends AutoCloseable> T track(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  private static void awaitApplied(WatchCache cache, long revision) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (cache.stats().appliedRevision() < revision) {
      assertThat(System.nanoTime()).as("the cache reaches revision %d", revision).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static void awaitWaiting(Thread thread) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
      assertThat(thread.isAlive()).as("the reader waits for the cache").isTrue();
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  /** Reads events until one at {@code revision} arrives, failing if the stream ends, expires or stalls first. */
  private static List<WatchEvent> drainUntil(WatchStream stream, long revision) throws InterruptedException {
    var events = new ArrayList<WatchEvent>();
    while (events.isEmpty() || events.getLast().revision() < revision) {
      var event = stream.next(PATIENCE);
      assertThat(event).as("an event up to revision %d", revision).isPresent();
      assertThat(event.get()).isNotInstanceOf(WatchEvent.Expired.class);
      events.add(event.get());
    }
    return events;
  }

  private static List<String> describe(List<WatchEvent> events) {
    return events.stream().map(event -> switch (event) {
      case WatchEvent.Put put -> event.revision() + " put " + put.current().key() + " " + new String(put.current().value(), UTF_8)
          + " was " + (put.previous() == null ? "none" : put.previous().modRevision());
      case WatchEvent.Delete delete -> event.revision() + " delete " + delete.previous().key() + " was " + delete.previous().modRevision();
      case WatchEvent.Expired expired -> "expired";
    }).toList();
  }

  private static List<String> describe(ListPage page) {
    var lines = new ArrayList<String>();
    page.items().forEach(kv -> lines.add(kv.key() + "=" + new String(kv.value(), UTF_8) + "@" + kv.modRevision()));
    lines.add("revision " + page.revision() + " more " + page.more() + " remaining " + page.remaining());
    return lines;
  }

  private static List<String> entries(ListPage page) {
    return page.items().stream().map(kv -> kv.key() + "=" + new String(kv.value(), UTF_8) + "@" + kv.modRevision()).toList();
  }
}
