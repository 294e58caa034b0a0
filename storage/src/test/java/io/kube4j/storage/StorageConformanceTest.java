package io.kube4j.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link Storage} backend must show. A backend's test extends this class and says how
 * to open it; everything else is checked here, identically for every backend.
 */
public abstract class StorageConformanceTest {

  /** Long enough for a loaded 2-core machine; only bounds how long a broken backend makes us wait. */
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Opens the backend with its data in {@code dir}; reopening the same {@code dir} must show the same data if {@link #survivesRestart()}. */
  protected abstract Storage open(Path dir);

  /** Like {@link #open}, with each watch holding at most {@code events} undelivered events before it expires. */
  protected abstract Storage openWithWatchBuffer(Path dir, int events);

  /** Whether data survives {@link Storage#close()} and reopening the same directory. */
  protected boolean survivesRestart() {
    return true;
  }

  @TempDir
  protected Path dir;

  protected Storage storage;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void openStorage() {
    storage = track(open(dir));
  }

  @AfterEach
  void closeAll() throws Exception {
    for (var closeable : toClose.reversed()) {
      closeable.close();
    }
  }

  protected <T extends AutoCloseable> T track(T closeable) {
    toClose.add(closeable);
    return closeable;
  }

  // ---- single-key semantics ----

  @Test
  void createThenGetReturnsTheStoredEntry() {
    long before = storage.currentRevision();
    assertThat(before).isGreaterThanOrEqualTo(1);

    var created = storage.create("/registry/pods/default/a", bytes("one"));

    assertThat(created.key()).isEqualTo("/registry/pods/default/a");
    assertThat(created.modRevision()).isGreaterThan(before).isEqualTo(created.createRevision());
    assertThat(storage.currentRevision()).isEqualTo(created.modRevision());
    var read = storage.get("/registry/pods/default/a").orElseThrow();
    assertThat(text(read)).isEqualTo("one");
    assertThat(read.createRevision()).isEqualTo(created.createRevision());
    assertThat(read.modRevision()).isEqualTo(created.modRevision());
    assertThat(storage.get("/registry/pods/default/b")).isEmpty();
  }

  @Test
  void createOfALiveKeyFailsAndChangesNothing() {
    var created = storage.create("/registry/pods/default/a", bytes("one"));

    assertThatThrownBy(() -> storage.create("/registry/pods/default/a", bytes("two")))
        .isInstanceOf(StorageException.KeyExists.class);

    assertThat(storage.currentRevision()).isEqualTo(created.modRevision());
    assertThat(text(storage.get("/registry/pods/default/a").orElseThrow())).isEqualTo("one");
  }

  @Test
  void createAfterDeleteStartsANewIncarnation() {
    var first = storage.create("/registry/pods/default/a", bytes("one"));
    storage.delete("/registry/pods/default/a", first.modRevision());

    var second = storage.create("/registry/pods/default/a", bytes("two"));

    assertThat(second.createRevision()).isEqualTo(second.modRevision()).isGreaterThan(first.createRevision());
    assertThat(text(storage.get("/registry/pods/default/a").orElseThrow())).isEqualTo("two");
  }

  @Test
  void updateWithTheCurrentRevisionReplacesTheValue() {
    var created = storage.create("/registry/pods/default/a", bytes("one"));

    var updated = storage.update("/registry/pods/default/a", bytes("two"), created.modRevision());

    assertThat(updated.createRevision()).isEqualTo(created.createRevision());
    assertThat(updated.modRevision()).isGreaterThan(created.modRevision());
    assertThat(text(updated)).isEqualTo("two");
    var read = storage.get("/registry/pods/default/a").orElseThrow();
    assertThat(text(read)).isEqualTo("two");
    assertThat(read.modRevision()).isEqualTo(updated.modRevision());
  }

  @Test
  void updateWithAStaleRevisionFailsAndCarriesTheWinner() {
    var created = storage.create("/registry/pods/default/a", bytes("one"));
    var winner = storage.update("/registry/pods/default/a", bytes("two"), created.modRevision());

    assertThatThrownBy(() -> storage.update("/registry/pods/default/a", bytes("three"), created.modRevision()))
        .isInstanceOfSatisfying(StorageException.RevisionMismatch.class, e -> {
          assertThat(e.current().modRevision()).isEqualTo(winner.modRevision());
          assertThat(text(e.current())).isEqualTo("two");
        });
    assertThat(storage.currentRevision()).isEqualTo(winner.modRevision());
  }

  static Stream<Arguments> writesToAMissingKey() {
    return Stream.of(
        Arguments.of("update of a key never created", false, (Write) (s, key, rev) -> s.update(key, bytes("x"), rev)),
        Arguments.of("update of a deleted key", true, (Write) (s, key, rev) -> s.update(key, bytes("x"), rev)),
        Arguments.of("delete of a key never created", false, (Write) (s, key, rev) -> s.delete(key, 0)),
        Arguments.of("delete of a deleted key", true, (Write) (s, key, rev) -> s.delete(key, 0)),
        Arguments.of("guarded delete of a deleted key", true, (Write) (s, key, rev) -> s.delete(key, rev)));
  }

  @FunctionalInterface
  interface Write {
    KeyValue apply(Storage storage, String key, long revision);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writesToAMissingKey")
  void writesToAMissingKeyFailWithNotFound(String name, boolean createAndDeleteFirst, Write write) {
    long revision = 1;
    if (createAndDeleteFirst) {
      revision = storage.create("/registry/pods/default/a", bytes("one")).modRevision();
      storage.delete("/registry/pods/default/a", 0);
    }
    long before = storage.currentRevision();
    long expected = revision;

    assertThatThrownBy(() -> write.apply(storage, "/registry/pods/default/a", expected))
        .isInstanceOf(StorageException.NotFound.class);
    assertThat(storage.currentRevision()).isEqualTo(before);
  }

  @Test
  void deleteReturnsTheLastValueAtTheRevisionOfTheDelete() {
    var created = storage.create("/registry/pods/default/a", bytes("one"));
    var updated = storage.update("/registry/pods/default/a", bytes("two"), created.modRevision());

    var deleted = storage.delete("/registry/pods/default/a", updated.modRevision());

    assertThat(text(deleted)).isEqualTo("two");
    assertThat(deleted.createRevision()).isEqualTo(created.createRevision());
    assertThat(deleted.modRevision()).isGreaterThan(updated.modRevision()).isEqualTo(storage.currentRevision());
    assertThat(storage.get("/registry/pods/default/a")).isEmpty();
    assertThat(storage.count("/registry/pods/")).isZero();
  }

  @Test
  void deleteWithAStaleRevisionFailsAndKeepsTheKey() {
    var created = storage.create("/registry/pods/default/a", bytes("one"));
    var updated = storage.update("/registry/pods/default/a", bytes("two"), created.modRevision());

    assertThatThrownBy(() -> storage.delete("/registry/pods/default/a", created.modRevision()))
        .isInstanceOfSatisfying(StorageException.RevisionMismatch.class,
            e -> assertThat(e.current().modRevision()).isEqualTo(updated.modRevision()));
    assertThat(storage.get("/registry/pods/default/a")).isPresent();
  }

  @Test
  void unguardedDeleteRemovesWhateverVersionIsLive() {
    var created = storage.create("/registry/pods/default/a", bytes("one"));
    storage.update("/registry/pods/default/a", bytes("two"), created.modRevision());

    var deleted = storage.delete("/registry/pods/default/a", 0);

    assertThat(text(deleted)).isEqualTo("two");
    assertThat(storage.get("/registry/pods/default/a")).isEmpty();
  }

  @Test
  void revisionsAreGlobalAndStrictlyIncreasingAcrossKeys() {
    var revisions = new ArrayList<Long>();
    revisions.add(storage.currentRevision());
    var a = storage.create("/registry/pods/default/a", bytes("1"));
    revisions.add(a.modRevision());
    var b = storage.create("/registry/configmaps/kube-system/b", bytes("1"));
    revisions.add(b.modRevision());
    revisions.add(storage.update("/registry/pods/default/a", bytes("2"), a.modRevision()).modRevision());
    revisions.add(storage.delete("/registry/configmaps/kube-system/b", 0).modRevision());
    revisions.add(storage.create("/registry/configmaps/kube-system/b", bytes("3")).modRevision());

    assertThat(revisions).isSorted().doesNotHaveDuplicates();
    assertThat(storage.currentRevision()).isEqualTo(revisions.getLast());
  }

  @Test
  void concurrentCompareAndSwapNeverLosesAnUpdate() throws Exception {
    int threads = 16;
    int incrementsEach = 20;
    var key = "/registry/counters/default/c";
    storage.create(key, bytes("0"));
    var successes = new AtomicInteger();
    var conflicts = new AtomicInteger();
    var revisions = new ConcurrentSkipListSet<Long>();

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        futures.add(executor.submit(() -> {
          for (int i = 0; i < incrementsEach; ) {
            var current = storage.get(key).orElseThrow();
            int next = Integer.parseInt(text(current)) + 1;
            try {
              var written = storage.update(key, bytes(Integer.toString(next)), current.modRevision());
              revisions.add(written.modRevision());
              successes.incrementAndGet();
              i++;
            } catch (StorageException.RevisionMismatch e) {
              conflicts.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (var future : futures) {
        future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
    }

    assertThat(successes.get()).isEqualTo(threads * incrementsEach);
    assertThat(revisions).hasSize(threads * incrementsEach);
    assertThat(text(storage.get(key).orElseThrow())).isEqualTo(Integer.toString(successes.get()));
  }

  @Test
  void concurrentCreatesOfOneKeyHaveExactlyOneWinner() throws Exception {
    int threads = 16;
    var winners = new ConcurrentSkipListSet<Long>();
    var losers = new AtomicInteger();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(executor.submit(() -> {
          try {
            winners.add(storage.create("/registry/pods/default/contested", bytes("t" + thread)).modRevision());
          } catch (StorageException.KeyExists e) {
            losers.incrementAndGet();
          }
          // Writes to other keys in the same moment succeed regardless of the contest.
          storage.create("/registry/pods/default/own-" + thread, bytes("mine"));
          return null;
        }));
      }
      for (var future : futures) {
        future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
    }

    assertThat(winners).hasSize(1);
    assertThat(losers.get()).isEqualTo(threads - 1);
    assertThat(storage.get("/registry/pods/default/contested").orElseThrow().modRevision()).isEqualTo(winners.first());
    assertThat(storage.count("/registry/pods/default/own-")).isEqualTo(threads);
  }

  // ---- lists ----

  @Test
  void listShowsThePresentAndThePast() {
    var a = storage.create("/registry/pods/default/a", bytes("a1"));
    storage.create("/registry/pods/default/b", bytes("b1"));
    storage.create("/registry/pods/default/c", bytes("c1"));
    long past = storage.currentRevision();
    storage.update("/registry/pods/default/a", bytes("a2"), a.modRevision());
    storage.delete("/registry/pods/default/c", 0);
    storage.create("/registry/pods/default/d", bytes("d1"));

    var now = storage.list("/registry/pods/", 0, "", 0);
    var then = storage.list("/registry/pods/", past, "", 0);

    assertThat(now.revision()).isEqualTo(storage.currentRevision());
    assertThat(contents(now)).containsExactly(
        Map.entry("/registry/pods/default/a", "a2"), Map.entry("/registry/pods/default/b", "b1"),
        Map.entry("/registry/pods/default/d", "d1"));
    assertThat(now.more()).isFalse();
    assertThat(now.remaining()).isZero();
    assertThat(then.revision()).isEqualTo(past);
    assertThat(contents(then)).containsExactly(
        Map.entry("/registry/pods/default/a", "a1"), Map.entry("/registry/pods/default/b", "b1"),
        Map.entry("/registry/pods/default/c", "c1"));
    assertThat(then.items().getFirst().modRevision()).isEqualTo(a.modRevision());
  }

  static Stream<Arguments> prefixes() {
    return Stream.of(
        Arguments.of("/registry/pods/a/", List.of("/registry/pods/a/x", "/registry/pods/a/y")),
        Arguments.of("/registry/pods/ab/", List.of("/registry/pods/ab/x")),
        Arguments.of("/registry/pods/", List.of("/registry/pods/a/x", "/registry/pods/a/y", "/registry/pods/ab/x", "/registry/pods/b/x")),
        Arguments.of("/registry/pod/", List.of()),
        Arguments.of("/registry/", List.of("/registry/pods/a/x", "/registry/pods/a/y", "/registry/pods/ab/x", "/registry/pods/b/x", "/registry/podsx/a/x")),
        Arguments.of("", List.of("/other", "/registry/pods/a/x", "/registry/pods/a/y", "/registry/pods/ab/x", "/registry/pods/b/x", "/registry/podsx/a/x")));
  }

  @ParameterizedTest(name = "prefix {0}")
  @MethodSource("prefixes")
  void listAndCountSelectExactlyThePrefix(String prefix, List<String> expected) {
    for (var key : List.of("/registry/pods/b/x", "/registry/pods/a/y", "/registry/podsx/a/x", "/registry/pods/ab/x",
        "/registry/pods/a/x", "/other")) {
      storage.create(key, bytes(key));
    }
    storage.create("/registry/pods/a/gone", bytes("gone"));
    storage.delete("/registry/pods/a/gone", 0);

    var page = storage.list(prefix, 0, "", 0);

    assertThat(page.items()).extracting(KeyValue::key).containsExactlyElementsOf(expected);
    assertThat(storage.count(prefix)).isEqualTo(expected.size());
  }

  static Stream<Arguments> pages() {
    return Stream.of(
        Arguments.of(1), Arguments.of(3), Arguments.of(7), Arguments.of(25), Arguments.of(26), Arguments.of(100));
  }

  @ParameterizedTest(name = "limit {0}")
  @MethodSource("pages")
  void paginationIsConsistentAtOneRevisionWhileWritesContinue(int limit) {
    int keys = 25;
    var expected = new TreeMap<String, String>();
    for (int i = 0; i < keys; i++) {
      var key = "/registry/secrets/ns/s%02d".formatted(i);
      storage.create(key, bytes("v0-" + i));
      expected.put(key, "v0-" + i);
    }
    storage.create("/registry/secrets/other", bytes("outside the page prefix"));
    storage.create("/registry/secretsx/ns/s00", bytes("outside the prefix"));

    var seen = new TreeMap<String, String>();
    var first = storage.list("/registry/secrets/ns/", 0, "", limit);
    long revision = first.revision();
    var page = first;
    int pagesRead = 1;
    int round = 0;
    while (true) {
      assertThat(page.revision()).isEqualTo(revision);
      assertThat(page.items().size()).isLessThanOrEqualTo(limit);
      page.items().forEach(kv -> seen.put(kv.key(), text(kv)));
      int after = seen.size();
      assertThat(page.remaining()).isEqualTo(keys - after);
      assertThat(page.more()).isEqualTo(after < keys);
      if (!page.more()) {
        break;
      }
      // Writes between pages touch keys before, at and after the page boundary.
      for (int i = 0; i < 4; i++, round++) {
        churn(keys, round);
      }
      page = storage.list("/registry/secrets/ns/", revision, page.items().getLast().key(), limit);
      pagesRead++;
    }

    assertThat(seen).isEqualTo(expected);
    assertThat(pagesRead).isEqualTo((keys + limit - 1) / limit);
  }

  private void churn(int keys, int round) {
    var key = "/registry/secrets/ns/s%02d".formatted((round * 7) % keys);
    var current = storage.get(key);
    if (current.isPresent() && round % 3 == 0) {
      storage.delete(key, 0);
    } else if (current.isPresent()) {
      storage.update(key, bytes("v" + round), current.get().modRevision());
    } else {
      storage.create(key, bytes("v" + round));
    }
    storage.create("/registry/secrets/ns/new-%05d".formatted(round), bytes("late"));
    storage.create("/registry/secrets/ns/s%02d-late-%03d".formatted(round % keys, round), bytes("late"));
  }

  @Test
  void listOfTheFutureFailsWithFutureRevision() {
    storage.create("/registry/pods/default/a", bytes("one"));
    long future = storage.currentRevision() + 1;

    assertThatThrownBy(() -> storage.list("/registry/pods/", future, "", 0))
        .isInstanceOf(StorageException.FutureRevision.class);
    assertThatThrownBy(() -> storage.watch("/registry/pods/", future + 10))
        .isInstanceOf(StorageException.FutureRevision.class);
  }

  // ---- watches ----

  @Test
  void watchFromARevisionDeliversEveryLaterChangeInOrderUnderConcurrentWriters() throws Exception {
    int writers = 8;
    int writesEach = 500;
    var prefix = "/registry/leases/";
    storage.create("/registry/unwatched/before", bytes("x"));
    long start = storage.currentRevision();
    var early = track(storage.watch(prefix, start));
    var acknowledged = new ConcurrentHashMap<Long, String>();
    var halfway = new CountDownLatch(writers);

    WatchStream late;
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(executor.submit(() -> {
          var key = prefix + "w" + writer + "/lease";
          KeyValue live = null;
          for (int i = 0; i < writesEach; i++) {
            if (i == writesEach / 2) {
              halfway.countDown();
            }
            if (live == null) {
              live = storage.create(key, bytes(writer + ":" + i));
              acknowledged.put(live.modRevision(), "put " + key + " " + writer + ":" + i);
            } else if (i % 10 == 9) {
              var deleted = storage.delete(key, live.modRevision());
              acknowledged.put(deleted.modRevision(), "delete " + key + " " + text(live));
              live = null;
            } else {
              live = storage.update(key, bytes(writer + ":" + i), live.modRevision());
              acknowledged.put(live.modRevision(), "put " + key + " " + writer + ":" + i);
            }
            if (i % 50 == 0) {
              storage.create("/registry/unwatched/" + writer + "-" + i, bytes("noise"));
            }
          }
          return null;
        }));
      }
      halfway.await();
      // Opened while the writers run: its replay must meet the live events exactly.
      late = track(storage.watch(prefix, start));
      for (var future : futures) {
        future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
    }

    var expected = new ArrayList<>(new TreeMap<>(acknowledged).values());
    assertThat(acknowledged).hasSize(writers * writesEach);
    assertThat(describe(drain(early, writers * writesEach))).containsExactlyElementsOf(expected);
    assertThat(describe(drain(late, writers * writesEach))).containsExactlyElementsOf(expected);
    var replayedLater = track(storage.watch(prefix, start));
    assertThat(describe(drain(replayedLater, writers * writesEach))).containsExactlyElementsOf(expected);
  }

  @Test
  void watchFromZeroStartsNow() throws Exception {
    storage.create("/registry/pods/default/before", bytes("old"));
    var stream = track(storage.watch("/registry/pods/", 0));
    assertThat(stream.progressRevision()).isEqualTo(storage.currentRevision());

    var after = storage.create("/registry/pods/default/after", bytes("new"));

    var event = stream.next(PATIENCE).orElseThrow();
    assertThat(event).isInstanceOfSatisfying(WatchEvent.Put.class, put -> {
      assertThat(put.current().key()).isEqualTo("/registry/pods/default/after");
      assertThat(put.created()).isTrue();
    });
    assertThat(event.revision()).isEqualTo(after.modRevision());
    assertThat(stream.next(Duration.ofMillis(50))).isEmpty();
  }

  @Test
  void watchSeesOnlyItsPrefixButItsProgressFollowsEveryWrite() throws Exception {
    var stream = track(storage.watch("/registry/pods/a/", 0));

    storage.create("/registry/pods/ab/x", bytes("sibling"));
    var unrelated = storage.create("/registry/services/a/x", bytes("unrelated"));
    assertThat(awaitProgress(stream, unrelated.modRevision())).isEmpty();

    var mine = storage.create("/registry/pods/a/x", bytes("mine"));
    storage.create("/registry/pods/ab/y", bytes("sibling"));

    var event = stream.next(PATIENCE).orElseThrow();
    assertThat(event.revision()).isEqualTo(mine.modRevision());
    assertThat(stream.next(Duration.ofMillis(50))).isEmpty();
    assertThat(awaitProgress(stream, storage.currentRevision())).isEmpty();
  }

  @Test
  void progressNeverPassesAnUndeliveredEvent() throws Exception {
    var stream = track(storage.watch("/registry/pods/", 0));
    long start = stream.progressRevision();
    var first = storage.create("/registry/pods/default/a", bytes("1"));
    storage.create("/registry/other/x", bytes("noise"));

    // The event is queued (or about to be): progress may not claim it before it is read.
    assertThat(stream.progressRevision()).isLessThan(first.modRevision()).isGreaterThanOrEqualTo(start);
    assertThat(stream.next(PATIENCE).orElseThrow().revision()).isEqualTo(first.modRevision());
    assertThat(awaitProgress(stream, storage.currentRevision())).isEmpty();
  }

  @Test
  void watchEventsCarryThePreviousValue() throws Exception {
    var stream = track(storage.watch("/registry/pods/", 0));
    var created = storage.create("/registry/pods/default/a", bytes("one"));
    var updated = storage.update("/registry/pods/default/a", bytes("two"), created.modRevision());
    var deleted = storage.delete("/registry/pods/default/a", 0);
    long replayFrom = created.modRevision() - 1;

    for (var events : List.of(drain(stream, 3), drain(track(storage.watch("/registry/pods/", replayFrom)), 3))) {
      assertThat(events.get(0)).isInstanceOfSatisfying(WatchEvent.Put.class, put -> {
        assertThat(put.created()).isTrue();
        assertThat(text(put.current())).isEqualTo("one");
        assertThat(put.current().createRevision()).isEqualTo(created.createRevision());
      });
      assertThat(events.get(1)).isInstanceOfSatisfying(WatchEvent.Put.class, put -> {
        assertThat(put.created()).isFalse();
        assertThat(text(put.current())).isEqualTo("two");
        assertThat(put.current().modRevision()).isEqualTo(updated.modRevision());
        assertThat(text(put.previous())).isEqualTo("one");
        assertThat(put.previous().modRevision()).isEqualTo(created.modRevision());
      });
      assertThat(events.get(2)).isInstanceOfSatisfying(WatchEvent.Delete.class, delete -> {
        assertThat(delete.revision()).isEqualTo(deleted.modRevision());
        assertThat(text(delete.previous())).isEqualTo("two");
        assertThat(delete.previous().key()).isEqualTo("/registry/pods/default/a");
        assertThat(delete.previous().modRevision()).isEqualTo(updated.modRevision());
        assertThat(delete.previous().createRevision()).isEqualTo(created.createRevision());
      });
    }
  }

  @Test
  void closedWatchDeliversNothing() throws Exception {
    var stream = storage.watch("/registry/pods/", 0);
    stream.close();
    storage.create("/registry/pods/default/a", bytes("one"));

    assertThat(stream.isClosed()).isTrue();
    assertThat(stream.next(Duration.ofMillis(10))).isEmpty();
  }

  @Test
  void slowWatcherExpiresWithoutBlockingWriters() throws Exception {
    int buffer = 16;
    var small = track(openWithWatchBuffer(dir.resolve("small-buffer"), buffer));
    var slow = track(small.watch("/registry/pods/", 0));
    int writers = 4;
    int writesEach = 25;

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        futures.add(executor.submit(() -> {
          for (int i = 0; i < writesEach; i++) {
            small.create("/registry/pods/default/p-" + writer + "-" + i, bytes("x"));
          }
          return null;
        }));
      }
      // Nobody reads the slow watcher: the writers must still all finish.
      for (var future : futures) {
        future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      }
    }

    var seen = new ArrayList<WatchEvent>();
    Optional<WatchEvent> event;
    while ((event = slow.next(Duration.ofMillis(100))).isPresent()) {
      seen.add(event.get());
    }
    assertThat(seen).isNotEmpty().hasSizeLessThanOrEqualTo(buffer + 1);
    assertThat(seen.getLast()).isInstanceOf(WatchEvent.Expired.class);
    assertThat(slow.isClosed()).isTrue();
    assertThat(small.count("/registry/pods/")).isEqualTo(writers * writesEach);
  }

  // ---- compaction ----

  @Test
  void compactionKeepsEverythingFromTheFloorOnAndRejectsOlderRevisions() throws Exception {
    var stable = storage.create("/registry/pods/default/stable", bytes("never changes"));
    var churned = storage.create("/registry/pods/default/churned", bytes("0"));
    var doomed = storage.create("/registry/pods/default/doomed", bytes("doomed"));
    for (int i = 1; i <= 5; i++) {
      churned = storage.update("/registry/pods/default/churned", bytes(Integer.toString(i)), churned.modRevision());
    }
    storage.delete("/registry/pods/default/doomed", doomed.modRevision());
    long floor = storage.currentRevision();
    var atFloor = contents(storage.list("/registry/pods/", floor, "", 0));
    var later = storage.update("/registry/pods/default/churned", bytes("6"), churned.modRevision());
    var afterFloor = storage.create("/registry/pods/default/late", bytes("late"));

    storage.compact(floor);

    assertThat(storage.compactedRevision()).isEqualTo(floor);
    assertThatThrownBy(() -> storage.list("/registry/pods/", floor - 1, "", 0))
        .isInstanceOfSatisfying(StorageException.Compacted.class, e -> assertThat(e.compactedRevision()).isEqualTo(floor));
    assertThatThrownBy(() -> storage.watch("/registry/pods/", floor - 1))
        .isInstanceOf(StorageException.Compacted.class);
    assertThat(contents(storage.list("/registry/pods/", floor, "", 0))).isEqualTo(atFloor);
    assertThat(storage.get("/registry/pods/default/stable").orElseThrow().modRevision()).isEqualTo(stable.modRevision());

    var events = drain(track(storage.watch("/registry/pods/", floor)), 2);
    assertThat(events).extracting(WatchEvent::revision).containsExactly(later.modRevision(), afterFloor.modRevision());
    assertThat(events.getFirst()).isInstanceOfSatisfying(WatchEvent.Put.class,
        put -> assertThat(text(put.previous())).isEqualTo("5"));

    // Compacting again to an older floor changes nothing; the doomed key may be recreated.
    storage.compact(floor - 1);
    assertThat(storage.compactedRevision()).isEqualTo(floor);
    assertThat(storage.create("/registry/pods/default/doomed", bytes("again")).createRevision())
        .isGreaterThan(afterFloor.modRevision());
    assertThatThrownBy(() -> storage.compact(storage.currentRevision() + 1))
        .isInstanceOf(StorageException.FutureRevision.class);
  }

  @Test
  void compactionToTheCurrentRevisionKeepsEveryLiveKey() {
    var expected = new TreeMap<String, String>();
    for (int i = 0; i < 20; i++) {
      var key = "/registry/configmaps/ns/c" + i;
      var kv = storage.create(key, bytes("a" + i));
      if (i % 2 == 0) {
        kv = storage.update(key, bytes("b" + i), kv.modRevision());
      }
      if (i % 5 == 0) {
        storage.delete(key, kv.modRevision());
      } else {
        expected.put(key, text(kv));
      }
    }

    storage.compact(storage.currentRevision());

    assertThat(contents(storage.list("/registry/configmaps/", 0, "", 0))).isEqualTo(expected);
    assertThat(storage.count("/registry/configmaps/")).isEqualTo(expected.size());
  }

  // ---- restart ----

  @Test
  void restartKeepsDataRevisionsAndTheCompactionFloor() throws Exception {
    assumeTrue(survivesRestart(), "this backend keeps nothing across restarts");
    var a = storage.create("/registry/pods/default/a", bytes("a1"));
    a = storage.update("/registry/pods/default/a", bytes("a2"), a.modRevision());
    storage.create("/registry/pods/default/b", bytes("b1"));
    storage.compact(storage.currentRevision());
    long floor = storage.compactedRevision();
    storage.create("/registry/pods/default/c", bytes("c1"));
    long beforeDelete = storage.currentRevision();
    // The newest write is a tombstone that a compaction removes: the revision must still not go back.
    storage.delete("/registry/pods/default/c", 0);
    long lastRevision = storage.currentRevision();
    var now = contents(storage.list("/registry/pods/", 0, "", 0));
    var past = contents(storage.list("/registry/pods/", beforeDelete, "", 0));
    storage.compact(lastRevision);
    storage.close();

    var reopened = track(open(dir));

    assertThat(reopened.currentRevision()).isEqualTo(lastRevision);
    assertThat(reopened.compactedRevision()).isEqualTo(lastRevision);
    assertThat(contents(reopened.list("/registry/pods/", 0, "", 0))).isEqualTo(now);
    assertThat(reopened.get("/registry/pods/default/a").orElseThrow().modRevision()).isEqualTo(a.modRevision());
    assertThatThrownBy(() -> reopened.list("/registry/pods/", beforeDelete, "", 0))
        .isInstanceOf(StorageException.Compacted.class);
    var next = reopened.create("/registry/pods/default/d", bytes("d1"));
    assertThat(next.modRevision()).isGreaterThan(lastRevision);
    assertThat(floor).isLessThan(lastRevision);
    assertThat(past).containsKey("/registry/pods/default/c");
  }

  @Test
  void restartKeepsHistoryForListsAndWatches() throws Exception {
    assumeTrue(survivesRestart(), "this backend keeps nothing across restarts");
    long start = storage.currentRevision();
    var a = storage.create("/registry/pods/default/a", bytes("a1"));
    storage.update("/registry/pods/default/a", bytes("a2"), a.modRevision());
    storage.delete("/registry/pods/default/a", 0);
    storage.close();

    var reopened = track(open(dir));

    assertThat(contents(reopened.list("/registry/pods/", a.modRevision(), "", 0)))
        .containsExactly(Map.entry("/registry/pods/default/a", "a1"));
    var events = drain(track(reopened.watch("/registry/pods/", start)), 3);
    assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Put", "Put", "Delete");
  }

  // ---- helpers ----

  protected static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  protected static String text(KeyValue kv) {
    return new String(kv.value(), UTF_8);
  }

  private static Map<String, String> contents(ListPage page) {
    var map = new java.util.LinkedHashMap<String, String>();
    page.items().forEach(kv -> map.put(kv.key(), text(kv)));
    return map;
  }

  /** Reads exactly {@code count} events, failing if the stream ends or stalls first. */
  protected static List<WatchEvent> drain(WatchStream stream, int count) throws InterruptedException {
    var events = new ArrayList<WatchEvent>(count);
    while (events.size() < count) {
      var event = stream.next(PATIENCE);
      assertThat(event).as("event %d of %d", events.size() + 1, count).isPresent();
      assertThat(event.get()).isNotInstanceOf(WatchEvent.Expired.class);
      events.add(event.get());
    }
    return events;
  }

  private static List<String> describe(List<WatchEvent> events) {
    var lines = new ArrayList<String>();
    long last = 0;
    for (var event : events) {
      assertThat(event.revision()).as("revision order").isGreaterThan(last);
      last = event.revision();
      lines.add(switch (event) {
        case WatchEvent.Put put -> "put " + put.current().key() + " " + text(put.current());
        case WatchEvent.Delete delete -> "delete " + delete.previous().key() + " " + text(delete.previous());
        case WatchEvent.Expired expired -> "expired";
      });
    }
    return lines;
  }

  /** Reads the stream until its progress reaches {@code revision}; returns the events read meanwhile. */
  private static List<WatchEvent> awaitProgress(WatchStream stream, long revision) throws InterruptedException {
    var events = new ArrayList<WatchEvent>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (stream.progressRevision() < revision) {
      assertThat(System.nanoTime()).as("progress reaches %d", revision).isLessThan(deadline);
      stream.next(Duration.ofMillis(20)).ifPresent(events::add);
    }
    return events;
  }
}
