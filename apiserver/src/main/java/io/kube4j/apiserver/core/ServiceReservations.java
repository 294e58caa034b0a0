package io.kube4j.apiserver.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.storage.KeyValue;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Cluster IPs and node ports reserved in the store, so that several API servers on one etcd never hand
 * out the same one. Reserving is creating the key {@code /registry/kube4j.io/serviceips/<ip>} (or
 * {@code servicenodeports/<port>}) holding the owning Service's namespace, name and uid: the store lets
 * exactly one create of a key win, whichever server makes it.
 *
 * <p>A reservation whose owner no longer holds it (the Service is gone, has another uid, or no longer
 * uses the value) is stale and is taken over with a compare-and-swap update, but only once it is older
 * than {@code grace}: a younger one may belong to a create still in flight on another server. Stale
 * reservations come from a server that stopped between reserving and storing the Service, and from
 * updates that drop node ports (released lazily this way, since an update has no after-hook).
 */
final class ServiceReservations {

  /** What is reserved: the key folder and the value's meaning. */
  enum Kind {
    CLUSTER_IP("serviceips"), NODE_PORT("servicenodeports");

    private final String folder;

    Kind(String folder) {
      this.folder = folder;
    }
  }

  /** The Service a reservation is for. */
  record Owner(String namespace, String name, String uid) {}

  /** Whether a Service still holds a value: exists with that uid and uses it. */
  @FunctionalInterface
  interface Holders {
    boolean holds(Owner owner, Kind kind, String value);
  }

  static final String PREFIX = "/registry/kube4j.io/";
  static final Duration DEFAULT_GRACE = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Storage storage;
  private final Clock clock;
  private final Duration grace;
  private final Holders holders;

  ServiceReservations(Storage storage, Clock clock, Duration grace, Holders holders) {
    this.storage = storage;
    this.clock = clock;
    this.grace = grace;
    this.holders = holders;
  }

  static String key(Kind kind, String value) {
    return PREFIX + kind.folder + "/" + value;
  }

  /**
   * Reserves {@code value} for {@code owner}; false when another Service holds it.
   *
   * @throws StorageException.Unavailable when the store cannot be reached
   */
  boolean reserve(Kind kind, String value, Owner owner) {
    var key = key(kind, value);
    var record = encode(owner);
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        storage.create(key, record);
        return true;
      } catch (StorageException.KeyExists taken) {
        var current = storage.get(key);
        if (current.isEmpty()) {
          continue; // released meanwhile: try again
        }
        var held = decode(current.get());
        if (held.owner().uid().equals(owner.uid())) {
          return true;
        }
        if (!stale(held, kind, value)) {
          return false;
        }
        try {
          storage.update(key, record, current.get().modRevision());
          return true;
        } catch (StorageException.RevisionMismatch | StorageException.NotFound raced) {
          // another server took it over or released it first: look again
        }
      }
    }
    return false;
  }

  /** Whether {@code value} is reserved by a Service other than {@code uid} that still holds it. */
  boolean heldByAnother(Kind kind, String value, String uid) {
    var current = storage.get(key(kind, value));
    if (current.isEmpty()) {
      return false;
    }
    var held = decode(current.get());
    return !held.owner().uid().equals(uid) && !stale(held, kind, value);
  }

  /** Releases {@code value} if {@code uid} holds it; a reservation of someone else is left alone. */
  void release(Kind kind, String value, String uid) {
    var key = key(kind, value);
    var current = storage.get(key);
    if (current.isEmpty() || !decode(current.get()).owner().uid().equals(uid)) {
      return;
    }
    try {
      storage.delete(key, current.get().modRevision());
    } catch (StorageException.RevisionMismatch | StorageException.NotFound raced) {
      // taken over or released by another server meanwhile: not ours any more
    }
  }

  private boolean stale(Held held, Kind kind, String value) {
    return held.reservedAt().plus(grace).isBefore(clock.instant()) && !holders.holds(held.owner(), kind, value);
  }

  private record Held(Owner owner, Instant reservedAt) {}

  private byte[] encode(Owner owner) {
    ObjectNode node = JSON.createObjectNode().put("namespace", owner.namespace()).put("name", owner.name()).put("uid", owner.uid())
        .put("reservedAt", clock.instant().toString());
    return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Held decode(KeyValue kv) {
    try {
      var node = JSON.readTree(kv.value());
      var owner = new Owner(node.path("namespace").asText(), node.path("name").asText(), node.path("uid").asText());
      var at = node.path("reservedAt").asText("");
      return new Held(owner, at.isEmpty() ? Instant.EPOCH : Instant.parse(at));
    } catch (IOException | java.time.format.DateTimeParseException e) {
      // An unreadable record holds nothing: it is stale at once.
      return new Held(new Owner("", "", ""), Instant.EPOCH);
    }
  }
}
