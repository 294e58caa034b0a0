package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.MediaTypes;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.http.ResponseSink;
import io.kube4j.apiserver.http.Responses;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.storage.KeyValue;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.WatchStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Serves {@code ?watch=true}: a chunked stream of {@code {"type":…,"object":…}} lines, starting from a
 * resourceVersion (or with synthetic ADDED events for the current state), honouring label and field
 * selectors (an object leaving the selection is seen as DELETED, one entering it as ADDED), sending
 * BOOKMARKs when allowed, and ending with a 410 ERROR event when the start is too old.
 */
public final class Watches {

  private static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(60);
  private static final long DEFAULT_MIN_TIMEOUT_SECONDS = 1800;
  /** Events appended to a watch response before it is flushed even though more are waiting. */
  private static final int MAX_UNFLUSHED_EVENTS = 64;

  /**
   * Slots of the shared decoded/encoded object cache, and the largest stored object it keeps: enough for
   * watchers a second behind at a thousand writes per second, at most some tens of MB (pods are 2–8 KiB).
   */
  private static final int CACHED_OBJECTS = 1024;
  private static final int CACHED_OBJECT_MAX_BYTES = 16 * 1024;

  private final Representations representations;
  private final Clock clock;
  private final WatchObjectCache objects;

  public Watches(Representations representations, Clock clock) {
    this.representations = representations;
    this.clock = clock;
    this.objects = new WatchObjectCache(CACHED_OBJECTS, CACHED_OBJECT_MAX_BYTES);
  }

  /** The shared entry of a stored version, its resourceVersion set to {@code revision} (for a delete, the delete's revision). */
  private WatchObjectCache.Entry watched(ResourceStore store, KeyValue kv, long revision) {
    return objects.entry(kv.key(), revision, kv.value(), () -> {
      var object = store.decode(kv);
      Metadata.of(object).put("resourceVersion", String.valueOf(revision));
      return object;
    });
  }

  void serve(ApiRequest request, RequestInfo info, ResourceStore store, String ns, ListOptions options, ResponseSink sink) throws Exception {
    var def = store.definition();
    var version = info.version();
    boolean bookmarks = request.flag("allowWatchBookmarks");
    boolean sendInitialEvents = request.flag("sendInitialEvents");
    if (!request.param("sendInitialEvents").isEmpty() && !"NotOlderThan".equals(options.resourceVersionMatch())) {
      throw ApiException.invalid("meta.k8s.io", "ListOptions", "", List.of(io.kube4j.api.validation.FieldError.forbidden("sendInitialEvents",
          "sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan")));
    }
    if ("Exact".equals(options.resourceVersionMatch())) {
      throw ApiException.invalid("meta.k8s.io", "ListOptions", "", List.of(io.kube4j.api.validation.FieldError.forbidden("resourceVersionMatch",
          "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")));
    }
    long timeoutSeconds = request.param("timeoutSeconds").isEmpty()
        ? DEFAULT_MIN_TIMEOUT_SECONDS + ThreadLocalRandom.current().nextLong(DEFAULT_MIN_TIMEOUT_SECONDS)
        : Math.max(0, parse(request.param("timeoutSeconds")));
    var deadline = clock.instant().plusSeconds(timeoutSeconds);
    var rv = options.resourceVersion();
    boolean initial = sendInitialEvents || (request.param("sendInitialEvents").isEmpty() && (rv.isEmpty() || rv.equals("0")));
    var includeObject = request.param("includeObject", "Metadata");
    var encoder = new EventEncoder(def, version, MediaTypes.representation(request.header("accept")), includeObject);

    WatchStream stream;
    List<ObjectNode> initialItems = List.of();
    long startRevision;
    try {
      if (initial) {
        var page = store.list(ns, new ListOptions(options.filter(), options.filtered(), 0, "", "", ""));
        initialItems = page.items();
        startRevision = page.resourceVersion();
        stream = store.storage().watch(def.prefix(ns), startRevision);
      } else {
        startRevision = ResourceStore.parseResourceVersion(rv);
        stream = store.storage().watch(def.prefix(ns), startRevision);
      }
    } catch (StorageException.Compacted e) {
      var out = sink.stream(200, MediaTypes.JSON, Map.of());
      out.write(encoder.error(ApiException.gone("too old resource version: " + rv + " (" + e.compactedRevision() + ")")));
      out.close();
      return;
    } catch (StorageException e) {
      throw io.kube4j.apiserver.registry.StorageErrors.toApi(e, def, "");
    }
    try (stream; var out = sink.stream(200, MediaTypes.JSON, Map.of())) {
      for (var item : initialItems) {
        if (!out.append(encoder.event("ADDED", item))) {
          return;
        }
      }
      if (sendInitialEvents && bookmarks) {
        out.write(encoder.bookmark(startRevision, true));
      }
      var nextBookmark = clock.instant().plus(BOOKMARK_INTERVAL);
      long lastSent = startRevision;
      int unflushed = initialItems.size();
      while (out.isOpen()) {
        var now = clock.instant();
        if (!now.isBefore(deadline)) {
          return;
        }
        var wait = Duration.between(now, deadline.isBefore(nextBookmark) ? deadline : nextBookmark);
        // events already queued go out together in one flush, once nothing more is waiting or the batch is full
        var next = unflushed < MAX_UNFLUSHED_EVENTS ? stream.next(Duration.ZERO) : Optional.<WatchEvent>empty();
        if (next.isEmpty()) {
          out.flush();
          unflushed = 0;
          next = stream.next(wait.isNegative() ? Duration.ZERO : wait.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : wait);
        }
        if (next.isEmpty()) {
          if (stream.isClosed()) {
            return;
          }
          if (bookmarks && !clock.instant().isBefore(nextBookmark)) {
            long progress = Math.max(lastSent, stream.progressRevision());
            if (!out.write(encoder.bookmark(progress, false))) {
              return;
            }
            nextBookmark = clock.instant().plus(BOOKMARK_INTERVAL);
          }
          continue;
        }
        byte[] line = switch (next.get()) {
          case WatchEvent.Put put -> {
            var current = watched(store, put.current(), put.current().modRevision());
            boolean now2 = options.filter().test(current.object());
            // an unfiltered watch needs no look at the previous version: it matched, as everything does
            boolean before = put.previous() != null
                && (!options.filtered() || options.filter().test(watched(store, put.previous(), put.previous().modRevision()).object()));
            if (put.previous() == null) {
              yield now2 ? encoder.event("ADDED", current) : null;
            } else if (now2 && before) {
              yield encoder.event("MODIFIED", current);
            } else if (now2) {
              yield encoder.event("ADDED", current);
            } else if (before) {
              yield encoder.event("DELETED", current);
            } else {
              yield null;
            }
          }
          case WatchEvent.Delete delete -> {
            var last = watched(store, delete.previous(), delete.revision());
            yield options.filter().test(last.object()) ? encoder.event("DELETED", last) : null;
          }
          case WatchEvent.Expired expired -> encoder.error(ApiException.gone("watch expired: " + expired.reason()));
        };
        lastSent = Math.max(lastSent, next.get().revision());
        if (line != null) {
          if (!out.append(line)) {
            return;
          }
          unflushed++;
        }
        if (next.get() instanceof WatchEvent.Expired) {
          return;
        }
      }
    }
  }

