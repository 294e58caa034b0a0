package io.kube4j.storage.cache;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.ListPage;
import io.kube4j.storage.MemoryStorage;
import io.kube4j.storage.Storage;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.WatchStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link MemoryStorage} that counts the reads reaching it and whose watches can be held back (they
 * deliver nothing, as a lagging backend watch) or expired, so tests see where a {@link WatchCache} sends a
 * call and how it copes with its backend.
 */
final class ObservedStorage implements Storage {

  final MemoryStorage inner;
  final AtomicInteger lists = new AtomicInteger();
  final AtomicInteger counts = new AtomicInteger();
  final AtomicInteger watches = new AtomicInteger();
  private final List<ControlledStream> streams = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean held;

  ObservedStorage() {
    this.inner = new MemoryStorage();
  }

  /** While held, every watch delivers nothing (its events wait in the backend's buffer). */
  void hold(boolean hold) {
    lock.lock();
    try {
      held = hold;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends every open watch with {@link WatchEvent.Expired}, even a held one. */
  void expireWatches() {
    for (var stream : streams) {
      stream.expire();
    }
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long currentRevision() {
    return inner.currentRevision();
  }

  @Override
  public long compactedRevision() {
    return inner.compactedRevision();
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return inner.get(key);
  }

  @Override
  public ListPage list(String prefix, long revision, String startAfter, int limit) {
    lists.incrementAndGet();
    return inner.list(prefix, revision, startAfter, limit);
  }

  @Override
  public long count(String prefix) {
    counts.incrementAndGet();
    return inner.count(prefix);
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    return inner.create(key, value);
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedRevision) {
    return inner.update(key, value, expectedRevision);
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    return inner.delete(key, expectedRevision);
  }

  @Override
  public WatchStream watch(String prefix, long afterRevision) {
    watches.incrementAndGet();
    var stream = new ControlledStream(inner.watch(prefix, afterRevision));
    streams.add(stream);
    return stream;
  }

  @Override
  public void compact(long revision) {
    inner.compact(revision);
  }

  @Override
  public void close() {
    inner.close();
  }

  private final class ControlledStream implements WatchStream {
    private static final Duration SLICE = Duration.ofMillis(5);
    private final WatchStream delegate;
    private volatile boolean expirePending;
    private volatile boolean expired;
    // An event taken from the backend just as the stream was held: delivered once released. Guarded by lock.
    private WatchEvent stashed;

    ControlledStream(WatchStream delegate) {
      this.delegate = delegate;
    }

    void expire() {
      expirePending = true;
    }

    @Override
    public Optional<WatchEvent> next(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        lock.lock();
        try {
          while (held && !expirePending && !expired) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              return Optional.empty();
            }
            changed.awaitNanos(left);
          }
          if (expired) {
            return Optional.empty();
          }
          if (expirePending) {
            expired = true;
            stashed = null;
            delegate.close();
            return Optional.of(new WatchEvent.Expired("expired by the test"));
          }
          if (stashed != null) {
            var event = stashed;
            stashed = null;
            return Optional.of(event);
          }
        } finally {
          lock.unlock();
        }
        long left = deadline - System.nanoTime();
        // Short slices, so a hold takes effect promptly even for a reader already waiting.
        var event = delegate.next(Duration.ofNanos(Math.max(0, Math.min(left, SLICE.toNanos()))));
        if (event.isPresent()) {
          lock.lock();
          try {
            if (!held || expirePending) {
              return event;
            }
            stashed = event.get();
          } finally {
            lock.unlock();
          }
        } else if (left <= 0 || delegate.isClosed()) {
          return Optional.empty();
        }
      }
    }

    @Override
    public long progressRevision() {
      lock.lock();
      try {
        long progress = delegate.progressRevision();
        return stashed == null ? progress : Math.min(progress, stashed.revision() - 1);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean isClosed() {
      return expired || delegate.isClosed();
    }

    @Override
    public void close() {
      delegate.close();
      streams.remove(this);
    }
  }
}
