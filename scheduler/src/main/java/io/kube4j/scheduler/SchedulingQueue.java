package io.kube4j.scheduler;

import io.kube4j.scheduler.framework.PodInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pods waiting to be scheduled, in three parts as upstream's PriorityQueue: the active queue (highest
 * priority, then oldest, first), the backoff queue (failed pods waiting out an exponential backoff of
 * 1 s doubling to 10 s) and the unschedulable pods (waiting for a cluster change that might help, or
 * at most five minutes). Thread-safe; {@link #pop} blocks.
 */
public final class SchedulingQueue {

  /** A queued pod with its attempt count; {@code cycle} is the scheduling cycle that popped it last. */
  public static final class Entry {
    private PodInfo pod;
    private int attempts;
    private final Instant added;
    private Instant lastFailure;
    private long cycle;
    private Where where = Where.NONE;

    Entry(PodInfo pod, Instant added) {
      this.pod = pod;
      this.added = added;
    }

    public PodInfo pod() {
      return pod;
    }

    public int attempts() {
      return attempts;
    }

    public long cycle() {
      return cycle;
    }
  }

  private enum Where { NONE, ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT }

  static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  static final Duration MAX_UNSCHEDULABLE = Duration.ofMinutes(5);

  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Map<String, Entry> entries = new HashMap<>();
  private final PriorityQueue<Entry> active = new PriorityQueue<>(
      Comparator.comparingInt((Entry e) -> -e.pod.priority()).thenComparing(e -> e.added));
  private final PriorityQueue<Entry> backoff = new PriorityQueue<>(Comparator.comparing(this::backoffExpiry));
  private long schedulingCycle;
  private long moveRequestCycle = -1;
  private boolean closed;
  private Instant lastLeftoverScan;

  public SchedulingQueue(Clock clock) {
    this.clock = clock;
  }

  /** A new pending pod, or a changed one: goes (back) to the active queue unless it is being scheduled now. */
  public void addOrUpdate(PodInfo pod) {
    lock.lock();
    try {
      var e = entries.get(pod.key());
      if (e == null) {
        e = new Entry(pod, clock.instant());
        entries.put(pod.key(), e);
        toActive(e);
        return;
      }
      e.pod = pod;
      switch (e.where) {
        case ACTIVE -> {
          active.remove(e);
          active.add(e);
        }
        case BACKOFF, UNSCHEDULABLE -> {
          // An update may make the pod schedulable (upstream moves it on any spec change); respect its backoff.
          backoff.remove(e);
          toActiveOrBackoff(e);
        }
        default -> { }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Forgets a pod (deleted, or bound by someone). */
  public void delete(String key) {
    lock.lock();
    try {
      var e = entries.remove(key);
      if (e != null) {
        if (e.where == Where.ACTIVE) {
          active.remove(e);
        } else if (e.where == Where.BACKOFF) {
          backoff.remove(e);
        }
        e.where = Where.NONE;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The next pod to schedule, waiting up to {@code timeout}; null on timeout or close. */
  public Entry pop(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      var deadline = System.nanoTime() + timeout.toNanos();
      while (!closed) {
        flush();
        var e = active.poll();
        if (e != null) {
          e.where = Where.IN_FLIGHT;
          e.attempts++;
          e.cycle = ++schedulingCycle;
          return e;
        }
        var left = deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        // Wake up for the next backoff expiry at the latest.
        var next = backoff.peek();
        if (next != null) {
          var untilExpiry = Duration.between(clock.instant(), backoffExpiry(next)).toNanos();
          left = Math.max(1_000_000, Math.min(left, untilExpiry));
        }
        notEmpty.await(left, TimeUnit.NANOSECONDS);
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A pod no node fits: it waits among the unschedulable pods for a cluster change, or in the backoff
   * queue when a change already happened while it was being scheduled.
   */
  public void unschedulable(Entry e) {
    lock.lock();
    try {
      if (entries.get(e.pod.key()) != e) {
        return;
      }
      e.lastFailure = clock.instant();
      if (moveRequestCycle >= e.cycle) {
        toBackoff(e);
      } else {
        e.where = Where.UNSCHEDULABLE;
      }
    } finally {
      lock.unlock();
    }
  }

  /** A pod whose cycle failed for a transient reason (binding error): retried after its backoff. */
  public void retryAfterBackoff(Entry e) {
    lock.lock();
    try {
      if (entries.get(e.pod.key()) != e) {
        return;
      }
      e.lastFailure = clock.instant();
      toBackoff(e);
    } finally {
      lock.unlock();
    }
  }

  /** The pod left the queue for good (bound). */
  public void done(Entry e) {
    lock.lock();
    try {
      if (entries.get(e.pod.key()) == e) {
        entries.remove(e.pod.key());
        e.where = Where.NONE;
      }
    } finally {
      lock.unlock();
    }
  }

  /** A cluster change that may make unschedulable pods fit: move them all to active (or backoff if still backing off). */
  public void moveAllUnschedulable() {
    lock.lock();
    try {
      for (var e : entries.values()) {
        if (e.where == Where.UNSCHEDULABLE) {
          toActiveOrBackoff(e);
        }
      }
      moveRequestCycle = schedulingCycle;
    } finally {
      lock.unlock();
    }
  }

  /** Sizes of the active, backoff and unschedulable parts, for tests and metrics. */
  public List<Integer> sizes() {
    lock.lock();
    try {
      int unschedulable = (int) entries.values().stream().filter(e -> e.where == Where.UNSCHEDULABLE).count();
      return List.of(active.size(), backoff.size(), unschedulable);
    } finally {
      lock.unlock();
    }
  }

  public void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void flush() {
    var now = clock.instant();
    while (!backoff.isEmpty() && !backoffExpiry(backoff.peek()).isAfter(now)) {
      toActive(backoff.poll());
    }
    // Scanning for pods stuck too long is O(queue); upstream does it every 30 s, so do we.
    if (lastLeftoverScan == null || !lastLeftoverScan.plusSeconds(30).isAfter(now)) {
      lastLeftoverScan = now;
      for (var e : entries.values()) {
        if (e.where == Where.UNSCHEDULABLE && e.lastFailure.plus(MAX_UNSCHEDULABLE).isBefore(now)) {
          toActiveOrBackoff(e);
        }
      }
    }
  }

  Instant backoffExpiry(Entry e) {
    if (e.lastFailure == null || e.attempts == 0) {
      return Instant.MIN;
    }
    var backoffTime = INITIAL_BACKOFF.multipliedBy(1L << Math.min(e.attempts - 1, 10));
    return e.lastFailure.plus(backoffTime.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoffTime);
  }

  private void toActiveOrBackoff(Entry e) {
    if (backoffExpiry(e).isAfter(clock.instant())) {
      toBackoff(e);
    } else {
      toActive(e);
    }
  }

  private void toBackoff(Entry e) {
    e.where = Where.BACKOFF;
    backoff.add(e);
    notEmpty.signalAll();
  }

  private void toActive(Entry e) {
    e.where = Where.ACTIVE;
    active.add(e);
    notEmpty.signalAll();
  }
}
