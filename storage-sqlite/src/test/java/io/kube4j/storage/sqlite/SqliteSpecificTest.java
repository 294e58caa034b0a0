package io.kube4j.storage.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.StorageException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite backend promises: the lock file, automatic compaction, durability of drained writes, errors. */
class SqliteSpecificTest {

  @TempDir
  Path dir;

  @Test
  void aSecondOpenInTheSameProcessFailsWithTheHolder() {
    var database = dir.resolve("data/kube4j.db");
    try (var first = SqliteStorage.open(database)) {
      assertThatThrownBy(() -> SqliteStorage.open(database))
          .isInstanceOf(StorageException.Unavailable.class)
          .hasMessageContaining("the data directory " + database.getParent())
          .hasMessageContaining("is in use by another kube4j server (pid " + ProcessHandle.current().pid() + ")");
      first.create("/registry/still/works", bytes("yes"));
    }
    try (var again = SqliteStorage.open(database)) {
      assertThat(again.get("/registry/still/works")).isPresent();
    }
  }

  @Test
  void aSecondProcessFailsFastWhileTheFirstHoldsTheDatabase() throws Exception {
    var database = dir.resolve("kube4j.db");
    var java = ProcessHandle.current().info().command().orElse("java");
    var holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
        database.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      var line = new BufferedReader(new InputStreamReader(holder.getInputStream(), UTF_8)).readLine();
      assertThat(line).as("the holder process started").startsWith("ready ");

      assertThatThrownBy(() -> SqliteStorage.open(database))
          .isInstanceOf(StorageException.Unavailable.class)
          .hasMessageContaining("is in use by another kube4j server (pid " + holder.pid() + ")");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (var storage = SqliteStorage.open(database)) {
      assertThat(storage.get("/registry/holder")).isPresent();
    }
  }

  @Test
  void automaticCompactionBoundsTheRowsUnderChurn() throws Exception {
    var database = dir.resolve("kube4j.db");
    var sleeper = new ManualSleeper();
    long retained = 200;
    int keys = 10;
    var options = SqliteStorage.Options.defaults(database).withCompaction(Duration.ofMinutes(5), retained, sleeper);
    try (var storage = SqliteStorage.open(options)) {
      for (int round = 0; round < 3; round++) {
        churn(storage, keys, 150);
        long before = rows(database);
        sleeper.elapse();

        assertThat(storage.compactedRevision()).isEqualTo(storage.currentRevision() - retained);
        // The retained window plus, at most, the version each key had at the floor.
        assertThat(rows(database)).isLessThan(before).isLessThanOrEqualTo(retained + keys);
        assertThat(pragma(database, "freelist_count")).as("freed pages are returned").isZero();
        assertThat(storage.count("/registry/leases/")).isEqualTo(keys);
      }
    }
  }

  @Test
  void closeDrainsQueuedWritesAndTheyAreThereAfterReopening() throws Exception {
    var database = dir.resolve("kube4j.db");
    var acknowledged = new ConcurrentHashMap<String, Long>();
    var storage = SqliteStorage.open(database);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        futures.add(executor.submit(() -> {
          for (int i = 0; ; i++) {
            var key = "/registry/pods/t" + thread + "/p" + i;
            try {
              acknowledged.put(key, storage.create(key, bytes(key)).modRevision());
            } catch (StorageException.Unavailable e) {
              assertThat(e).hasMessageContaining("is closed");
              return null;
            }
          }
        }));
      }
      while (acknowledged.size() < 200) {
        Thread.sleep(5);
      }
      storage.close();
      for (var future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    }
    assertThatThrownBy(() -> storage.get("/registry/pods/t0/p0")).isInstanceOf(StorageException.Unavailable.class);

