package io.kube4j.storage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers committed writes to the open {@link WatchStream}s of one process.
 *
 * <p>The backend calls {@link #publish} once per commit, from one thread at a time, in revision order.
 * Publishing never waits for a consumer: every stream has a bounded buffer, and a stream whose buffer
 * overflows is ended with {@link WatchEvent.Expired} (its consumer must relist). A stream opened from a
 * past revision first replays the backend's history, then continues with live events, with no gap and
 * no duplicate: it is registered before the history is read, live events that arrive meanwhile are held
 * back, and those the replay already covered are dropped.
 */
public final class WatchFanOut implements AutoCloseable {

  /** Reads the changes of the past for a stream that starts behind the live edge. */
  @FunctionalInterface
  public interface History {
    /**
     * The changes under {@code prefix} with a revision greater than {@code afterRevision}, in revision
     * order, as of one consistent snapshot.
     *
     * @throws StorageException.Compacted if some of those changes were compacted away
     */
    Replay read(String prefix, long afterRevision);
  }

  /**
   * The result of a history read.
   *
   * @param events the changes, in revision order
   * @param revision the revision of the snapshot the changes were read at
   */
  public record Replay(List<WatchEvent> events, long revision) {}

  private final int capacity;
  // Guards the set of streams and publishedRevision together, so a stream registered "now" starts
  // exactly after the last batch it did not receive.
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Stream> streams = new ArrayList<>();
  private long publishedRevision;
  private boolean closed;

  /**
   * @param capacity how many undelivered live events a stream may hold before it expires
   * @param initialRevision the revision of the newest write already in the backend
   */
  public WatchFanOut(int capacity, long initialRevision) {
    if (capacity < 1) {
      throw new IllegalArgumentException("watch buffer capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
    this.publishedRevision = initialRevision;
  }

  /** The revision of the newest published batch. */
  public long publishedRevision() {
    lock.lock();
    try {
      return publishedRevision;
    } finally {
      lock.unlock();
    }
  }

  /** The number of open streams (for metrics and tests). */
  public int openStreams() {
    lock.lock();
    try {
      return streams.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Publishes one committed batch. {@code events} are in increasing revision order and none is newer than
   * {@code revision}; {@code revision} advances every stream's progress even when no event matches it.
   */
  public void publish(List<? extends WatchEvent> events, long revision) {
    lock.lock();
    try {
      if (revision < publishedRevision) {
        throw new IllegalStateException("published revision went back from " + publishedRevision + " to " + revision);
      }
      publishedRevision = revision;
      streams.removeIf(stream -> !stream.offer(events, revision));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Opens a stream of the changes under {@code prefix} after {@code afterRevision} ({@code 0}: from the
   * last published batch on). When the stream starts behind the live edge, {@code history} is read once,
   * on the calling thread, after the stream is registered.
   *
   * @throws StorageException.Compacted from {@code history}
   */
  public WatchStream open(String prefix, long afterRevision, History history) {
    Stream stream;
    long liveEdge;
    lock.lock();
    try {
      if (closed) {
        throw new StorageException.Unavailable("the storage is closed", null);
      }
      liveEdge = publishedRevision;
      stream = new Stream(prefix, afterRevision == 0 || afterRevision >= liveEdge ? Math.max(afterRevision, liveEdge) : -1);
      streams.add(stream);
    } finally {
      lock.unlock();
    }
    if (afterRevision == 0 || afterRevision >= liveEdge) {
      return stream;
    }
    try {
      var replay = history.read(prefix, afterRevision);
      stream.finishReplay(afterRevision, replay);
      return stream;
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /** Ends every open stream: their consumers see the stream closed. */
  @Override
  public void close() {
    List<Stream> toClose;
    lock.lock();
    try {
      closed = true;
      toClose = List.copyOf(streams);
      streams.clear();
    } finally {
      lock.unlock();
    }
    toClose.forEach(Stream::close);
  }

  private void remove(Stream stream) {
    lock.lock();
    try {
      streams.remove(stream);
    } finally {
      lock.unlock();
    }
  }

  private static boolean matches(WatchEvent event, String prefix) {
    return switch (event) {
      case WatchEvent.Put put -> put.current().key().startsWith(prefix);
      case WatchEvent.Delete delete -> delete.previous().key().startsWith(prefix);
      case WatchEvent.Expired expired -> true;
    };
  }

  /** One consumer's view: replayed history first, then live events, each queue guarded by {@code lock}. */
  private final class Stream implements WatchStream {
    private final String prefix;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<WatchEvent> replay = new ArrayDeque<>();
    private final ArrayDeque<WatchEvent> live = new ArrayDeque<>();
    private boolean replaying;
    // Events at or below this revision are already queued (or were before the start): drop them.
    private long queuedRevision;
    // The newest published revision this stream has been offered.
    private long seenRevision;
    private long deliveredRevision;
    private boolean expired;
    private boolean closed;

    /** @param startRevision the revision the stream starts after, or -1 while a replay is pending */
    Stream(String prefix, long startRevision) {
      this.prefix = prefix;
      this.replaying = startRevision < 0;
      this.queuedRevision = Math.max(startRevision, 0);
      this.seenRevision = queuedRevision;
      this.deliveredRevision = queuedRevision;
    }

    /** Called by the publisher; false when the stream is to be dropped. */
    boolean offer(List<? extends WatchEvent> events, long revision) {
      lock.lock();
      try {
        if (closed || expired) {
          return false;
        }
        for (var event : events) {
          if ((replaying || event.revision() > queuedRevision) && matches(event, prefix)) {
            live.add(event);
            if (!replaying) {
              queuedRevision = event.revision();
            }
          }
        }
        seenRevision = Math.max(seenRevision, revision);
        if (live.size() > capacity) {
          expire("the watcher fell more than " + capacity + " events behind");
          return false;
        }
        changed.signalAll();
        return true;
      } finally {
        lock.unlock();
      }
    }

    void finishReplay(long afterRevision, Replay history) {
      lock.lock();
      try {
        if (closed || expired) {
          return;
        }
        long last = afterRevision;
        for (var event : history.events()) {
          if (event.revision() <= last) {
            throw new IllegalStateException("history out of order at revision " + event.revision());
          }
          replay.add(event);
          last = event.revision();
        }
        last = Math.max(last, history.revision());
        while (!live.isEmpty() && live.peekFirst().revision() <= last) {
          live.removeFirst();
        }
        queuedRevision = live.isEmpty() ? last : Math.max(last, live.peekLast().revision());
        seenRevision = Math.max(seenRevision, last);
        deliveredRevision = afterRevision;
        replaying = false;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }

    private void expire(String reason) {
      expired = true;
      replaying = false;
      replay.clear();
      live.clear();
      live.add(new WatchEvent.Expired(reason));
      changed.signalAll();
    }

    @Override
    public Optional<WatchEvent> next(Duration timeout) throws InterruptedException {
      long nanos = timeout.toNanos();
      lock.lock();
      try {
        while (!closed && (replaying || (replay.isEmpty() && live.isEmpty()))) {
          if (nanos <= 0) {
            return Optional.empty();
          }
          nanos = changed.awaitNanos(nanos);
        }
        if (closed) {
          return Optional.empty();
        }
        var event = replay.isEmpty() ? live.removeFirst() : replay.removeFirst();
        if (event instanceof WatchEvent.Expired) {
          closed = true;
        } else {
          deliveredRevision = event.revision();
        }
        return Optional.of(event);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public long progressRevision() {
      lock.lock();
      try {
        if (replaying || expired) {
          return deliveredRevision;
        }
        // Everything below the oldest undelivered event has been delivered.
        var head = !replay.isEmpty() ? replay.peekFirst() : live.peekFirst();
        long caughtUp = head == null ? seenRevision : head.revision() - 1;
        return Math.max(deliveredRevision, caughtUp);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean isClosed() {
      lock.lock();
      try {
        return closed;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (closed) {
          return;
        }
        closed = true;
        replay.clear();
        live.clear();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      remove(this);
    }
  }
}
