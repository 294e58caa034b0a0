package io.kube4j.controllers.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A rate-limited work queue of object keys with client-go's guarantees: a key is never processed by
 * two workers at once, a key added while queued is queued once, a key added while being processed is
 * processed again after {@link #done}; delayed adds wait on the injected clock.
 */
public final class WorkQueue {

  private record Waiting(String key, Instant readyAt) {}

  private final Clock clock;
  private final RateLimiter rateLimiter;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private final Set<String> dirty = new HashSet<>();
  private final Set<String> processing = new HashSet<>();
  private final PriorityQueue<Waiting> waiting = new PriorityQueue<>((a, b) -> a.readyAt().compareTo(b.readyAt()));
  private final Map<String, Instant> waitingReadyAt = new HashMap<>();
  private boolean shuttingDown;

  public WorkQueue(Clock clock, RateLimiter rateLimiter) {
    this.clock = clock;
    this.rateLimiter = rateLimiter;
  }

  /** A queue with client-go's default controller rate limiter. */
  public static WorkQueue withDefaultRateLimiter(Clock clock) {
    return new WorkQueue(clock, RateLimiter.controllerDefault(clock));
  }

  /** Queues {@code key} now, unless it is already queued. */
  public void add(String key) {
    lock.lock();
    try {
      addLocked(key);
    } finally {
      lock.unlock();
    }
  }

  private void addLocked(String key) {
    if (shuttingDown || !dirty.add(key)) {
      return;
    }
    if (!processing.contains(key)) {
      queue.addLast(key);
      changed.signal();
    }
  }

  /** Queues {@code key} once {@code delay} has passed; an earlier pending deadline for it wins. */
  public void addAfter(String key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    lock.lock();
    try {
      if (shuttingDown) {
        return;
      }
      var readyAt = clock.instant().plus(delay);
      var existing = waitingReadyAt.get(key);
      if (existing != null && !readyAt.isBefore(existing)) {
        return;
      }
      if (existing != null) {
        waiting.removeIf(w -> w.key().equals(key));
      }
      waitingReadyAt.put(key, readyAt);
      waiting.add(new Waiting(key, readyAt));
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Queues {@code key} after the delay the rate limiter grants it (its retry path). */
  public void addRateLimited(String key) {
    addAfter(key, rateLimiter.when(key));
  }

  /** Ends {@code key}'s backoff: its next failure starts over at the base delay. */
  public void forget(String key) {
    rateLimiter.forget(key);
  }

  public int numRequeues(String key) {
    return rateLimiter.numRequeues(key);
  }

  /** Takes the next ready key without waiting, or {@code null} when none is ready. */
  public String poll() {
    lock.lock();
    try {
      promoteDue();
      return takeLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the next ready key, waiting for one; {@code null} once the queue is shut down. The caller
   * must call {@link #done} with the key when it has finished processing it.
   */
  public String take() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        promoteDue();
        var key = takeLocked();
        if (key != null) {
          return key;
        }
        if (shuttingDown) {
          return null;
        }
        var next = waiting.peek();
        if (next == null) {
          changed.await();
        } else {
          long nanos = Duration.between(clock.instant(), next.readyAt()).toNanos();
          // Bounded so a clock that moves differently from the condition's timer is re-read soon.
          changed.await(Math.max(1, Math.min(nanos, TimeUnit.SECONDS.toNanos(1))), TimeUnit.NANOSECONDS);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private String takeLocked() {
    var key = queue.pollFirst();
    if (key != null) {
      processing.add(key);
      dirty.remove(key);
    }
    return key;
  }

  private void promoteDue() {
    var now = clock.instant();
    while (!waiting.isEmpty() && !waiting.peek().readyAt().isAfter(now)) {
      var w = waiting.poll();
      waitingReadyAt.remove(w.key());
      addLocked(w.key());
    }
  }

  /** Marks {@code key} processed; if it was added meanwhile it is queued again. */
  public void done(String key) {
    lock.lock();
    try {
      processing.remove(key);
      if (dirty.contains(key)) {
        queue.addLast(key);
        changed.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Number of keys ready to be taken (not counting delayed ones or ones in process). */
  public int length() {
    lock.lock();
    try {
      promoteDue();
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Stops accepting keys and wakes every waiting {@link #take} so workers can exit. */
  public void shutDown() {
    lock.lock();
    try {
      shuttingDown = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isShuttingDown() {
    lock.lock();
    try {
      return shuttingDown;
    } finally {
      lock.unlock();
    }
  }
}
