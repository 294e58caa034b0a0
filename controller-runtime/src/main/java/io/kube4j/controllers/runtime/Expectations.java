package io.kube4j.controllers.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;

/**
 * What a controller has asked the API server to create and delete and not yet seen in its informer
 * cache, per controller key (upstream's UID-tracking controller expectations). While expectations
 * are pending the cache is stale for that key and the controller must not act on it again; after
 * {@code ttl} they expire so a lost watch event cannot wedge the controller forever.
 */
public final class Expectations {

  /** Upstream's ExpectationsTimeout. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

  private static final class Record {
    int adds;
    final Set<String> pendingDeletes = new HashSet<>();
    Instant setAt;
  }

  private final Clock clock;
  private final Duration ttl;
  private final HashMap<String, Record> records = new HashMap<>();

  public Expectations(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  public Expectations(Clock clock) {
    this(clock, DEFAULT_TTL);
  }

  /** Records that {@code count} creations were just requested for {@code key}. */
  public synchronized void expectCreations(String key, int count) {
    records.compute(key, (k, r) -> {
      var record = new Record();
      record.adds = count;
      record.setAt = clock.instant();
      return record;
    });
  }

  /** Records that the objects with these uids were just asked to be deleted for {@code key}. */
  public synchronized void expectDeletions(String key, Collection<String> uids) {
    records.compute(key, (k, r) -> {
      var record = new Record();
      record.pendingDeletes.addAll(uids);
      record.setAt = clock.instant();
      return record;
    });
  }

  /** One expected creation was observed (or will never happen because the request failed). */
  public synchronized void creationObserved(String key) {
    records.computeIfPresent(key, (k, r) -> {
      r.adds--;
      return r;
    });
  }

  /** The deletion of {@code uid} was observed (or failed); repeated observations count once. */
  public synchronized void deletionObserved(String key, String uid) {
    records.computeIfPresent(key, (k, r) -> {
      r.pendingDeletes.remove(uid);
      return r;
    });
  }

  /**
   * Whether the cache can be trusted for {@code key}: nothing expected, everything observed, or the
   * expectations are older than the TTL.
   */
  public synchronized boolean satisfied(String key) {
    var record = records.get(key);
    if (record == null) {
      return true;
    }
    if (record.adds <= 0 && record.pendingDeletes.isEmpty()) {
      return true;
    }
    return Duration.between(record.setAt, clock.instant()).compareTo(ttl) > 0;
  }

  /** Drops {@code key}'s expectations (its controller object is gone). */
  public synchronized void forget(String key) {
    records.remove(key);
  }

  /** Expected creations still outstanding for {@code key} (0 when none). */
  public synchronized int pendingCreations(String key) {
    var record = records.get(key);
    return record == null ? 0 : Math.max(0, record.adds);
  }

  /** Expected deletions still outstanding for {@code key} (0 when none). */
  public synchronized int pendingDeletions(String key) {
    var record = records.get(key);
    return record == null ? 0 : record.pendingDeletes.size();
  }
}
