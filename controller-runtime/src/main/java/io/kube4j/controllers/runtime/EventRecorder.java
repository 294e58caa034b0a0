package io.kube4j.controllers.runtime;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events about objects, as client-go's recorder does: writes happen off the caller's
 * thread in order, and what is written follows client-go's correlation rules ({@link EventCorrelator}):
 * a repeat bumps the earlier event's {@code count}, many similar messages about one object combine into
 * one event, and a source writes at most 25 events about an object in a burst.
 */
public final class EventRecorder implements AutoCloseable {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final JsonMapper JSON = new JsonMapper();

  private final KubernetesClient client;
  private final String component;
  private final Clock clock;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("event-recorder").factory());
  /** Touched only by the writer thread. */
  private final EventCorrelator correlator = new EventCorrelator();

  public EventRecorder(KubernetesClient client, String component, Clock clock) {
    this.client = client;
    this.component = component;
    this.clock = clock;
  }

  /** Records an event about {@code object}; returns at once, the write happens in the background. */
  public void event(HasMetadata object, String type, String reason, String message) {
    var meta = object.getMetadata();
    var occurrence = new EventCorrelator.Occurrence(
        new EventCorrelator.Subject(object.getApiVersion(), object.getKind(), meta.getNamespace(), meta.getName(), meta.getUid()),
        type, reason, message);
    var now = clock.instant();
    try {
      writer.execute(() -> write(occurrence, now));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("event recorder closed; dropped {} {} for {}/{}", reason, message, meta.getNamespace(), meta.getName(), e);
    }
  }

  /** Records and waits for the write: for tests that assert on what the server holds. */
  void eventAndWait(HasMetadata object, String type, String reason, String message) throws Exception {
    event(object, type, reason, message);
    writer.submit(() -> null).get();
  }

  private void write(EventCorrelator.Occurrence occurrence, Instant now) {
    var write = correlator.correlate(occurrence, now);
    if (write == null) {
      return; // over this object's event budget
    }
    if (write.patch()) {
      try {
        var patch = JSON.createObjectNode().put("count", write.count()).put("lastTimestamp", timestamp(write.lastTimestamp()))
            .put("message", write.message());
        client.v1().events().inNamespace(write.namespace()).withName(write.name())
            .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          LOG.warn("could not update event {}/{}: {}", write.namespace(), write.name(), ApiErrors.message(e));
          return;
        }
        // The event expired or was deleted: write it again, count and all, as client-go does.
      }
    }
    var subject = occurrence.subject();
    Event event = new EventBuilder()
        .withNewMetadata().withName(write.name()).withNamespace(write.namespace()).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(subject.apiVersion()).withKind(subject.kind())
            .withNamespace(subject.namespace()).withName(subject.name()).withUid(subject.uid()).build())
        .withType(occurrence.type()).withReason(occurrence.reason()).withMessage(write.message())
        .withNewSource().withComponent(component).endSource()
        .withReportingComponent(component)
        .withFirstTimestamp(timestamp(write.firstTimestamp())).withLastTimestamp(timestamp(write.lastTimestamp()))
        .withCount(write.count())
        .build();
    try {
      client.v1().events().inNamespace(write.namespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("could not write event {} {} for {}/{}: {}", occurrence.reason(), write.message(), write.namespace(), subject.name(),
          ApiErrors.message(e));
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
