package io.kube4j.storage.etcd;

import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import io.kube4j.storage.KeyValue;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.WatchFanOut;
import io.kube4j.storage.WatchStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one etcd watch of an {@link EtcdStorage}: every change of the whole etcd key space from the
 * revision the storage was opened at, published to a {@link WatchFanOut} in revision order. Every etcd
 * revision carries at least one change, so the fan-out's revision is exactly how far etcd's history has
 * been seen. When the connection breaks the watch resumes after the last published revision; when the
 * history it needs was compacted meanwhile (or etcd could not give an event's previous value), every
 * open stream is closed, so its consumer watches again and learns that its revision is gone, and the
 * watch restarts from the present.
 */
final class LiveWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveWatch.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);
  private static final Duration LAST_RETRY = Duration.ofSeconds(5);

  private final Watch watchClient;
  private final KeySpace keys;
  private final int capacity;
  private final String where;
  private final Duration patience;
  private final LongSupplier currentRevision;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    var thread = new Thread(runnable, "kube4j-etcd-watch");
    thread.setDaemon(true);
    return thread;
  });

  // Guards everything below; etcd's callbacks, the scheduler and waiters take it. Nothing calls into
  // jetcd while holding it: jetcd calls our listener while holding its own lock.
  private final Object lock = new Object();
  private WatchFanOut fanOut;
  private Watch.Watcher watcher;
  // Callbacks of an older etcd watch carry an older generation and are ignored.
  private long generation;
  private Duration retryDelay = FIRST_RETRY;
  private boolean closed;

  LiveWatch(Watch watchClient, KeySpace keys, int capacity, String where, Duration patience, LongSupplier currentRevision) {
    this.watchClient = watchClient;
    this.keys = keys;
    this.capacity = capacity;
    this.where = where;
    this.patience = patience;
    this.currentRevision = currentRevision;
  }

  /** Starts watching after {@code revision}, the store's revision as the storage opens. */
  void start(long revision) {
    long mine;
    synchronized (lock) {
      fanOut = new WatchFanOut(capacity, revision);
      mine = ++generation;
    }
    subscribe(mine, revision + 1);
  }

  /** The newest revision published to the streams. */
  long publishedRevision() {
    synchronized (lock) {
      return fanOut.publishedRevision();
    }
  }

  /** Waits (at most {@code timeout}) until the streams have been offered everything up to {@code revision}. */
  void awaitPublished(long revision, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (!closed && fanOut.publishedRevision() < revision) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn("the watch of {} has not reached revision {} after {} ms; compacting anyway", where, revision, timeout.toMillis());
          return;
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException.Unavailable("interrupted while waiting for the watch of " + where, e);
        }
      }
    }
  }

  /** Opens a stream of the changes under {@code prefix} after {@code afterRevision} (a real revision, not 0). */
  WatchStream open(String prefix, long afterRevision) {
    while (true) {
      WatchFanOut current;
      synchronized (lock) {
        current = fanOut;
      }
      try {
        return current.open(prefix, afterRevision, (p, after) -> history(current, p, after));
      } catch (StorageException.Unavailable e) {
        synchronized (lock) {
          // A reset replaced the fan-out just now: open on the new one.
          if (closed || fanOut == current) {
            throw e;
          }
        }
      }
    }
  }

  // ---- the live etcd watch ----

  /** Starts etcd watch generation {@code mine}; called without the lock. */
  private void subscribe(long mine, long fromRevision) {
    var option = WatchOption.builder()
        .withRange(KeySpace.EVERYTHING.end())
        .withRevision(fromRevision)
        .withPrevKV(true)
        .withProgressNotify(true)
        .build();
    var started = watchClient.watch(KeySpace.EVERYTHING.start(), option, Watch.listener(
        response -> onNext(mine, response),
        failure -> onError(mine, failure),
        () -> { }));
    boolean stale;
    synchronized (lock) {
      stale = closed || mine != generation;
      if (!stale) {
        watcher = started;
      }
    }
    if (stale) {
      started.close();
    }
  }

  private void onNext(long mine, WatchResponse response) {
    synchronized (lock) {
      if (closed || mine != generation) {
        return;
      }
      retryDelay = FIRST_RETRY;
      long published = fanOut.publishedRevision();
      if (response.getEvents().isEmpty()) {
        // A progress notification: etcd sends it only to a watch that has been sent everything.
        long revision = response.getHeader().getRevision();
        if (revision > published) {
          fanOut.publish(List.of(), revision);
          lock.notifyAll();
        }
        return;
      }
      var events = new ArrayList<WatchEvent>();
      long newest = published;
      for (var event : response.getEvents()) {
        long revision = event.getKeyValue().getModRevision();
        if (revision <= published) {
          continue;
        }
        newest = Math.max(newest, revision);
        if (!keys.contains(event.getKeyValue().getKey())) {
          continue;
        }
        var converted = convert(keys, event);
        if (converted == null) {
          resetLater("etcd sent the change at revision " + revision + " without its previous value (compacted meanwhile)", watcher);
          return;
        }
        events.add(converted);
      }
      if (newest > published) {
        fanOut.publish(events, newest);
        lock.notifyAll();
      }
    }
  }

  private void onError(long mine, Throwable failure) {
    Watch.Watcher failed;
    synchronized (lock) {
      if (closed || mine != generation) {
        return;
      }
      generation++;
      failed = watcher;
      watcher = null;
      if (failure instanceof CompactedException) {
        resetLater("the watch of " + where + " fell behind a compaction while it was disconnected", failed);
        return;
      }
      var delay = retryDelay;
      retryDelay = retryDelay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryDelay.multipliedBy(2);
      log.debug("the watch of {} failed ({}); resuming in {} ms", where, failure.getMessage(), delay.toMillis());
      scheduler.schedule(this::resume, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
    // Closing it stops jetcd's own resumption, which would restart at a revision of its choosing.
    // (jetcd calls onError holding its lock, so this does not wait for anyone.)
    if (failed != null) {
      failed.close();
    }
  }

  private void resume() {
    long mine;
    long from;
    synchronized (lock) {
      if (closed) {
        return;
      }
      mine = ++generation;
      from = fanOut.publishedRevision() + 1;
    }
    subscribe(mine, from);
  }

  /** Called with the lock held: stops taking events now and restarts from the present on the scheduler (it must read etcd). */
  private void resetLater(String reason, Watch.Watcher toClose) {
    generation++;
    watcher = null;
    log.warn("{}; closing every open watch so that its consumer starts over", reason);
    scheduler.execute(() -> {
      if (toClose != null) {
        toClose.close();
      }
      reset(reason);
    });
  }

  private void reset(String reason) {
    long now;
    try {
      now = currentRevision.getAsLong();
    } catch (StorageException e) {
      log.warn("cannot restart the watch of {} yet: {}", where, e.getMessage());
      try {
        scheduler.schedule(() -> reset(reason), LAST_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException rejected) {
        if (!isClosed()) {
          throw rejected;
        }
      }
      return;
    }
    WatchFanOut old;
    long mine;
    long from;
    synchronized (lock) {
      if (closed) {
        return;
      }
      old = fanOut;
      fanOut = new WatchFanOut(capacity, Math.max(now, old.publishedRevision()));
      mine = ++generation;
      from = fanOut.publishedRevision() + 1;
      lock.notifyAll();
    }
    subscribe(mine, from);
    old.close();
  }

  // ---- history for streams that start in the past ----

  /**
   * The changes under {@code prefix} in {@code (after, R]}, R being how far {@code fanOut} has published:
   * a second etcd watch over the whole key space from {@code after + 1}, read until it reaches R. Every
   * revision has a change, and R is above the compaction floor, so R's change does come.
   */
  private WatchFanOut.Replay history(WatchFanOut fanOut, String prefix, long after) {
    long until = fanOut.publishedRevision();
    if (after >= until) {
      return new WatchFanOut.Replay(List.of(), until);
    }
    var inbox = new LinkedBlockingQueue<Object>();
    var option = WatchOption.builder()
        .withRange(KeySpace.EVERYTHING.end())
        .withRevision(after + 1)
        .withPrevKV(true)
        .build();
    var catchUp = watchClient.watch(KeySpace.EVERYTHING.start(), option, Watch.listener(inbox::add, inbox::add, () -> { }));
    try {
      var events = new ArrayList<WatchEvent>();
      long reached = after;
      while (reached < until) {
        Object next;
        try {
          next = inbox.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException.Unavailable("interrupted while reading the history of " + where, e);
        }
        switch (next) {
          case null -> throw new StorageException.Unavailable(where + " did not send the changes after revision " + reached
              + " within " + patience.toMillis() + " ms (is it running and reachable?)", null);
          case CompactedException compacted -> throw new EtcdStorage.EtcdRefusal.Compacted(compacted.getCompactedRevision());
          case Throwable failure -> throw EtcdStorage.translate(where, "the history after revision " + after, failure);
          case WatchResponse response -> {
            for (var event : response.getEvents()) {
              long revision = event.getKeyValue().getModRevision();
              if (revision <= after) {
                continue;
              }
              reached = Math.max(reached, revision);
              if (revision > until || !keys.contains(event.getKeyValue().getKey())
                  || !keys.key(event.getKeyValue().getKey()).startsWith(prefix)) {
                continue;
              }
              var converted = convert(keys, event);
              if (converted == null) {
                throw new EtcdStorage.EtcdRefusal.Compacted(0);
              }
              events.add(converted);
            }
          }
          default -> throw new IllegalStateException("unexpected watch callback " + next);
        }
      }
      return new WatchFanOut.Replay(events, until);
    } finally {
      catchUp.close();
    }
  }

  /** The storage event of an etcd event, or null if etcd left out the previous value a non-create needs. */
  static WatchEvent convert(KeySpace keys, io.etcd.jetcd.watch.WatchEvent event) {
    var kv = event.getKeyValue();
    var key = keys.key(kv.getKey());
    var previous = event.getPrevKV();
    boolean hasPrevious = previous != null && previous.getModRevision() != 0;
    return switch (event.getEventType()) {
      case PUT -> {
        var current = new KeyValue(key, kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision());
        if (kv.getCreateRevision() == kv.getModRevision()) {
          yield new WatchEvent.Put(current, null);
        }
        yield hasPrevious
            ? new WatchEvent.Put(current, new KeyValue(key, previous.getValue().getBytes(), previous.getCreateRevision(), previous.getModRevision()))
            : null;
      }
      case DELETE -> hasPrevious
          ? new WatchEvent.Delete(new KeyValue(key, previous.getValue().getBytes(), previous.getCreateRevision(), previous.getModRevision()), kv.getModRevision())
          : null;
      case UNRECOGNIZED -> throw new IllegalStateException("etcd sent an event of unknown type at revision " + kv.getModRevision());
    };
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  @Override
  public void close() {
    WatchFanOut toClose;
    Watch.Watcher running;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      generation++;
      running = watcher;
      watcher = null;
      toClose = fanOut;
      lock.notifyAll();
    }
    scheduler.shutdownNow();
    if (running != null) {
      running.close();
    }
    if (toClose != null) {
      toClose.close();
    }
  }
}
