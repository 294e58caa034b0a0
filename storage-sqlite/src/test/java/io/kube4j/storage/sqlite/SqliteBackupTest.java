package io.kube4j.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.ListPage;
import io.kube4j.storage.MemoryStorage;
import io.kube4j.storage.Snapshot;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageException;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Backup while writing, restore into a new directory, and the errors for files that are not intact snapshots. */
class SqliteBackupTest {

  @TempDir
  Path dir;

  /** How a backup is taken: through the open storage, or from the file by a reader that takes no lock. */
  enum Source { STORAGE, FILE }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Source.class)
  void aBackupTakenWhileWritingRestoresTheViewAtItsRevision(Source source) throws Exception {
    var database = dir.resolve("source/state.db");
    try (var storage = SqliteStorage.open(SqliteStorage.Options.defaults(database).withoutAutomaticCompaction())) {
      fill(storage);
      var writing = new AtomicBoolean(true);
      var writer = Thread.ofVirtual().start(() -> {
        var random = new Random(7);
        while (writing.get()) {
          var key = "/registry/pods/ns/p" + random.nextInt(100);
          var current = storage.get(key);
          if (current.isPresent()) {
            storage.update(key, bytes("busy " + random.nextInt()), current.get().modRevision());
          } else {
            storage.create(key, bytes("again"));
          }
        }
      });
      var snapshot = new ByteArrayOutputStream();
      Snapshot.Info info;
      try {
        while (storage.currentRevision() < 900) {
          Thread.sleep(5);
        }
        info = switch (source) {
          case STORAGE -> storage.backup(snapshot);
          case FILE -> SqliteStorage.backup(database, snapshot);
        };
        // Keep writing a while after the snapshot, so anything newer leaking into it would show.
        long after = storage.currentRevision() + 200;
        while (storage.currentRevision() < after) {
          Thread.sleep(5);
        }
      } finally {
        writing.set(false);
        writer.join();
      }
      assertThat(info.revision()).isGreaterThanOrEqualTo(900).isLessThan(storage.currentRevision());
      assertThat(info.compactedRevision()).isEqualTo(storage.compactedRevision()).isGreaterThan(1);

      var restoredFile = dir.resolve("restored/db/state.db");
      var restoredInfo = SqliteStorage.restore(new ByteArrayInputStream(snapshot.toByteArray()), restoredFile, false);
      assertThat(restoredInfo).isEqualTo(info);
      try (var restored = SqliteStorage.open(SqliteStorage.Options.defaults(restoredFile).withoutAutomaticCompaction())) {
        assertThat(restored.currentRevision()).isEqualTo(info.revision());
        assertThat(restored.compactedRevision()).isEqualTo(info.compactedRevision());
        for (long at : List.of(info.compactedRevision(), (info.compactedRevision() + info.revision()) / 2, info.revision())) {
          assertThat(view(restored.list("/registry/", at, "", 0))).as("list at %d", at)
              .isEqualTo(view(storage.list("/registry/", at, "", 0)));
        }
        assertThat(view(restored.list("/registry/", 0, "", 0))).isEqualTo(view(storage.list("/registry/", info.revision(), "", 0)));
        var key = restored.list("/registry/pods/", 0, "", 1).items().getFirst();
        var next = restored.update(key.key(), bytes("after restore"), key.modRevision());
        assertThat(next.modRevision()).isEqualTo(info.revision() + 1);
      }
    }
  }

  @Test
  void aBackupFromAnotherProcessReadsWhileTheServerHoldsTheLock() throws Exception {
    var database = dir.resolve("held/state.db");
    var java = ProcessHandle.current().info().command().orElse("java");
    var holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
        database.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      var line = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8)).readLine();
      assertThat(line).startsWith("ready ");
      var snapshot = new ByteArrayOutputStream();
      var info = SqliteStorage.backup(database, snapshot);
      assertThat(info.entries()).isEqualTo(1);
      var restoredFile = dir.resolve("copy/state.db");
      SqliteStorage.restore(new ByteArrayInputStream(snapshot.toByteArray()), restoredFile, false);
      try (var restored = SqliteStorage.open(restoredFile)) {
        assertThat(restored.get("/registry/holder")).map(KeyValue::modRevision).contains(info.revision());
      }
      assertThatThrownBy(() -> SqliteStorage.restore(new ByteArrayInputStream(snapshot.toByteArray()), database, true))
          .isInstanceOf(StorageException.Unavailable.class)
          .hasMessageContaining("in use by another kube4j server");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aSnapshotOfTheMemoryStorageRestoresIntoSqlite() throws Exception {
    try (var memory = new MemoryStorage()) {
      fill(memory);
      var snapshot = new ByteArrayOutputStream();
      var info = memory.backup(snapshot);
      var restoredFile = dir.resolve("from-memory/state.db");
      SqliteStorage.restore(new ByteArrayInputStream(snapshot.toByteArray()), restoredFile, false);
      try (var restored = SqliteStorage.open(restoredFile)) {
        assertThat(restored.currentRevision()).isEqualTo(info.revision());
        assertThat(view(restored.list("/registry/", 0, "", 0))).isEqualTo(view(memory.list("/registry/", 0, "", 0)));
        long middle = (info.compactedRevision() + info.revision()) / 2;
        assertThat(view(restored.list("/registry/", middle, "", 0))).isEqualTo(view(memory.list("/registry/", middle, "", 0)));
      }
    }
  }

  @Test
  void anExistingDatabaseIsReplacedOnlyWhenForced() throws Exception {
    var database = dir.resolve("existing/state.db");
    try (var storage = SqliteStorage.open(database)) {
      storage.create("/registry/old", bytes("old"));
    }
    var snapshot = new ByteArrayOutputStream();
    try (var memory = new MemoryStorage()) {
      memory.create("/registry/new", bytes("new"));
      memory.backup(snapshot);
    }
    assertThatThrownBy(() -> SqliteStorage.restore(new ByteArrayInputStream(snapshot.toByteArray()), database, false))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("--force");
    try (var storage = SqliteStorage.open(database)) {
      assertThat(storage.get("/registry/old")).isPresent();
    }
    SqliteStorage.restore(new ByteArrayInputStream(snapshot.toByteArray()), database, true);
    try (var storage = SqliteStorage.open(database)) {
      assertThat(storage.get("/registry/old")).isEmpty();
      assertThat(storage.get("/registry/new")).map(kv -> new String(kv.value(), UTF_8)).contains("new");
    }
  }

  static Stream<Arguments> damagedSnapshots() {
    UnaryOperator<byte[]> flipMiddle = b -> {
      var copy = b.clone();
      copy[copy.length / 2] ^= 0x5a;
      return copy;
    };
    UnaryOperator<byte[]> truncate = b -> Arrays.copyOf(b, b.length - 9);
    UnaryOperator<byte[]> random = b -> {
      var noise = new byte[b.length];
      new Random(3).nextBytes(noise);
      return noise;
    };
    UnaryOperator<byte[]> otherFormat = b -> {
      var copy = b.clone();
      copy[11] = 9;
      return copy;
    };
    UnaryOperator<byte[]> sqliteFile = b -> "SQLite format 3\0 and more".getBytes(UTF_8);
    UnaryOperator<byte[]> empty = b -> new byte[0];
    return Stream.of(
        Arguments.of("a flipped byte", flipMiddle, "corrupt kube4j snapshot"),
        Arguments.of("a truncated file", truncate, "truncated kube4j snapshot"),
        Arguments.of("random bytes", random, "not a kube4j snapshot"),
        Arguments.of("a future format", otherFormat, "format 9 is not supported"),
        Arguments.of("a database file", sqliteFile, "not a kube4j snapshot"),
        Arguments.of("an empty file", empty, "not a kube4j snapshot"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedSnapshots")
  void aDamagedSnapshotIsRefusedAndLeavesNothing(String what, UnaryOperator<byte[]> damage, String message) throws Exception {
    var snapshot = new ByteArrayOutputStream();
    try (var memory = new MemoryStorage()) {
      fill(memory);
      memory.backup(snapshot);
    }
    var database = dir.resolve("damaged/state.db");
    var damaged = damage.apply(snapshot.toByteArray());
    assertThatThrownBy(() -> SqliteStorage.restore(new ByteArrayInputStream(damaged), database, false))
        .isInstanceOf(Snapshot.InvalidSnapshotException.class)
        .hasMessageContaining(message);
    try (var files = Files.list(database.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsOnly("state.db.lock");
    }
  }

  /** 100 keys, updates, deletes and re-creates, then a compaction in the middle. */
  private static void fill(Storage storage) {
    for (int i = 0; i < 100; i++) {
      storage.create("/registry/pods/ns/p" + i, bytes("v0 " + i));
    }
    for (int round = 1; round <= 5; round++) {
      for (int i = 0; i < 100; i += round) {
        var key = "/registry/pods/ns/p" + i;
        storage.update(key, bytes("v" + round + " " + i), storage.get(key).orElseThrow().modRevision());
      }
    }
    long middle = storage.currentRevision();
    for (int i = 0; i < 100; i += 7) {
      storage.delete("/registry/pods/ns/p" + i, 0);
    }
    for (int i = 0; i < 100; i += 14) {
      storage.create("/registry/pods/ns/p" + i, bytes("reborn " + i));
    }
    storage.compact(middle - 50);
  }

  private static List<String> view(ListPage page) {
    return page.items().stream()
        .map(kv -> kv.key() + "@" + kv.createRevision() + "/" + kv.modRevision() + "=" + new String(kv.value(), UTF_8))
        .toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
