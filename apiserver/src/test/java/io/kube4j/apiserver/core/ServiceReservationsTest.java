package io.kube4j.apiserver.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.apiserver.core.ServiceReservations.Kind;
import io.kube4j.apiserver.core.ServiceReservations.Owner;
import io.kube4j.storage.MemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceReservationsTest {

  private final MemoryStorage storage = new MemoryStorage();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  /** "namespace/name/uid=value" for every Service that still holds a value. */
  private final Set<String> holding = new HashSet<>();
  private final ServiceReservations reservations = new ServiceReservations(storage, new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }, Duration.ofMinutes(2), (owner, kind, value) -> holding.contains(owner.namespace() + "/" + owner.name() + "/" + owner.uid() + "=" + value));

  private static final Owner WEB = new Owner("default", "web", "uid-web");
  private static final Owner API = new Owner("default", "api", "uid-api");

  @Test
  void theFirstReservationWinsAndItsOwnerMayReserveAgain() {
    assertThat(reservations.reserve(Kind.CLUSTER_IP, "10.43.0.7", WEB)).isTrue();
    holding.add("default/web/uid-web=10.43.0.7");
    assertThat(reservations.reserve(Kind.CLUSTER_IP, "10.43.0.7", WEB)).as("idempotent for its owner").isTrue();
    assertThat(reservations.reserve(Kind.CLUSTER_IP, "10.43.0.7", API)).isFalse();
    assertThat(reservations.heldByAnother(Kind.CLUSTER_IP, "10.43.0.7", "uid-api")).isTrue();
    assertThat(reservations.heldByAnother(Kind.CLUSTER_IP, "10.43.0.7", "uid-web")).isFalse();
    // Kinds are separate name spaces.
    assertThat(reservations.reserve(Kind.NODE_PORT, "10.43.0.7", API)).isTrue();
    // Held values are never taken over, however old.
    now = now.plus(Duration.ofHours(1));
    assertThat(reservations.reserve(Kind.CLUSTER_IP, "10.43.0.7", API)).isFalse();
  }

  @Test
  void aReservationNobodyHoldsIsTakenOverOnlyAfterTheGracePeriod() {
    // Reserved for a create that never made it (its server stopped), or still in flight elsewhere.
    assertThat(reservations.reserve(Kind.NODE_PORT, "30080", WEB)).isTrue();
    now = now.plus(Duration.ofSeconds(119));
    assertThat(reservations.reserve(Kind.NODE_PORT, "30080", API)).as("may still be in flight").isFalse();
    now = now.plus(Duration.ofSeconds(2));
    assertThat(reservations.heldByAnother(Kind.NODE_PORT, "30080", "uid-api")).isFalse();
    assertThat(reservations.reserve(Kind.NODE_PORT, "30080", API)).isTrue();
    assertThat(reservations.reserve(Kind.NODE_PORT, "30080", WEB)).as("the old owner lost it").isFalse();
  }

  @Test
  void onlyTheOwnerReleases() {
    assertThat(reservations.reserve(Kind.CLUSTER_IP, "10.43.0.9", WEB)).isTrue();
    reservations.release(Kind.CLUSTER_IP, "10.43.0.9", "uid-api");
    assertThat(storage.get(ServiceReservations.key(Kind.CLUSTER_IP, "10.43.0.9"))).isPresent();
    reservations.release(Kind.CLUSTER_IP, "10.43.0.9", "uid-web");
    assertThat(storage.get(ServiceReservations.key(Kind.CLUSTER_IP, "10.43.0.9"))).isEmpty();
    assertThat(reservations.reserve(Kind.CLUSTER_IP, "10.43.0.9", API)).isTrue();
  }

  @Test
  void anUnreadableRecordHoldsNothing() {
    storage.create(ServiceReservations.key(Kind.CLUSTER_IP, "10.43.0.11"), "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(reservations.reserve(Kind.CLUSTER_IP, "10.43.0.11", WEB)).isTrue();
  }
}
