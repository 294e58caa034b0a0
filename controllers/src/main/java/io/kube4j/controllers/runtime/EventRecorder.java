package io.kube4j.controllers.runtime;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about objects, as client-go's recorder does: writes happen off the caller's
 * thread in order, and an event with the same involved object, type, reason and message as one
 * written less than ten minutes ago bumps that event's {@code count} and {@code lastTimestamp} with
 * a patch instead of creating a new object.
 */
public final class EventRecorder implements AutoCloseable {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  /** How long a written event keeps absorbing repeats (upstream's correlator window). */
  static final Duration DEDUPLICATION_WINDOW = Duration.ofMinutes(10);
  private static final int CACHE_SIZE = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private record Key(String apiVersion, String kind, String namespace, String name, String uid, String type, String reason,
      String message) {}

  private static final class Seen {
    final String eventName;
    final String namespace;
    int count;
    Instant last;

    Seen(String eventName, String namespace, Instant last) {
      this.eventName = eventName;
      this.namespace = namespace;
      this.count = 1;
      this.last = last;
    }
  }

  private final KubernetesClient client;
  private final String component;
  private final Clock clock;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("event-recorder").factory());
  /** Touched only by the writer thread; access-ordered so the least recently seen is evicted. */
  private final Map<Key, Seen> seen = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Seen> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  public EventRecorder(KubernetesClient client, String component, Clock clock) {
    this.client = client;
    this.component = component;
    this.clock = clock;
  }

  /** Records an event about {@code object}; returns at once, the write happens in the background. */
  public void event(HasMetadata object, String type, String reason, String message) {
    var meta = object.getMetadata();
    var key = new Key(object.getApiVersion(), object.getKind(), meta.getNamespace(), meta.getName(), meta.getUid(), type, reason,
        message);
    var now = clock.instant();
    try {
      writer.execute(() -> write(key, now));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("event recorder closed; dropped {} {} for {}/{}", reason, message, meta.getNamespace(), meta.getName(), e);
    }
  }

  /** Records and waits for the write: for tests that assert on what the server holds. */
  void eventAndWait(HasMetadata object, String type, String reason, String message) throws Exception {
    event(object, type, reason, message);
    writer.submit(() -> null).get();
  }

  private void write(Key key, Instant now) {
    var previous = seen.get(key);
    if (previous != null && Duration.between(previous.last, now).compareTo(DEDUPLICATION_WINDOW) < 0) {
      try {
        var count = previous.count + 1;
        var patch = "{\"count\":" + count + ",\"lastTimestamp\":\"" + timestamp(now) + "\"}";
        client.v1().events().inNamespace(previous.namespace).withName(previous.eventName)
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        previous.count = count;
        previous.last = now;
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          LOG.warn("could not update event {}/{}: {}", previous.namespace, previous.eventName, e.getMessage());
          return;
        }
        // The event expired or was deleted: write a fresh one.
      }
    }
    var namespace = key.namespace() == null || key.namespace().isEmpty() ? "default" : key.namespace();
    var name = key.name() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    Event event = new EventBuilder()
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(key.apiVersion()).withKind(key.kind())
            .withNamespace(key.namespace()).withName(key.name()).withUid(key.uid()).build())
        .withType(key.type()).withReason(key.reason()).withMessage(key.message())
        .withNewSource().withComponent(component).endSource()
        .withReportingComponent(component)
        .withFirstTimestamp(timestamp(now)).withLastTimestamp(timestamp(now)).withCount(1)
        .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
      seen.put(key, new Seen(name, namespace, now));
    } catch (KubernetesClientException e) {
      LOG.warn("could not write event {} {} for {}/{}: {}", key.reason(), key.message(), namespace, key.name(), e.getMessage());
    }
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Writes what is queued (up to a few seconds) and stops. */
  @Override
  public void close() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
      writer.shutdownNow();
    }
  }
}