    try (var reopened = SqliteStorage.open(database)) {
      var stored = new java.util.HashMap<String, Long>();
      reopened.list("/registry/pods/", 0, "", 0).items().forEach(kv -> stored.put(kv.key(), kv.modRevision()));
      assertThat(stored).isEqualTo(Map.copyOf(acknowledged));
      assertThat(reopened.currentRevision()).isEqualTo(acknowledged.values().stream().mapToLong(Long::longValue).max().orElseThrow());
    }
  }

  @Test
  void aFullDiskFailsTheWriteLoudlyAndLosesNothingAcknowledged() {
    var database = dir.resolve("kube4j.db");
    var options = SqliteStorage.Options.defaults(database).withMaxDatabaseBytes(512 * 1024);
    var latest = new java.util.TreeMap<String, KeyValue>();
    try (var storage = SqliteStorage.open(options)) {
      StorageException.Unavailable failure = null;
      for (int i = 0; i < 1_000 && failure == null; i++) {
        var key = "/registry/configmaps/ns/c" + (i % 4);
        var value = new byte[16 * 1024];
        value[0] = (byte) i;
        try {
          var previous = latest.get(key);
          latest.put(key, previous == null ? storage.create(key, value) : storage.update(key, value, previous.modRevision()));
        } catch (StorageException.Unavailable e) {
          failure = e;
        }
      }
      assertThat(failure).as("the size cap was reached").isNotNull();
      assertThat(failure).hasMessageContaining("is full");
      long acknowledged = latest.values().stream().mapToLong(KeyValue::modRevision).max().orElseThrow();
      assertThat(storage.currentRevision()).isEqualTo(acknowledged);
      assertThat(storage.list("/registry/configmaps/", 0, "", 0).items()).extracting(KeyValue::modRevision)
          .containsExactlyElementsOf(latest.values().stream().map(KeyValue::modRevision).toList());

      // Compacting the superseded versions makes room again.
      storage.compact(storage.currentRevision());
      var key = latest.firstKey();
      latest.put(key, storage.update(key, new byte[16 * 1024], latest.get(key).modRevision()));
    }
    try (var reopened = SqliteStorage.open(database)) {
      for (var kv : latest.values()) {
        var stored = reopened.get(kv.key()).orElseThrow();
        assertThat(stored.modRevision()).isEqualTo(kv.modRevision());
        assertThat(stored.value()).isEqualTo(kv.value());
      }
    }
  }

  @Test
  void theDatabaseIsCreatedForDurabilityAndSpaceReuse() throws Exception {
    var database = dir.resolve("kube4j.db");
    try (var storage = SqliteStorage.open(database)) {
      storage.create("/registry/x", bytes("x"));
      assertThat(text(database, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(pragma(database, "auto_vacuum")).as("2 = incremental").isEqualTo(2);
    }
  }

  @Test
  void aDatabaseMadeWithTheOldCompareAndSwapIndexLosesItAndKeepsItsData() throws Exception {
    var database = dir.resolve("kube4j.db");
    long revision;
    try (var storage = SqliteStorage.open(database)) {
      revision = storage.create("/registry/x", bytes("x")).modRevision();
    }
    execute(database, "CREATE UNIQUE INDEX kv_name_prev_revision ON kv (name, prev_revision)");
    assertThat(query(database, "SELECT count(*) FROM sqlite_master WHERE name = 'kv_name_prev_revision'")).isOne();
    try (var storage = SqliteStorage.open(database)) {
      assertThat(query(database, "SELECT count(*) FROM sqlite_master WHERE name = 'kv_name_prev_revision'")).isZero();
      var updated = storage.update("/registry/x", bytes("y"), revision);
      // The writer's own check is the compare-and-swap now: the stale revision loses.
      assertThatThrownBy(() -> storage.update("/registry/x", bytes("z"), revision))
          .isInstanceOf(io.kube4j.storage.StorageException.RevisionMismatch.class);
      assertThat(storage.get("/registry/x").orElseThrow().modRevision()).isEqualTo(updated.modRevision());
    }
  }

  @Test
  void aCompactionInterruptedByACrashIsCompletedAfterRestart() throws Exception {
    var database = dir.resolve("kube4j.db");
    var noAutomaticCompaction = SqliteStorage.Options.defaults(database).withoutAutomaticCompaction();
    long floor;
    try (var storage = SqliteStorage.open(noAutomaticCompaction)) {
      churn(storage, 4, 100);
      floor = storage.currentRevision();
    }
    long before = rows(database);
    // What a crash right after the floor moved, before any row was deleted, leaves behind.
    execute(database, "UPDATE meta SET value = " + floor + " WHERE name = 'compacted'");

    try (var storage = SqliteStorage.open(noAutomaticCompaction)) {
      assertThat(storage.compactedRevision()).isEqualTo(floor);
      storage.compact(floor); // returns once the resumed compaction has caught up

      assertThat(rows(database)).isLessThan(before).isEqualTo(4);
      assertThat(storage.count("/registry/leases/")).isEqualTo(4);
    }
  }

  private static void churn(SqliteStorage storage, int keys, int updatesEach) throws Exception {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (int k = 0; k < keys; k++) {
        var key = "/registry/leases/kube-node-lease/node-" + k;
        futures.add(executor.submit(() -> {
          var current = storage.get(key).orElseGet(() -> storage.create(key, bytes("0")));
          for (int i = 0; i < updatesEach; i++) {
            current = storage.update(key, bytes("renewed " + i), current.modRevision());
          }
          return null;
        }));
      }
      for (var future : futures) {
        future.get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static long rows(Path database) throws SQLException {
    return query(database, "SELECT COUNT(*) FROM kv");
  }

  private static long pragma(Path database, String name) throws SQLException {
    return query(database, "PRAGMA " + name);
  }

  private static long query(Path database, String sql) throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String text(Path database, String sql) throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static void execute(Path database, String sql) throws SQLException {
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
