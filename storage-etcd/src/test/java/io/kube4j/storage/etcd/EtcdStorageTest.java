package io.kube4j.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageConformanceTest;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole conformance suite against a real etcd started for this class. Every test directory gets its
 * own key prefix, so the tests share one etcd without seeing each other's keys (the revision is etcd's,
 * shared by all, and the tests run one after the other). Plus what only a shared, external store has:
 * two instances on one etcd, and etcd going away and coming back.
 */
class EtcdStorageTest extends StorageConformanceTest {

  private static EtcdTenants tenants;
  private static EtcdProcess etcd;

  @BeforeAll
  static void startEtcd() throws Exception {
    tenants = EtcdTenants.start("/kube4j-test-");
    etcd = tenants.process();
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (tenants != null) {
      tenants.close();
    }
  }

  private static EtcdStorage.Options options(Path dir) {
    return tenants.options(dir);
  }

  @Override
  protected Storage open(Path dir) {
    return EtcdStorage.open(options(dir));
  }

  @Override
  protected Storage openWithWatchBuffer(Path dir, int events) {
    return EtcdStorage.open(options(dir).withWatchBuffer(events));
  }

  @Test
  void twoInstancesOnOneEtcdSeeEachOthersWritesAndWatches() throws Exception {
    var other = track(open(dir));
    var fromOther = track(other.watch("/registry/pods/", 0));
    var fromMine = track(storage.watch("/registry/pods/", 0));

    var created = storage.create("/registry/pods/default/a", bytes("one"));
    var updated = other.update("/registry/pods/default/a", bytes("two"), created.modRevision());

    assertThat(text(other.get("/registry/pods/default/a").orElseThrow())).isEqualTo("two");
    assertThat(storage.get("/registry/pods/default/a").orElseThrow().modRevision()).isEqualTo(updated.modRevision());
    for (var stream : List.of(fromOther, fromMine)) {
      var events = drain(stream, 2);
      assertThat(events).extracting(WatchEvent::revision).containsExactly(created.modRevision(), updated.modRevision());
    }
    assertThatThrownBy(() -> other.update("/registry/pods/default/a", bytes("three"), created.modRevision()))
        .isInstanceOf(StorageException.RevisionMismatch.class);
    // A watch on one instance from a revision written through the other replays it.
    var replay = drain(track(other.watch("/registry/pods/", created.modRevision() - 1)), 2);
    assertThat(replay.get(1)).isInstanceOfSatisfying(WatchEvent.Put.class, put -> assertThat(text(put.previous())).isEqualTo("one"));
  }

  @Test
  void aCompactionThroughAnotherInstanceIsNoticed() {
    var other = track(open(dir));
    var third = track(open(dir));
    var first = storage.create("/registry/pods/default/a", bytes("0"));
    var live = first;
    for (int i = 1; i <= 3; i++) {
      live = storage.update("/registry/pods/default/a", bytes(Integer.toString(i)), live.modRevision());
    }
    long floor = live.modRevision();

    other.compact(floor);

    assertThatThrownBy(() -> third.watch("/registry/pods/", first.modRevision()))
        .isInstanceOfSatisfying(StorageException.Compacted.class, e -> assertThat(e.compactedRevision()).isEqualTo(floor));
    assertThatThrownBy(() -> storage.list("/registry/pods/", first.modRevision(), "", 0))
        .isInstanceOfSatisfying(StorageException.Compacted.class, e -> assertThat(e.compactedRevision()).isEqualTo(floor));
    assertThat(storage.compactedRevision()).isEqualTo(floor);
    assertThat(text(storage.list("/registry/pods/", floor, "", 0).items().getFirst())).isEqualTo("3");
  }

  @Test
  void watchesThatCannotResumeAcrossACompactionAreClosed() throws Exception {
    try (var proxy = new CuttableProxy(java.net.URI.create(etcd.endpoint()).getPort())) {
      var behindProxy = track(EtcdStorage.open(EtcdStorage.Options.of(proxy.endpoint()).withKeyPrefix(options(dir).keyPrefix())
          .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)).withCompaction(Duration.ZERO, 0)));
      var stream = track(behindProxy.watch("/registry/pods/", 0));
      var first = storage.create("/registry/pods/default/a", bytes("one"));
      assertThat(drain(stream, 1).getFirst().revision()).isEqualTo(first.modRevision());

      proxy.cut();
      var missed = storage.update("/registry/pods/default/a", bytes("two"), first.modRevision());
      storage.compact(storage.currentRevision());
      proxy.restore();

