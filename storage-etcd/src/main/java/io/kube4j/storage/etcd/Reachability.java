package io.kube4j.storage.etcd;

import io.kube4j.storage.StorageException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether etcd answered lately. Once a call finds etcd unreachable, further calls fail at once instead of
 * each waiting out the request timeout (an API request makes several storage calls, so it would take a
 * multiple of it to fail); one call per probe interval still goes through, so the first call after etcd
 * returns succeeds and everything flows again. Only {@link StorageException.Unavailable} counts as a
 * failure: etcd refusing a request (a compacted revision, a failed compare) means it is there.
 */
final class Reachability {

  private record Outage(long sinceNanos, String cause) {}

  private final long probeIntervalNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong nextProbe = new AtomicLong();
  private volatile Outage outage;

  Reachability(Duration probeInterval, LongSupplier nanoTime) {
    this.probeIntervalNanos = probeInterval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Lets a call go ahead, or fails it at once while etcd is away and another call probed it less than a
   * probe interval ago.
   *
   * @throws StorageException.Unavailable with the cause of the outage and how long it has lasted
   */
  void admit(String where, String what) {
    var current = outage;
    if (current == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    long due = nextProbe.get();
    if (now - due >= 0 && nextProbe.compareAndSet(due, now + probeIntervalNanos)) {
      return;
    }
    long seconds = Duration.ofNanos(now - current.sinceNanos()).toSeconds();
    throw new StorageException.Unavailable(where + " has been unreachable for " + seconds + " s, so " + what
        + " was not tried (last failure: " + current.cause() + "); it is retried every "
        + Duration.ofNanos(probeIntervalNanos).toMillis() + " ms", null);
  }

  void succeeded() {
    if (outage != null) {
      outage = null;
    }
  }

  void failed(StorageException.Unavailable failure) {
    long now = nanoTime.getAsLong();
    if (outage == null) {
      outage = new Outage(now, failure.getMessage());
    }
    nextProbe.set(now + probeIntervalNanos);
  }

  boolean reachable() {
    return outage == null;
  }
}
