package io.kube4j.storage;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Compacts a {@link Storage} every {@code interval}, keeping the newest {@code retainedRevisions}
 * revisions of history, on one background virtual thread, so an update-heavy workload does not grow the
 * store without bound. The wait between runs goes through a {@link Sleeper}, so tests drive it by hand.
 */
public final class PeriodicCompactor implements AutoCloseable {

  /** Waits between compactions; production code sleeps, tests decide when a period has passed. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Sleeps the calling thread. */
  public static final Sleeper REAL_TIME = duration -> Thread.sleep(duration);

  private final Storage storage;
  private final Duration interval;
  private final long retainedRevisions;
  private final Sleeper sleeper;
  private final Consumer<RuntimeException> onFailure;
  private final Thread thread;

  /**
   * Starts compacting.
   *
   * @param onFailure told about a failed run (the compactor keeps going and tries again next period)
   */
  public PeriodicCompactor(Storage storage, Duration interval, long retainedRevisions, Sleeper sleeper,
      Consumer<RuntimeException> onFailure) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("compaction interval must be positive, got " + interval);
    }
    if (retainedRevisions < 0) {
      throw new IllegalArgumentException("retained revisions must not be negative, got " + retainedRevisions);
    }
    this.storage = storage;
    this.interval = interval;
    this.retainedRevisions = retainedRevisions;
    this.sleeper = sleeper;
    this.onFailure = onFailure;
    this.thread = Thread.ofVirtual().name("kube4j-compactor").start(this::run);
  }

  /** Compacts once, now: up to {@code currentRevision - retainedRevisions}. Returns the new floor. */
  public long compactOnce() {
    long target = storage.currentRevision() - retainedRevisions;
    if (target > storage.compactedRevision()) {
      storage.compact(target);
    }
    return storage.compactedRevision();
  }

  private void run() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      try {
        compactOnce();
      } catch (StorageException.Unavailable e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        onFailure.accept(e);
      } catch (RuntimeException e) {
        onFailure.accept(e);
      }
    }
  }

  /** Stops the background thread and waits for a running compaction to finish. */
  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException.Unavailable("interrupted while stopping the compactor", e);
    }
  }
}