      // The change it missed is compacted away: the stream ends, and its consumer learns why on re-watching.
      assertThat(stream.next(Duration.ofSeconds(30))).isEmpty();
      assertThat(stream.isClosed()).isTrue();
      assertThatThrownBy(() -> retryUntilAvailable(() -> behindProxy.watch("/registry/pods/", first.modRevision())))
          .isInstanceOf(StorageException.Compacted.class);
      var fresh = track(retryUntilAvailable(() -> behindProxy.watch("/registry/pods/", missed.modRevision())));
      var next = storage.update("/registry/pods/default/a", bytes("three"), missed.modRevision());
      assertThat(drain(fresh, 1).getFirst().revision()).isEqualTo(next.modRevision());
    }
  }

  @Test
  void callsFailWhileEtcdIsAwayAndRecoverWhenItReturns() throws Exception {
    try (var own = EtcdProcess.start()) {
      var options = EtcdStorage.Options.of(own.endpoint()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1));
      var store = track(EtcdStorage.open(options));
      var before = store.create("/registry/pods/default/a", bytes("one"));
      var stream = track(store.watch("/registry/pods/", before.modRevision()));

      own.stop();
      assertThatThrownBy(() -> store.get("/registry/pods/default/a"))
          .isInstanceOf(StorageException.Unavailable.class)
          .hasMessageContaining(own.endpoint());
      assertThatThrownBy(() -> store.create("/registry/pods/default/b", bytes("two")))
          .isInstanceOf(StorageException.Unavailable.class)
          .hasMessageContaining(own.endpoint());

      own.startAgain();
      var after = retryUntilAvailable(() -> store.update("/registry/pods/default/a", bytes("three"), before.modRevision()));
      assertThat(text(store.get("/registry/pods/default/a").orElseThrow())).isEqualTo("three");
      // The watch opened before the outage resumes and sees the write made after it.
      var event = drain(stream, 1).getFirst();
      assertThat(event.revision()).isEqualTo(after.modRevision());
    }
  }

  @Test
  void aBackupHoldsTheLiveStateAtOneRevisionInRevisionOrder(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    var store = track(open(dir));
    var a = store.create("/registry/configmaps/default/a", bytes("a1"));
    var b = store.create("/registry/configmaps/default/b", bytes("b1"));
    var c = store.create("/registry/configmaps/kube-system/c", bytes("c1"));
    var a2 = store.update("/registry/configmaps/default/a", bytes("a2"), a.modRevision());
    store.delete("/registry/configmaps/default/b", b.modRevision());
    long revision = store.currentRevision();

    var out = new java.io.ByteArrayOutputStream();
    var info = store.backup(out);
    // Written after the backup started reading: never in it.
    store.create("/registry/configmaps/default/later", bytes("x"));

    assertThat(info.revision()).isEqualTo(revision);
    assertThat(info.compactedRevision()).as("etcd backups carry no history").isEqualTo(revision);
    var entries = new java.util.ArrayList<io.kube4j.storage.Snapshot.Entry>();
    io.kube4j.storage.Snapshot.read(new java.io.ByteArrayInputStream(out.toByteArray()), header -> {}, entries::add);
    assertThat(entries).extracting(io.kube4j.storage.Snapshot.Entry::key)
        .containsExactly("/registry/configmaps/kube-system/c", "/registry/configmaps/default/a");
    assertThat(entries).extracting(io.kube4j.storage.Snapshot.Entry::revision).containsExactly(c.modRevision(), a2.modRevision());
    assertThat(entries.get(1).createRevision()).isEqualTo(a.modRevision());
    assertThat(new String(entries.get(1).value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("a2");
    assertThat(entries).noneMatch(io.kube4j.storage.Snapshot.Entry::deleted);
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> prefixEnds() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(new byte[] {'a'}, new byte[] {'b'}),
        org.junit.jupiter.params.provider.Arguments.of(new byte[] {'/', 'a', '/'}, new byte[] {'/', 'a', '0'}),
        org.junit.jupiter.params.provider.Arguments.of(new byte[] {'a', (byte) 0xff}, new byte[] {'b'}),
        org.junit.jupiter.params.provider.Arguments.of(new byte[] {(byte) 0xff, (byte) 0xff}, new byte[] {0}));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("prefixEnds")
  void prefixEndIsTheFirstKeyAfterThePrefix(byte[] prefix, byte[] end) {
    assertThat(KeySpace.prefixEnd(prefix)).isEqualTo(end);
  }

  private static <T> T retryUntilAvailable(java.util.function.Supplier<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return call.get();
      } catch (StorageException.Unavailable e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
