package io.kube4j.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduler's {@code FailedScheduling} events. A pending pod is tried again every time the cluster
 * changes, and each try that fails would otherwise write a new Event; as upstream's event correlator,
 * a failure with the same message for the same pod within ten minutes instead bumps the first event's
 * {@code count} and {@code lastTimestamp}, so {@code kubectl describe pod} shows one line
 * {@code (x5 over 3m)}. Writes for one pod are chained, so a repeat never patches an event whose create
 * has not finished.
 */
final class FailedSchedulingEvents {

  /** How long a written event keeps absorbing repeats (upstream's correlator window). */
  static final Duration WINDOW = Duration.ofMinutes(10);

  /** Where the events go: {@code POST} of a new Event, merge {@code PATCH} of an existing one. */
  interface Writer {
    CompletableFuture<?> create(String namespace, ObjectNode event);

    CompletableFuture<?> patch(String namespace, String name, ObjectNode patch);
  }

  private record Series(String name, String message, Instant first, int count, CompletableFuture<?> written) {}

  private final Writer writer;
  private final Clock clock;
  private final String component;
  private final Map<String, Series> byPodUid = new ConcurrentHashMap<>();

  FailedSchedulingEvents(Writer writer, Clock clock, String component) {
    this.writer = writer;
    this.clock = clock;
    this.component = component;
  }

  /** Records that {@code pod} could not be scheduled, for {@code message}. */
  void record(String namespace, String pod, String uid, String message) {
    var now = clock.instant();
    byPodUid.compute(uid, (key, series) -> {
      if (series != null && series.message().equals(message) && now.isBefore(series.first().plus(WINDOW))) {
        int count = series.count() + 1;
        var patch = ApiCalls.object().put("count", count).put("lastTimestamp", timestamp(now));
        var written = series.written().handle((ignored, failure) -> null)
            .thenCompose(ignored -> writer.patch(namespace, series.name(), patch));
        return new Series(series.name(), message, series.first(), count, written);
      }
      var name = pod + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano());
      var event = ApiCalls.podEventBody(namespace, name, pod, uid, "Warning", "FailedScheduling", message, component, timestamp(now));
      var previous = series == null ? CompletableFuture.completedFuture(null) : series.written().handle((ignored, failure) -> null);
      return new Series(name, message, now, 1, previous.thenCompose(ignored -> writer.create(namespace, event)));
    });
  }

  /** Forgets a pod that was scheduled or deleted: a later failure starts a new event. */
  void forget(String uid) {
    byPodUid.remove(uid);
  }

  /** The pending write for a pod (for tests), or null. */
  CompletableFuture<?> pending(String uid) {
    var series = byPodUid.get(uid);
    return series == null ? null : series.written();
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