  private static long parse(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid timeoutSeconds: " + v);
    }
  }

  /**
   * Encodes events in the request's representation: the object, a table row (column definitions sent once),
   * or its {@code PartialObjectMetadata} (a metadata informer's watch, as the garbage collector's).
   */
  private final class EventEncoder {
    private final ResourceDefinition def;
    private final String version;
    private final MediaTypes.Representation representation;
    private final String includeObject;
    /** Names this encoding among the shared object cache's encodings of a stored version. */
    private final String encodingKey;
    private boolean columnsSent;

    EventEncoder(ResourceDefinition def, String version, MediaTypes.Representation representation, String includeObject) {
      this.def = def;
      this.version = version;
      this.representation = representation;
      this.encodingKey = def.group() + "/" + def.resource() + "/" + version + (representation == MediaTypes.Representation.PARTIAL_METADATA ? "/partial" : "");
      this.includeObject = includeObject;
    }

    byte[] event(String type, ObjectNode stored) {
      return switch (representation) {
        case TABLE -> line(type, table(representations.fromStorage(stored, def, version)));
        case PARTIAL_METADATA, OBJECT -> line(type, encode(stored));
      };
    }

    /** An event for a shared watched object; a JSON or metadata watch reuses the encoding made for any such watch of this resource and version. */
    byte[] event(String type, WatchObjectCache.Entry watched) {
      if (representation == MediaTypes.Representation.TABLE) {
        return line(type, table(representations.fromStorage(watched.object(), def, version)));
      }
      return line(type, watched.encoded(encodingKey, this::encode));
    }

    private byte[] encode(ObjectNode stored) {
      var object = representations.fromStorageSharing(stored, def, version);
      return Json.bytes(representation == MediaTypes.Representation.PARTIAL_METADATA ? Representations.partial(object) : object);
    }

    private ObjectNode table(ObjectNode object) {
      var payload = representations.tables().table(def, List.of(object), includeObject, Metadata.resourceVersion(object), "", null, clock.instant(),
          !columnsSent);
      columnsSent = true;
      return payload;
    }

    byte[] bookmark(long revision, boolean initialEventsEnd) {
      var o = Json.object();
      if (representation == MediaTypes.Representation.PARTIAL_METADATA) {
        o.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
      } else {
        var gvk = def.kindIn(version);
        o.put("kind", gvk.kind()).put("apiVersion", gvk.apiVersion());
      }
      var meta = o.putObject("metadata");
      meta.put("resourceVersion", String.valueOf(revision));
      meta.put("creationTimestamp", (String) null);
      if (initialEventsEnd) {
        meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
      }
      return line("BOOKMARK", o);
    }

    byte[] error(ApiException e) {
      return line("ERROR", Responses.status(e));
    }

    private byte[] line(String type, ObjectNode object) {
      return line(type, Json.bytes(object));
    }

    /** {@code {"type":…,"object":…}} and a newline, assembled from the object's JSON without re-encoding it. */
    private static byte[] line(String type, byte[] object) {
      var head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
      var out = new byte[head.length + object.length + 2];
      System.arraycopy(head, 0, out, 0, head.length);
      System.arraycopy(object, 0, out, head.length, object.length);
      out[out.length - 2] = '}';
      out[out.length - 1] = '\n';
      return out;
    }
  }

}
