package io.kube4j.controllers.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Decides what becomes of each event a component records, with client-go's event correlation rules, so a
 * busy controller writes what an upstream one writes:
 *
 * <ul>
 *   <li><b>Counting.</b> An event equal to one already written (same object, type, reason and message)
 *       becomes a patch of that event's {@code count} and {@code lastTimestamp}.
 *   <li><b>Aggregation.</b> Once {@value #MAX_SIMILAR} different messages with the same object, type and
 *       reason were seen with no gap over {@link #AGGREGATION_INTERVAL}, further new messages go into one
 *       event, {@code "(combined from similar events): <latest message>"}, whose count grows. A ReplicaSet
 *       creating 1,000 pods shows nine {@code Created pod: …} events and one combined event.
 *   <li><b>Spam filter.</b> Each object may have {@value #SPAM_BURST} events written (creates and count
 *       patches alike) in a burst, then one per {@link #SPAM_REFILL}; the rest are dropped, though their
 *       counts still go into the next write.
 * </ul>
 *
 * <p>Not thread-safe: the recorder calls it from its one writer thread.
 */
final class EventCorrelator {

  static final int MAX_SIMILAR = 10;
  static final Duration AGGREGATION_INTERVAL = Duration.ofMinutes(10);
  static final int SPAM_BURST = 25;
  static final Duration SPAM_REFILL = Duration.ofMinutes(5);
  static final String COMBINED_PREFIX = "(combined from similar events): ";
  private static final int CACHE_SIZE = 4096;

  /** The object an event is about. */
  record Subject(String apiVersion, String kind, String namespace, String name, String uid) {}

  /** One call to record an event. */
  record Occurrence(Subject subject, String type, String reason, String message) {}

  /** What to write: a new event ({@code patch} false) or a patch of the event named {@code name}. */
  record Write(boolean patch, String name, String namespace, String message, int count, Instant firstTimestamp,
      Instant lastTimestamp) {}

  private record SimilarKey(Subject subject, String type, String reason) {}

  private static final class Similar {
    final Set<String> messages = new LinkedHashSet<>();
    Instant last;
  }

  private static final class Written {
    final String name;
    final String namespace;
    final Instant first;
    int count = 1;

    Written(String name, String namespace, Instant first) {
      this.name = name;
      this.namespace = namespace;
      this.first = first;
    }
  }

  private static final class Bucket {
    double tokens = SPAM_BURST;
    Instant last;
  }

  private final Map<SimilarKey, Similar> similar = lru();
  /** Keyed by the {@link Occurrence} for plain events, by the {@link SimilarKey} for combined ones. */
  private final Map<Object, Written> written = lru();
  private final Map<Subject, Bucket> buckets = lru();

  /** What to write for {@code occurrence} at {@code now}, or null when the spam filter drops it. */
  Write correlate(Occurrence occurrence, Instant now) {
    var similarKey = new SimilarKey(occurrence.subject(), occurrence.type(), occurrence.reason());
    var group = similar.get(similarKey);
    if (group == null || Duration.between(group.last, now).compareTo(AGGREGATION_INTERVAL) > 0) {
      group = new Similar();
      similar.put(similarKey, group);
    }
    group.messages.add(occurrence.message());
    group.last = now;
    Object key = occurrence;
    var message = occurrence.message();
    if (group.messages.size() >= MAX_SIMILAR) {
      Iterator<String> oldest = group.messages.iterator();
      oldest.next();
      oldest.remove(); // the group never grows past the threshold
      key = similarKey;
      message = COMBINED_PREFIX + message;
    }
    var previous = written.get(key);
    Write write;
    if (previous != null) {
      previous.count++;
      write = new Write(true, previous.name, previous.namespace, message, previous.count, previous.first, now);
    } else {
      var subject = occurrence.subject();
      var namespace = subject.namespace() == null || subject.namespace().isEmpty() ? "default" : subject.namespace();
      var name = subject.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano());
      written.put(key, new Written(name, namespace, now));
      write = new Write(false, name, namespace, message, 1, now, now);
    }
    return allowed(occurrence.subject(), now) ? write : null;
  }

  private boolean allowed(Subject subject, Instant now) {
    var bucket = buckets.computeIfAbsent(subject, s -> new Bucket());
    if (bucket.last != null) {
      double refilled = (double) Duration.between(bucket.last, now).toNanos() / SPAM_REFILL.toNanos();
      bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + Math.max(0, refilled));
    }
    bucket.last = now;
    if (bucket.tokens < 1) {
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  private static <K, V> Map<K, V> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > CACHE_SIZE;
      }
    };
  }
}
