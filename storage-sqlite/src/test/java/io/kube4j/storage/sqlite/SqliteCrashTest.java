package io.kube4j.storage.sqlite;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills a process with SIGKILL in the middle of a write storm and checks, on reopening, that every write
 * it acknowledged is there at its revision, that nothing it did not acknowledge is half there, and that
 * the revisions have no holes. SIGKILL loses what the process held, not what the kernel held: this
 * proves that acknowledgement waits for the commit, not that the fsync reaches the platter (that part is
 * SQLite's {@code synchronous=FULL}).
 */
class SqliteCrashTest {

  private static final int WRITERS = 64;
  private static final int KEYS_PER_WRITER = 4;

  @TempDir
  Path dir;

  private record Ack(String key, long revision, int writer, long seq) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void everyAcknowledgedWriteSurvivesAKill(long seed) throws Exception {
    var random = new Random(seed);
    var database = dir.resolve("crash/state.db");
    int killAfter = 300 + random.nextInt(3_000);
    var java = ProcessHandle.current().info().command().orElse("java");
    var child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
        database.toString(), String.valueOf(WRITERS), String.valueOf(KEYS_PER_WRITER))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    var output = new ByteArrayOutputStream();
    try (var in = child.getInputStream()) {
      var buffer = new byte[8192];
      int lines = 0;
      boolean killed = false;
      int read;
      while ((read = in.read(buffer)) >= 0) {
        output.write(buffer, 0, read);
        for (int i = 0; i < read; i++) {
          lines += buffer[i] == '\n' ? 1 : 0;
        }
        if (!killed && lines > killAfter) {
          Thread.sleep(random.nextInt(20));
          // SIGKILL on Linux; through the handle, because Process.destroyForcibly also closes our end of the pipe.
          child.toHandle().destroyForcibly();
          killed = true;
        }
      }
      assertThat(killed).as("the writer process was killed mid-storm, not dead on its own").isTrue();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(child.exitValue()).isEqualTo(137);

    var acks = acknowledged(output.toString(US_ASCII));
    assertThat(acks).hasSizeGreaterThan(killAfter - 1);

    // Reopening recovers the log and gives the next revision after the last durable one.
    long lastRevision;
    try (var storage = SqliteStorage.open(SqliteStorage.Options.defaults(database).withoutAutomaticCompaction())) {
      lastRevision = storage.currentRevision();
      for (var ack : lastAckPerKey(acks).values()) {
        var live = storage.get(ack.key()).orElseThrow();
        assertThat(live.modRevision()).as("%s is at or after its last acknowledged revision", ack.key())
            .isGreaterThanOrEqualTo(ack.revision());
      }
    }

    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      try (var statement = connection.createStatement(); var rows = statement.executeQuery("PRAGMA integrity_check")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo("ok");
      }
      var rowsById = new TreeMap<Long, String[]>();
      try (var statement = connection.createStatement();
          var rows = statement.executeQuery("SELECT id, name, value FROM kv ORDER BY id")) {
        while (rows.next()) {
          rowsById.put(rows.getLong(1), new String[] {rows.getString(2), new String(rows.getBytes(3), StandardCharsets.US_ASCII)});
        }
      }
      assertThat(rowsById.lastKey()).isEqualTo(lastRevision);
      assertThat(rowsById.keySet()).as("revisions 2..%d without holes", lastRevision).hasSize((int) (lastRevision - 1));
      assertThat(rowsById.firstKey()).isEqualTo(2);

      Map<Integer, TreeSet<Long>> seqsByWriter = new HashMap<>();
      for (var row : rowsById.entrySet()) {
        var name = row.getValue()[0];
        var value = row.getValue()[1];
        var body = value.substring(0, value.lastIndexOf(' '));
        assertThat(Long.parseLong(value.substring(value.lastIndexOf(' ') + 1)))
            .as("checksum of the value at revision %d", row.getKey()).isEqualTo(CrashWriter.crc(body));
        var fields = body.split(" ");
        assertThat(fields[2]).as("the value at revision %d belongs to its key", row.getKey()).isEqualTo(name);
        seqsByWriter.computeIfAbsent(Integer.parseInt(fields[0]), w -> new TreeSet<>()).add(Long.parseLong(fields[1]));
      }
      for (var ack : acks) {
        var row = rowsById.get(ack.revision());
        assertThat(row).as("acknowledged write %s", ack).isNotNull();
        assertThat(row[0]).isEqualTo(ack.key());
        assertThat(row[1]).startsWith(ack.writer() + " " + ack.seq() + " ");
      }
      // Each writer had at most one write in flight: the database holds exactly its acknowledged
      // sequence numbers 1..n, and perhaps n+1 (committed, killed before the acknowledgement was printed).
      Map<Integer, Long> lastAcked = new HashMap<>();
      for (var ack : acks) {
        lastAcked.merge(ack.writer(), ack.seq(), Math::max);
      }
      for (int w = 0; w < WRITERS; w++) {
        var seqs = seqsByWriter.getOrDefault(w, new TreeSet<>());
        long acked = lastAcked.getOrDefault(w, 0L);
        assertThat(seqs.size()).as("writer %d: contiguous sequence numbers", w).isEqualTo(seqs.isEmpty() ? 0 : seqs.last().intValue());
        assertThat(seqs.size()).as("writer %d: acknowledged %d", w, acked).isBetween((int) acked, (int) acked + 1);
      }
    }
  }

  /** The complete {@code ack} lines; a line cut by the kill is not an acknowledgement. */
  private static List<Ack> acknowledged(String output) {
    var acks = new ArrayList<Ack>();
    var lines = output.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      var fields = lines[i].split(" ");
      if (fields[0].equals("ack")) {
        acks.add(new Ack(fields[1], Long.parseLong(fields[2]), Integer.parseInt(fields[3]), Long.parseLong(fields[4])));
      }
    }
    return acks;
  }

  private static Map<String, Ack> lastAckPerKey(List<Ack> acks) {
    var last = new HashMap<String, Ack>();
    for (var ack : acks) {
      last.merge(ack.key(), ack, (a, b) -> a.revision() > b.revision() ? a : b);
    }
    return last;
  }
}
