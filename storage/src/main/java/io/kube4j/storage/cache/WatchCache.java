package io.kube4j.storage.cache;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.ListPage;
import io.kube4j.storage.MemoryStorage;
import io.kube4j.storage.Snapshot;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.WatchFanOut;
import io.kube4j.storage.WatchStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Storage} that serves watches and most lists from memory, in front of any backend, keeping the
 * {@link Storage} contract exactly.
 *
 * <p>It lists the backend once and then follows it with one backend watch on its {@linkplain Options#root()
 * root} prefix, which feeds a sorted map of the live entries, a bounded {@link EventRing} of the recent
 * changes and the cache's own watch streams (one {@link WatchFanOut} per resource, so a change is offered
 * only to the streams that may want it). How the calls are answered:
 * <ul>
 *   <li>{@link #watch}: from the ring and then live when the start revision is within the ring (from now
 *       for {@code 0}, "now" being the backend's current revision); from the backend when it is older than
 *       the ring, which replays its history or fails with {@code Compacted}. A stream whose consumer falls
 *       more than {@link Options#watchBuffer()} events behind gets {@link WatchEvent.Expired}.</li>
 *   <li>{@link #list} and {@link #count} of "now": a consistent read. The backend's current revision is
 *       read, the cache waits (at most {@link Options#freshnessTimeout()}) until it has applied that
 *       revision, and answers from memory at the revision it has reached; if it cannot catch up in time
 *       the backend answers.</li>
 *   <li>{@link #list} at an explicit revision (continue tokens, {@code Exact}): from memory when the
 *       revision is within the ring (the live entries with the newer changes undone), else from the backend.
 *       Either way the answer is the store's exact state at that revision, so pages from both agree.</li>
 *   <li>{@link #get}, every write, {@link #compact}, {@link #backup} and the revisions: the backend
 *       ({@code get} stays a linearizable read).</li>
 * </ul>
 *
 * <p>When the backend watch ends (expired, connection lost) the cache resumes it after the last revision it
 * applied, losing nothing; only when the backend compacted that history away does it relist, start a new
 * ring and close every cache stream, whose consumers then watch again and learn from the backend whether
 * their revision is still there. While it cannot follow the backend, every call goes to the backend.
 *
 * <p>The cache owns its backend: {@link #close()} closes it, and so does a failed {@link #start}. Values
 * handed out are shared with the cache and must not be modified.
 */
public final class WatchCache implements Storage {

  private static final Logger log = LoggerFactory.getLogger(WatchCache.class);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final int MAX_BATCH = 1024;
  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final Duration LAST_RETRY = Duration.ofSeconds(5);
  private static final int START_ATTEMPTS = 5;

  /**
   * How a cache is sized and how long it waits.
   *
   * @param root the part of the key space cached; lists and watches of other prefixes go to the backend
   * @param ringEvents the most recent changes kept for replay
   * @param ringBytes the most value bytes those changes may hold (approximate)
   * @param watchBuffer how many undelivered events a cache stream may hold before it expires
   * @param freshnessTimeout how long a read of "now" waits for the cache to catch up before the backend answers
   * @param syncPageSize the page size of the cache's own lists of the backend
   */
  public record Options(String root, int ringEvents, long ringBytes, int watchBuffer, Duration freshnessTimeout, int syncPageSize) {

    public static final int DEFAULT_RING_EVENTS = 100_000;
    public static final long DEFAULT_RING_BYTES = 128L << 20;
    public static final Duration DEFAULT_FRESHNESS_TIMEOUT = Duration.ofSeconds(3);

    public Options {
      if (ringEvents < 1 || ringBytes < 1 || watchBuffer < 1 || syncPageSize < 1 || freshnessTimeout.isNegative()) {
        throw new IllegalArgumentException("watch cache sizes must be positive and the freshness timeout not negative");
      }
    }

    /**
     * The whole key space, 100,000 events or 128 MiB of history, the backends' watch buffer, a 3 s wait, and
     * lists of the backend in pages of 10,000 (large pages: every page of a SQLite list also counts the rest).
     */
    public static Options defaults() {
      return new Options("", DEFAULT_RING_EVENTS, DEFAULT_RING_BYTES, MemoryStorage.DEFAULT_WATCH_BUFFER, DEFAULT_FRESHNESS_TIMEOUT, 10_000);
    }

    public Options withRoot(String prefix) {
      return new Options(prefix, ringEvents, ringBytes, watchBuffer, freshnessTimeout, syncPageSize);
    }

    public Options withRing(int events, long bytes) {
      return new Options(root, events, bytes, watchBuffer, freshnessTimeout, syncPageSize);
    }

    public Options withWatchBuffer(int events) {
      return new Options(root, ringEvents, ringBytes, events, freshnessTimeout, syncPageSize);
    }

    public Options withFreshnessTimeout(Duration timeout) {
      return new Options(root, ringEvents, ringBytes, watchBuffer, timeout, syncPageSize);
    }
  }

  /**
   * What the cache holds and how it has answered, for metrics and tests.
   *
   * @param appliedRevision every change up to this revision is in memory
   * @param ringFloor the ring holds every change after this revision
   * @param ringEvents the changes in the ring
   * @param ringBytes their approximate size
   * @param liveEntries the live entries in memory
   * @param watchers the open cache streams
   * @param readsFromCache lists and counts answered from memory
   * @param readsFromBackend lists and counts under the root that the backend answered
   * @param watchesFromBackend watches under the root that the backend serves
   * @param relists how often the cache had to list the backend again
   */
  public record Stats(long appliedRevision, long ringFloor, int ringEvents, long ringBytes, int liveEntries, int watchers,
      long readsFromCache, long readsFromBackend, long watchesFromBackend, long relists) {}

  /** The backend's live entries at one revision. */
  private record Listing(TreeMap<String, KeyValue> entries, long revision) {}

  /** The ring no longer reaches back to where a stream wanted to start. */
  private static final class RingOverrun extends RuntimeException {
    RingOverrun() {
      super(null, null, false, false);
    }
  }

  private final Storage backend;
  private final Options options;

  // Guards live and ring; applied is written under the write lock and read anywhere.
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, KeyValue> live = new TreeMap<>();
  private final EventRing ring;
  private volatile long applied;

  // Readers of "now" wait here for the feeder.
  private final ReentrantLock progressLock = new ReentrantLock();
  private final Condition progressed = progressLock.newCondition();

  // Guards the fan-outs, their generation and the published revision. Taken after the read lock, never
  // while holding the write lock.
  private final Object fanOutLock = new Object();
  private final Map<String, WatchFanOut> buckets = new HashMap<>();
  private WatchFanOut wide;
  private long generation;
  private long published;

  private final AtomicLong readsFromCache = new AtomicLong();
  private final AtomicLong readsFromBackend = new AtomicLong();
  private final AtomicLong watchesFromBackend = new AtomicLong();
  private final AtomicLong relists = new AtomicLong();

  private volatile boolean following;
  private volatile boolean closed;
  private volatile WatchStream source;
  private final Thread feeder;

  private WatchCache(Storage backend, Options options) {
    this.backend = backend;
    this.options = options;
    StorageException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS && source == null; attempt++) {
      var listing = listBackend();
      try {
        source = backend.watch(options.root(), listing.revision());
        live.putAll(listing.entries());
        applied = listing.revision();
      } catch (StorageException.Compacted e) {
        // Compacted between the list and the watch: list again.
        last = e;
      }
    }
    if (source == null) {
      throw new StorageException.Unavailable("the watch cache could not start following the store: " + last.getMessage(), last);
    }
    this.ring = new EventRing(options.ringEvents(), options.ringBytes(), applied);
    this.published = applied;
    this.wide = new WatchFanOut(options.watchBuffer(), applied);
    this.following = true;
    this.feeder = Thread.ofPlatform().daemon().name("kube4j-watch-cache").unstarted(this::follow);
  }

  /**
   * Lists {@code backend}, starts following it and returns the cache, ready to answer. The cache owns the
   * backend from now on: it is closed with the cache, or right away if the cache cannot start.
   *
   * @throws StorageException.Unavailable if the backend cannot be listed or watched
   */
  public static WatchCache start(Storage backend, Options options) {
    try {
      var cache = new WatchCache(backend, options);
      cache.feeder.start();
      log.info("watch cache following the store from revision {} with {} entries", cache.applied, cache.live.size());
      return cache;
    } catch (RuntimeException e) {
      try {
        backend.close();
      } catch (RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** {@link #start(Storage, Options)} with {@link Options#defaults()}. */
  public static WatchCache start(Storage backend) {
    return start(backend, Options.defaults());
  }

  public Stats stats() {
    int watchers;
    synchronized (fanOutLock) {
      watchers = wide.openStreams() + buckets.values().stream().mapToInt(WatchFanOut::openStreams).sum();
    }
    lock.readLock().lock();
    try {
      return new Stats(applied, ring.floor(), ring.size(), ring.bytes(), live.size(), watchers, readsFromCache.get(),
          readsFromBackend.get(), watchesFromBackend.get(), relists.get());
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- delegated to the backend ----

  @Override
  public long currentRevision() {
    return backend.currentRevision();
  }

  @Override
  public long compactedRevision() {
    return backend.compactedRevision();
  }

  @Override
  public Optional<KeyValue> get(String key) {
    ensureOpen();
    return backend.get(key);
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    ensureOpen();
    return backend.create(key, value);
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedRevision) {
    ensureOpen();
    return backend.update(key, value, expectedRevision);
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    ensureOpen();
    return backend.delete(key, expectedRevision);
  }

  @Override
  public void compact(long revision) {
    ensureOpen();
    backend.compact(revision);
  }

  @Override
  public Snapshot.Info backup(OutputStream out) throws IOException {
    ensureOpen();
    return backend.backup(out);
  }

  // ---- reads from memory ----

  @Override
  public ListPage list(String prefix, long revision, String startAfter, int limit) {
    ensureOpen();
    if (!prefix.startsWith(options.root()) || !following) {
      return listFromBackend(prefix, revision, startAfter, limit);
    }
    if (revision == 0) {
      if (!awaitApplied(backend.currentRevision())) {
        return listFromBackend(prefix, 0, startAfter, limit);
      }
      lock.readLock().lock();
      try {
        readsFromCache.incrementAndGet();
        return page(prefix, applied, startAfter, limit);
      } finally {
        lock.readLock().unlock();
      }
    }
    if (revision <= applied) {
      long floor = backend.compactedRevision();
      if (revision < floor) {
        throw new StorageException.Compacted(revision, floor);
      }
      lock.readLock().lock();
      try {
        if (revision >= ring.floor()) {
          readsFromCache.incrementAndGet();
          return page(prefix, revision, startAfter, limit);
        }
      } finally {
        lock.readLock().unlock();
      }
    }
    // Older than the ring, or newer than the cache: the backend knows (or says FutureRevision).
    return listFromBackend(prefix, revision, startAfter, limit);
  }

  @Override
  public long count(String prefix) {
    ensureOpen();
    if (!prefix.startsWith(options.root()) || !following || !awaitApplied(backend.currentRevision())) {
      readsFromBackend.incrementAndGet();
      return backend.count(prefix);
    }
    lock.readLock().lock();
    try {
      readsFromCache.incrementAndGet();
      long count = 0;
      for (var key : live.tailMap(prefix, true).keySet()) {
        if (!key.startsWith(prefix)) {
          break;
        }
        count++;
      }
      return count;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public WatchStream watch(String prefix, long afterRevision) {
    ensureOpen();
    if (!prefix.startsWith(options.root()) || !following) {
      return watchFromBackend(prefix, afterRevision);
    }
    long after = afterRevision;
    if (after == 0) {
      // "Now" is the store's revision, not the cache's: a watch opened after a write must not see it.
      after = backend.currentRevision();
    } else {
      long floor = backend.compactedRevision();
      if (after < floor) {
        throw new StorageException.Compacted(after, floor);
      }
      if (after > applied) {
        long current = backend.currentRevision();
        if (after > current) {
          throw new StorageException.FutureRevision(after, current);
        }
      }
    }
    while (true) {
      lock.readLock().lock();
      try {
        if (after < ring.floor()) {
          return watchFromBackend(prefix, after);
        }
      } finally {
        lock.readLock().unlock();
      }
      WatchFanOut fanOut;
      long openedGeneration;
      synchronized (fanOutLock) {
        ensureOpen();
        fanOut = fanOutFor(prefix);
        openedGeneration = generation;
      }
      try {
        return fanOut.open(prefix, after, this::replay);
      } catch (RingOverrun e) {
        return watchFromBackend(prefix, after);
      } catch (StorageException.Unavailable e) {
        synchronized (fanOutLock) {
          // A relist replaced the fan-outs while this one was opening: open on the new ones.
          if (closed || generation == openedGeneration) {
            throw e;
          }
        }
      }
    }
  }

  /** Closes every cache stream, stops following the backend and closes it. */
  @Override
  public void close() {
    synchronized (fanOutLock) {
      if (closed) {
        return;
      }
      closed = true;
      closeFanOuts();
    }
    following = false;
    signalProgress();
    feeder.interrupt();
    var watching = source;
    if (watching != null) {
      watching.close();
    }
    try {
      feeder.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    backend.close();
  }

  // ---- answering from memory (under the read lock) ----

  /** A page of the entries under {@code prefix} as they were at {@code at}, at or above the ring's floor. */
  private ListPage page(String prefix, long at, String startAfter, int limit) {
    boolean fromPrefix = startAfter.isEmpty() || startAfter.compareTo(prefix) < 0;
    var current = fromPrefix ? live.tailMap(prefix, true) : live.tailMap(startAfter, false);
    // The entries changed after `at`, with their value at `at` (null: not live then).
    var undone = new TreeMap<String, KeyValue>();
    for (int i = ring.firstAfter(at); i < ring.size(); i++) {
      var event = ring.get(i);
      var key = keyOf(event);
      if (key.startsWith(prefix) && !undone.containsKey(key)) {
        undone.put(key, switch (event) {
          case WatchEvent.Put put -> put.previous();
          case WatchEvent.Delete delete -> delete.previous();
          case WatchEvent.Expired expired -> throw new IllegalStateException("expired event in the ring");
        });
      }
    }
    var past = fromPrefix ? undone.tailMap(prefix, true) : undone.tailMap(startAfter, false);
    var items = new ArrayList<KeyValue>();
    long remaining = 0;
    Iterator<Map.Entry<String, KeyValue>> nowEntries = current.entrySet().iterator();
    Iterator<Map.Entry<String, KeyValue>> pastEntries = past.entrySet().iterator();
    var now = nowEntries.hasNext() ? nowEntries.next() : null;
    var then = pastEntries.hasNext() ? pastEntries.next() : null;
    while (now != null || then != null) {
      int order = now == null ? 1 : then == null ? -1 : now.getKey().compareTo(then.getKey());
      Map.Entry<String, KeyValue> chosen = order <= 0 ? now : then;
      if (!chosen.getKey().startsWith(prefix)) {
        // Both maps are in key order from the same start, so the prefix's range has ended in both.
        break;
      }
      // A key changed after `at` takes its value from the undone changes, not from the live map.
      var value = order < 0 ? now.getValue() : then.getValue();
      if (order <= 0) {
        now = nowEntries.hasNext() ? nowEntries.next() : null;
      }
      if (order >= 0) {
        then = pastEntries.hasNext() ? pastEntries.next() : null;
      }
      if (value == null) {
        continue;
      }
      if (limit > 0 && items.size() >= limit) {
        remaining++;
      } else {
        items.add(value);
      }
    }
    return new ListPage(List.copyOf(items), at, remaining > 0, remaining);
  }

  /** The ring's changes under {@code prefix} after {@code after}, for a stream that starts behind the live edge. */
  private WatchFanOut.Replay replay(String prefix, long after) {
    lock.readLock().lock();
    try {
      if (after < ring.floor()) {
        throw new RingOverrun();
      }
      var events = new ArrayList<WatchEvent>();
      for (int i = ring.firstAfter(after); i < ring.size(); i++) {
        var event = ring.get(i);
        if (keyOf(event).startsWith(prefix)) {
          events.add(event);
        }
      }
      return new WatchFanOut.Replay(events, applied);
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---- following the backend (the feeder thread) ----

  private void follow() {
    try {
      followUntilClosed();
    } catch (Error e) {
      log.error("the watch cache stopped following the store; the store answers every read from now on", e);
      throw e;
    } finally {
      // However the feeder ends, nobody may wait for it any more.
      following = false;
      signalProgress();
    }
  }

  private void followUntilClosed() {
    var retry = FIRST_RETRY;
    while (!closed) {
      try {
        if (source == null) {
          source = resume();
        }
        following = true;
        pump(source);
        retry = FIRST_RETRY;
      } catch (InterruptedException e) {
        if (!closed) {
          log.warn("watch cache feeder interrupted; following the store again");
        }
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        following = false;
        signalProgress();
        log.warn("watch cache cannot follow the store ({}); the store answers every read until it can, retrying in {} ms",
            e.getMessage(), retry.toMillis(), e);
        try {
          Thread.sleep(retry);
        } catch (InterruptedException interrupted) {
          continue;
        }
        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
      }
      var ended = source;
      source = null;
      if (ended != null) {
        ended.close();
      }
    }
  }

  /** A backend watch after the last applied revision, relisting first if the backend no longer has that history. */
  private WatchStream resume() {
    try {
      return backend.watch(options.root(), applied);
    } catch (StorageException.Compacted e) {
      relist(e.compactedRevision());
      return backend.watch(options.root(), applied);
    }
  }

  /** Applies the backend's events until its stream ends (expired or closed). */
  private void pump(WatchStream stream) throws InterruptedException {
    var batch = new ArrayList<WatchEvent>();
    while (!closed) {
      var first = stream.next(POLL);
      if (first.isEmpty()) {
        if (stream.isClosed()) {
          if (!closed) {
            log.warn("the store closed the watch cache's watch at revision {}; resuming", applied);
          }
          return;
        }
        long progress = stream.progressRevision();
        if (progress > applied) {
          apply(List.of(), progress);
        }
        continue;
      }
      batch.clear();
      WatchEvent.Expired expired = null;
      for (var event = first; event.isPresent(); event = batch.size() < MAX_BATCH ? stream.next(Duration.ZERO) : Optional.empty()) {
        if (event.get() instanceof WatchEvent.Expired e) {
          expired = e;
          break;
        }
        batch.add(event.get());
      }
      apply(batch, expired == null ? stream.progressRevision() : 0);
      if (expired != null) {
        log.warn("the watch cache's watch of the store expired at revision {} ({}); resuming", applied, expired.reason());
        return;
      }
    }
  }

  /** Applies a batch of changes in revision order and publishes it; {@code progress} is how far the backend stream has seen. */
  private void apply(List<WatchEvent> batch, long progress) {
    var stored = new ArrayList<WatchEvent>(batch.size());
    long revision;
    lock.writeLock().lock();
    try {
      for (var event : batch) {
        if (event.revision() <= applied) {
          continue;
        }
        // The previous value is the one in memory: share it rather than keep a second copy in the ring.
        var kept = switch (event) {
          case WatchEvent.Put put -> {
            var before = live.put(put.current().key(), put.current());
            yield same(before, put.previous()) ? new WatchEvent.Put(put.current(), before) : put;
          }
          case WatchEvent.Delete delete -> {
            var before = live.remove(delete.previous().key());
            yield same(before, delete.previous()) ? new WatchEvent.Delete(before, delete.revision()) : delete;
          }
          case WatchEvent.Expired expired -> throw new IllegalStateException("expired event in a batch");
        };
        ring.append(kept);
        stored.add(kept);
        applied = event.revision();
      }
      if (progress > applied) {
        applied = progress;
      }
      revision = applied;
    } finally {
      lock.writeLock().unlock();
    }
    publish(stored, revision);
    signalProgress();
  }

  private void publish(List<WatchEvent> events, long revision) {
    synchronized (fanOutLock) {
      if (closed || revision <= published && events.isEmpty()) {
        return;
      }
      published = revision;
      var byBucket = new HashMap<String, List<WatchEvent>>();
      for (var event : events) {
        var bucket = bucketOf(keyOf(event));
        if (bucket != null && buckets.containsKey(bucket)) {
          byBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(event);
        }
      }
      for (var entry : buckets.entrySet()) {
        entry.getValue().publish(byBucket.getOrDefault(entry.getKey(), List.of()), revision);
      }
      wide.publish(events, revision);
    }
  }

  /** Rebuilds memory from a new list of the backend and closes every cache stream: their history has a gap. */
  private void relist(long compactedRevision) {
    var listing = listBackend();
    lock.writeLock().lock();
    try {
      live.clear();
      live.putAll(listing.entries());
      ring.reset(listing.revision());
      // Counted before the new state is visible, so a reader served from it also sees the relist counted.
      relists.incrementAndGet();
      applied = listing.revision();
    } finally {
      lock.writeLock().unlock();
    }
    int closedStreams;
    synchronized (fanOutLock) {
      closedStreams = wide.openStreams() + buckets.values().stream().mapToInt(WatchFanOut::openStreams).sum();
      closeFanOuts();
      if (!closed) {
        generation++;
        published = listing.revision();
        wide = new WatchFanOut(options.watchBuffer(), published);
      }
    }
    signalProgress();
    log.warn("watch cache relisted the store at revision {} ({} entries): its history was compacted to {}; closed {} cache watches",
        listing.revision(), listing.entries().size(), compactedRevision, closedStreams);
  }

  /** Every live entry under the root at one revision, listed in pages. */
  private Listing listBackend() {
    while (true) {
      var entries = new TreeMap<String, KeyValue>();
      var page = backend.list(options.root(), 0, "", options.syncPageSize());
      long at = page.revision();
      try {
        while (true) {
          page.items().forEach(kv -> entries.put(kv.key(), kv));
          if (!page.more()) {
            return new Listing(entries, at);
          }
          page = backend.list(options.root(), at, page.items().getLast().key(), options.syncPageSize());
        }
      } catch (StorageException.Compacted e) {
        log.info("the store was compacted past revision {} while the watch cache listed it; listing again", at);
      }
    }
  }

  // ---- helpers ----

  private ListPage listFromBackend(String prefix, long revision, String startAfter, int limit) {
    if (prefix.startsWith(options.root())) {
      readsFromBackend.incrementAndGet();
    }
    return backend.list(prefix, revision, startAfter, limit);
  }

  private WatchStream watchFromBackend(String prefix, long after) {
    if (prefix.startsWith(options.root())) {
      watchesFromBackend.incrementAndGet();
    }
    return backend.watch(prefix, after);
  }

  /** Waits until the cache has applied {@code target}; false if it cannot in time. */
  private boolean awaitApplied(long target) {
    if (applied >= target) {
      return true;
    }
    long deadline = System.nanoTime() + options.freshnessTimeout().toNanos();
    progressLock.lock();
    try {
      while (applied < target) {
        long left = deadline - System.nanoTime();
        if (!following || closed || left <= 0) {
          return false;
        }
        progressed.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException.Unavailable("interrupted while waiting for the watch cache to reach revision " + target, e);
    } finally {
      progressLock.unlock();
    }
  }

  private void signalProgress() {
    progressLock.lock();
    try {
      progressed.signalAll();
    } finally {
      progressLock.unlock();
    }
  }

  /** The fan-out for streams under {@code prefix}; called holding {@code fanOutLock}. */
  private WatchFanOut fanOutFor(String prefix) {
    var bucket = bucketOf(prefix);
    if (bucket == null) {
      return wide;
    }
    return buckets.computeIfAbsent(bucket, b -> new WatchFanOut(options.watchBuffer(), published));
  }

  /** Called holding {@code fanOutLock}. */
  private void closeFanOuts() {
    wide.close();
    buckets.values().forEach(WatchFanOut::close);
    buckets.clear();
  }

  /**
   * The first three {@code /}-separated segments ({@code /registry/pods/}) of a key or prefix, or null if it
   * has fewer. Every key under a prefix that has a bucket is in that bucket, so a stream needs to be offered
   * only its bucket's changes; a shorter prefix is offered every change.
   */
  static String bucketOf(String keyOrPrefix) {
    int slashes = 0;
    for (int i = 0; i < keyOrPrefix.length(); i++) {
      if (keyOrPrefix.charAt(i) == '/' && ++slashes == 3) {
        return keyOrPrefix.substring(0, i + 1);
      }
    }
    return null;
  }

  private static String keyOf(WatchEvent event) {
    return switch (event) {
      case WatchEvent.Put put -> put.current().key();
      case WatchEvent.Delete delete -> delete.previous().key();
      case WatchEvent.Expired expired -> throw new IllegalStateException("an expired event has no key");
    };
  }

  private static boolean same(KeyValue inMemory, KeyValue fromEvent) {
    return inMemory != null && fromEvent != null && inMemory.modRevision() == fromEvent.modRevision()
        && inMemory.createRevision() == fromEvent.createRevision();
  }

  private void ensureOpen() {
    if (closed) {
      throw new StorageException.Unavailable("the storage is closed", null);
    }
  }
}
