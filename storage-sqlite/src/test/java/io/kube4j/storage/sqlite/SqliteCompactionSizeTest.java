package io.kube4j.storage.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a full compaction the files on disk (database and log, server still running) are at most twice the live data. */
class SqliteCompactionSizeTest {

  @TempDir
  Path dir;

  @Test
  void aCompactedStoreTakesAtMostTwiceItsLiveData() throws Exception {
    int keys = 500;
    int updatesEach = 20;
    var value = "v".repeat(1_024).getBytes(StandardCharsets.UTF_8);
    var database = dir.resolve("state.db");
    try (var storage = SqliteStorage.open(SqliteStorage.Options.defaults(database).withoutAutomaticCompaction())) {
      long live = 0;
      var revisions = new long[keys];
      for (int k = 0; k < keys; k++) {
        var key = "/registry/configmaps/ns/cm-" + k;
        revisions[k] = storage.create(key, value).modRevision();
        live += key.length() + value.length;
      }
      var writers = new ArrayList<Thread>();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        writers.add(Thread.ofVirtual().start(() -> {
          for (int round = 0; round < updatesEach; round++) {
            for (int k = writer; k < keys; k += 8) {
              revisions[k] = storage.update("/registry/configmaps/ns/cm-" + k, value, revisions[k]).modRevision();
            }
          }
        }));
      }
      for (var writer : writers) {
        writer.join();
      }
      assertThat(sizeOf(dir)).as("history before compaction").isGreaterThan(10 * live);

      storage.compact(storage.currentRevision());

      assertThat(sizeOf(dir)).as("database and log after compaction, live data %d bytes", live).isLessThanOrEqualTo(2 * live);
      assertThat(storage.count("/registry/configmaps/")).isEqualTo(keys);
    }
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> !f.getFileName().toString().endsWith(".lock")).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
