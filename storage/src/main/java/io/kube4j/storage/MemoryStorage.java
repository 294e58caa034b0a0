package io.kube4j.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link Storage} that keeps everything in memory: full MVCC history until compacted, watches through
 * a {@link WatchFanOut}. Nothing survives {@link #close()}; meant for tests and throwaway servers.
 */
public final class MemoryStorage implements Storage {

  /** The default number of undelivered events a watch may hold before it expires. */
  public static final int DEFAULT_WATCH_BUFFER = 10_000;

  /** One version of a key; a deletion is a tombstone holding the last value. */
  private record Version(long revision, long createRevision, byte[] value, boolean deleted) {}

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, List<Version>> versions = new TreeMap<>();
  // log.get(i) is the change at revision logStart + i; every revision is one change of one key.
  private List<WatchEvent> log = new ArrayList<>();
  private long logStart = 2;
  private long revision = 1;
  private long compacted = 1;
  private final WatchFanOut fanOut;
  private boolean closed;

  public MemoryStorage() {
    this(DEFAULT_WATCH_BUFFER);
  }

  /** @param watchBuffer how many undelivered events a watch may hold before it expires */
  public MemoryStorage(int watchBuffer) {
    this.fanOut = new WatchFanOut(watchBuffer, revision);
  }

  @Override
  public long currentRevision() {
    lock.readLock().lock();
    try {
      return revision;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long compactedRevision() {
    lock.readLock().lock();
    try {
      return compacted;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<KeyValue> get(String key) {
    lock.readLock().lock();
    try {
      ensureOpen();
      return Optional.ofNullable(live(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public ListPage list(String prefix, long atRevision, String startAfter, int limit) {
    lock.readLock().lock();
    try {
      ensureOpen();
      long at = atRevision == 0 ? revision : atRevision;
      checkReadable(at);
      var range = startAfter.isEmpty() || startAfter.compareTo(prefix) < 0
          ? versions.tailMap(prefix, true)
          : versions.tailMap(startAfter, false);
      var items = new ArrayList<KeyValue>();
      long remaining = 0;
      for (var entry : range.entrySet()) {
        if (!entry.getKey().startsWith(prefix)) {
          break;
        }
        var version = versionAt(entry.getValue(), at);
        if (version == null || version.deleted()) {
          continue;
        }
        if (limit > 0 && items.size() >= limit) {
          remaining++;
        } else {
          items.add(keyValue(entry.getKey(), version));
        }
      }
      return new ListPage(List.copyOf(items), at, remaining > 0, remaining);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public long count(String prefix) {
    lock.readLock().lock();
    try {
      ensureOpen();
      long count = 0;
      for (var entry : versions.tailMap(prefix, true).entrySet()) {
        if (!entry.getKey().startsWith(prefix)) {
          break;
        }
        if (!entry.getValue().getLast().deleted()) {
          count++;
        }
      }
      return count;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      if (live(key) != null) {
        throw new StorageException.KeyExists(key);
      }
      long rev = revision + 1;
      var created = new Version(rev, rev, value.clone(), false);
      var current = keyValue(key, created);
      commit(key, created, new WatchEvent.Put(current, null));
      return current;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedRevision) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      var previous = live(key);
      if (previous == null) {
        throw new StorageException.NotFound(key);
      }
      if (previous.modRevision() != expectedRevision) {
        throw new StorageException.RevisionMismatch(key, expectedRevision, previous);
      }
      var updated = new Version(revision + 1, previous.createRevision(), value.clone(), false);
      var current = keyValue(key, updated);
      commit(key, updated, new WatchEvent.Put(current, previous));
      return current;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      var previous = live(key);
      if (previous == null) {
        throw new StorageException.NotFound(key);
      }
      if (expectedRevision != 0 && previous.modRevision() != expectedRevision) {
        throw new StorageException.RevisionMismatch(key, expectedRevision, previous);
      }
      long rev = revision + 1;
      commit(key, new Version(rev, previous.createRevision(), previous.value(), true), new WatchEvent.Delete(previous, rev));
      return new KeyValue(key, previous.value(), previous.createRevision(), rev);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public WatchStream watch(String prefix, long afterRevision) {
    // The fan-out reads history under our read lock, after registering the stream; publishing happens
    // under the write lock, so the replay and the live events meet exactly.
    lock.readLock().lock();
    try {
      ensureOpen();
      checkWatchable(afterRevision);
    } finally {
      lock.readLock().unlock();
    }
    return fanOut.open(prefix, afterRevision, this::history);
  }

  @Override
  public void compact(long floor) {
    lock.writeLock().lock();
    try {
      ensureOpen();
      if (floor > revision) {
        throw new StorageException.FutureRevision(floor, revision);
      }
      if (floor <= compacted) {
        return;
      }
      var emptied = new ArrayList<String>();
      for (var entry : versions.entrySet()) {
        var list = entry.getValue();
        int newestAtFloor = -1;
        for (int i = 0; i < list.size() && list.get(i).revision() <= floor; i++) {
          newestAtFloor = i;
        }
        if (newestAtFloor < 0) {
          continue;
        }
        // Keep the version readable at the floor unless it is a tombstone: nothing at or after the
        // floor needs it.
        int keepFrom = list.get(newestAtFloor).deleted() ? newestAtFloor + 1 : newestAtFloor;
        list.subList(0, keepFrom).clear();
        if (list.isEmpty()) {
          emptied.add(entry.getKey());
        }
      }
      emptied.forEach(versions::remove);
      int drop = (int) Math.min(log.size(), floor - logStart + 1);
      if (drop > 0) {
        log = new ArrayList<>(log.subList(drop, log.size()));
        logStart += drop;
      }
      compacted = floor;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Writes every version at or below the current revision; writes wait while the versions are copied, not while they are written out. */
  @Override
  public Snapshot.Info backup(OutputStream out) throws IOException {
    var entries = new ArrayList<Snapshot.Entry>();
    long at;
    long floor;
    lock.readLock().lock();
    try {
      ensureOpen();
      at = revision;
      floor = compacted;
      for (var entry : versions.entrySet()) {
        long previous = 0;
        for (var version : entry.getValue()) {
          entries.add(new Snapshot.Entry(version.revision(), entry.getKey(), version.createRevision(), previous,
              version.deleted(), version.value()));
          previous = version.revision();
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    entries.sort(java.util.Comparator.comparingLong(Snapshot.Entry::revision));
    var writer = new Snapshot.Writer(out, at, floor);
    for (var entry : entries) {
      writer.add(entry);
    }
    return writer.finish();
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
    } finally {
      lock.writeLock().unlock();
    }
    fanOut.close();
  }

  private WatchFanOut.Replay history(String prefix, long afterRevision) {
    lock.readLock().lock();
    try {
      checkWatchable(afterRevision);
      var events = new ArrayList<WatchEvent>();
      for (long rev = afterRevision + 1; rev <= revision; rev++) {
        var event = log.get((int) (rev - logStart));
        var key = switch (event) {
          case WatchEvent.Put put -> put.current().key();
          case WatchEvent.Delete delete -> delete.previous().key();
          case WatchEvent.Expired expired -> throw new IllegalStateException("expired event in the log");
        };
        if (key.startsWith(prefix)) {
          events.add(event);
        }
      }
      return new WatchFanOut.Replay(events, revision);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void commit(String key, Version version, WatchEvent event) {
    versions.computeIfAbsent(key, k -> new ArrayList<>()).add(version);
    log.add(event);
    revision = version.revision();
    fanOut.publish(List.of(event), revision);
  }

  private KeyValue live(String key) {
    var list = versions.get(key);
    if (list == null || list.getLast().deleted()) {
      return null;
    }
    return keyValue(key, list.getLast());
  }

  private static Version versionAt(List<Version> list, long at) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (list.get(i).revision() <= at) {
        return list.get(i);
      }
    }
    return null;
  }

  private static KeyValue keyValue(String key, Version version) {
    return new KeyValue(key, version.value(), version.createRevision(), version.revision());
  }

  private void checkReadable(long at) {
    if (at < compacted) {
      throw new StorageException.Compacted(at, compacted);
    }
    if (at > revision) {
      throw new StorageException.FutureRevision(at, revision);
    }
  }

  private void checkWatchable(long afterRevision) {
    if (afterRevision != 0) {
      checkReadable(afterRevision);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StorageException.Unavailable("the storage is closed", null);
    }
  }
}
