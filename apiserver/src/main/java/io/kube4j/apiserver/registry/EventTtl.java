package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.json.Json;
import io.kube4j.storage.KeyValue;
import io.kube4j.storage.PeriodicCompactor;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Deletes Events ({@code /registry/events/…}, shared by core and {@code events.k8s.io}) once their last
 * write is older than a time to live, as upstream's {@code --event-ttl} does (default one hour), from
 * one background virtual thread that sweeps every minute; requests never pay for it.
 *
 * <p>When an event was last written is taken from the store, not from the object: every sweep records
 * the store's current revision with the time, so a version whose mod revision is at or below a mark
 * recorded at least the TTL ago is known to be that old, whatever timestamps its writer put in it. Events
 * last written before this instance's first sweep (before the server started) have no mark; for those the
 * newest timestamp in the object ({@code lastTimestamp}, {@code eventTime}, {@code series.lastObservedTime},
 * {@code metadata.creationTimestamp}, {@code managedFields[].time}) counts, and without any they expire one
 * TTL after the first sweep. An event expires at most one sweep interval after its TTL. The delete is
 * guarded by the mod revision the sweep saw, so an event written again meanwhile stays; watchers see a
 * DELETED event, as with upstream's etcd lease expiry.
 */
public final class EventTtl implements AutoCloseable {

  /** Upstream's default {@code --event-ttl}. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  /** How often the background thread sweeps. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  static final String PREFIX = "/registry/events/";
  private static final int PAGE = 500;

  private record Mark(long revision, Instant time) {}

  private final Storage storage;
  private final Clock clock;
  private final Duration ttl;
  // Owned by the sweeping thread; sweep() is not called concurrently.
  private final ArrayDeque<Mark> marks = new ArrayDeque<>();
  private Mark first;
  private final Thread thread;

  private EventTtl(Storage storage, Clock clock, Duration ttl, Thread thread) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("the event TTL must be positive, got " + ttl);
    }
    this.storage = storage;
    this.clock = clock;
    this.ttl = ttl;
    this.thread = thread;
  }

  /** Sweeps only when {@link #sweep()} is called (tests, or a caller with its own schedule). */
  public static EventTtl manual(Storage storage, Clock clock, Duration ttl) {
    return new EventTtl(storage, clock, ttl, null);
  }

  /**
   * Sweeps now and then every {@code interval} on a background virtual thread, until {@link #close()}.
   *
   * @param sleeper how the thread waits between sweeps ({@link PeriodicCompactor#REAL_TIME} in production)
   * @param onFailure told about a failed sweep; the next one tries again
   */
  public static EventTtl start(Storage storage, Clock clock, Duration ttl, Duration interval,
      PeriodicCompactor.Sleeper sleeper, Consumer<RuntimeException> onFailure) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the sweep interval must be positive, got " + interval);
    }
    var holder = new EventTtl[1];
    var thread = Thread.ofVirtual().name("kube4j-event-ttl").unstarted(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        try {
          holder[0].sweep();
        } catch (RuntimeException e) {
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
          onFailure.accept(e);
        }
        try {
          sleeper.sleep(interval);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    holder[0] = new EventTtl(storage, clock, ttl, thread);
    thread.start();
    return holder[0];
  }

  /** Deletes every event whose last write is older than the TTL; returns how many it deleted. */
  public int sweep() {
    // The revision is read before the list, so every version listed at or below it was written before now.
    var now = clock.instant();
    var mark = new Mark(storage.currentRevision(), now);
    if (first == null) {
      first = mark;
    }
    marks.addLast(mark);
    var cutoff = now.minus(ttl);
    // The newest mark at least a TTL old covers every version at or below its revision; older marks are
    // covered by it and go.
    Mark covering = null;
    while (!marks.isEmpty() && !marks.peekFirst().time().isAfter(cutoff)) {
      covering = marks.removeFirst();
    }
    long expiredThrough = 0;
    if (covering != null) {
      marks.addFirst(covering);
      expiredThrough = covering.revision();
    }
    int deleted = 0;
    var after = "";
    while (true) {
      var page = storage.list(PREFIX, 0, after, PAGE);
      for (var kv : page.items()) {
        if (expired(kv, expiredThrough, cutoff) && delete(kv)) {
          deleted++;
        }
      }
      if (!page.more() || page.items().isEmpty()) {
        return deleted;
      }
      after = page.items().getLast().key();
    }
  }

  private boolean expired(KeyValue kv, long expiredThrough, Instant cutoff) {
    if (kv.modRevision() <= expiredThrough) {
      return true;
    }
    if (kv.modRevision() > first.revision()) {
      return false; // written while we watched the clock: a mark will cover it once it is old enough
    }
    return lastWriteRecordedIn(kv.value()).map(time -> !time.isAfter(cutoff)).orElse(false);
  }

  private boolean delete(KeyValue kv) {
    try {
      storage.delete(kv.key(), kv.modRevision());
      return true;
    } catch (StorageException.RevisionMismatch | StorageException.NotFound e) {
      return false; // written again or deleted meanwhile: not expired, or already gone
    }
  }

  /** The newest timestamp an event object carries, if it carries any that parses. */
  static Optional<Instant> lastWriteRecordedIn(byte[] stored) {
    JsonNode event;
    try {
      event = Json.parse(stored);
    } catch (java.io.IOException e) {
      return Optional.empty(); // not JSON we can read: leave it to the revision marks
    }
    Instant newest = null;
    newest = later(newest, event.path("lastTimestamp"));
    newest = later(newest, event.path("eventTime"));
    newest = later(newest, event.path("series").path("lastObservedTime"));
    newest = later(newest, event.path("deprecatedLastTimestamp"));
    newest = later(newest, event.path("metadata").path("creationTimestamp"));
    for (var entry : event.path("metadata").path("managedFields")) {
      newest = later(newest, entry.path("time"));
    }
    return Optional.ofNullable(newest);
  }

  private static Instant later(Instant newest, JsonNode field) {
    if (!field.isTextual() || field.asText().isEmpty()) {
      return newest;
    }
    try {
      var time = Instant.parse(field.asText());
      return newest == null || time.isAfter(newest) ? time : newest;
    } catch (DateTimeParseException e) {
      return newest; // a malformed timestamp tells nothing about the write
    }
  }

  /** Stops the background thread (if any) and waits for a running sweep to end. */
  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
