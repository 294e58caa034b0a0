package io.kube4j.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.storage.sqlite.SqliteStorage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code kube4j backup} and {@code kube4j restore} as a user runs them, with the messages they print. */
class BackupCommandsTest {

  @TempDir
  Path dir;

  private Path source;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void writeASourceServer() {
    source = dir.resolve("server");
    try (var storage = SqliteStorage.open(BackupCommands.databaseOf(source))) {
      var created = storage.create("/registry/namespaces/default", "{\"kind\":\"Namespace\"}".getBytes(UTF_8));
      storage.update("/registry/namespaces/default", "{\"kind\":\"Namespace\",\"v\":2}".getBytes(UTF_8), created.modRevision());
    }
  }

  @Test
  void aBackupRestoresIntoANewDataDirectory() throws Exception {
    var file = dir.resolve("backups/snap.k4j");
    var backup = run("backup", file.toString(), "--data-dir", source.toString());
    assertThat(backup.exit()).as(backup.err()).isZero();
    assertThat(backup.out()).contains("at revision 3 (compacted to 1, 2 versions)");
    assertThat(Files.exists(file.resolveSibling("snap.k4j.partial"))).isFalse();

    var target = dir.resolve("restored");
    var restore = run("restore", file.toString(), "--data-dir", target.toString());
    assertThat(restore.exit()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("restored " + BackupCommands.databaseOf(target).toAbsolutePath() + " at revision 3");
    try (var storage = SqliteStorage.open(BackupCommands.databaseOf(target))) {
      var kv = storage.get("/registry/namespaces/default").orElseThrow();
      assertThat(kv.modRevision()).isEqualTo(3);
      assertThat(kv.createRevision()).isEqualTo(2);
      assertThat(new String(kv.value(), UTF_8)).contains("\"v\":2");
    }
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("restore over an existing database", List.of("restore", "{snapshot}", "--data-dir", "{source}"),
            "already has a database", "pass --force"),
        Arguments.of("restore from a random file", List.of("restore", "{random}", "--data-dir", "{fresh}"),
            "is not a usable snapshot", "not a kube4j snapshot"),
        Arguments.of("restore from a missing file", List.of("restore", "{fresh}/nothing", "--data-dir", "{fresh}"),
            "no such file", "nothing"),
        Arguments.of("backup of a directory without a database", List.of("backup", "{fresh}/out", "--data-dir", "{fresh}"),
            "there is no kube4j database", "--data-dir"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void mistakesGetAClearMessage(String what, List<String> args, String message, String hint) throws Exception {
    var snapshot = dir.resolve("snap.k4j");
    assertThat(run("backup", snapshot.toString(), "--data-dir", source.toString()).exit()).isZero();
    var random = dir.resolve("random.bin");
    Files.write(random, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
    var resolved = args.stream().map(a -> a.replace("{snapshot}", snapshot.toString()).replace("{source}", source.toString())
        .replace("{random}", random.toString()).replace("{fresh}", dir.resolve("fresh").toString())).toArray(String[]::new);
    var result = run(resolved);
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains(message).contains(hint);
  }

  @Test
  void forceReplacesAnExistingDatabase() throws Exception {
    var snapshot = dir.resolve("snap.k4j");
    assertThat(run("backup", snapshot.toString(), "--data-dir", source.toString()).exit()).isZero();
    var other = dir.resolve("other");
    try (var storage = SqliteStorage.open(BackupCommands.databaseOf(other))) {
      storage.create("/registry/only/here", new byte[] {1});
    }
    var result = run("restore", snapshot.toString(), "--data-dir", other.toString(), "--force");
    assertThat(result.exit()).as(result.err()).isZero();
    try (var storage = SqliteStorage.open(BackupCommands.databaseOf(other))) {
      assertThat(storage.get("/registry/only/here")).isEmpty();
      assertThat(storage.get("/registry/namespaces/default")).isPresent();
    }
  }

  private static Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var command = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int exit = command.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
