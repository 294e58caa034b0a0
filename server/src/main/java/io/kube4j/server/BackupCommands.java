package io.kube4j.server;

import io.kube4j.storage.Snapshot;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.etcd.EtcdStorage;
import io.kube4j.storage.sqlite.SqliteStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kube4j backup} and {@code kube4j restore}: a consistent snapshot of the embedded SQLite store or
 * of an etcd datastore, taken while servers run, and a new embedded database made from one (which is also
 * how a cluster moves from etcd to the embedded store). The snapshot file is kube4j's own
 * format ({@link Snapshot}), the same for every backend that can produce one.
 */
final class BackupCommands {

  private BackupCommands() {}

  /** Where the server keeps its database inside a data directory. */
  static Path databaseOf(Path dataDir) {
    return dataDir.resolve("db").resolve("state.db");
  }

  /** {@code kube4j backup FILE [--data-dir DIR | --datastore-endpoint URL ...]}. */
  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = {"Write a consistent snapshot of the server's store to FILE.",
          "Works while the server runs (it reads the database beside it) and while it is stopped.",
          "With --datastore-endpoint it snapshots the objects in etcd instead: live state only, so a server restored "
              + "from it answers watches from older resourceVersions with 410 Gone, as after a compaction."})
  static final class Backup implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot file to write (replaced if it exists).")
    Path file;

    @Option(names = "--data-dir", description = "The server's data directory (default: as for kube4j server).")
    Path dataDir;

    @CommandLine.Mixin
    DatastoreOptions datastoreOptions;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      var err = spec.commandLine().getErr();
      var datastore = datastoreOptions.datastore();
      if (datastore.external() && dataDir != null) {
        err.println("kube4j: backup failed: give either --data-dir (embedded database) or --datastore-endpoint (etcd), not both");
        err.flush();
        return 2;
      }
      var database = databaseOf(dataDir == null ? ServerConfig.defaultDataDir() : dataDir).toAbsolutePath();
      var source = datastore.external() ? "etcd at " + datastore.endpoints() : database.toString();
      var target = file.toAbsolutePath();
      var partial = target.resolveSibling(target.getFileName() + ".partial");
      try {
        Files.createDirectories(target.getParent());
        Snapshot.Info info;
        try (var channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
          info = datastore.external() ? backupEtcd(datastore, Channels.newOutputStream(channel))
              : SqliteStorage.backup(database, Channels.newOutputStream(channel));
          channel.force(true);
        }
        // Only a complete, synced snapshot ever carries the requested name.
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        out.printf("kube4j: backed up %s at revision %d (compacted to %d, %d versions) to %s%n",
            source, info.revision(), info.compactedRevision(), info.entries(), target);
        out.flush();
        return 0;
      } catch (StorageException | IllegalArgumentException e) {
        return fail(err, partial, e.getMessage());
      } catch (IOException e) {
        return fail(err, partial, "cannot write " + target + ": " + e.getMessage());
      }
    }

    private static Snapshot.Info backupEtcd(ServerConfig.Datastore datastore, java.io.OutputStream out) throws IOException {
      try (var etcd = EtcdStorage.open(datastore.etcdOptions().withCompaction(java.time.Duration.ZERO, 0))) {
        return etcd.backup(out);
      }
    }

    private static int fail(PrintWriter err, Path partial, String message) {
      err.println("kube4j: backup failed: " + message);
      try {
        Files.deleteIfExists(partial);
      } catch (IOException e) {
        err.println("kube4j: could not remove " + partial + ": " + e.getMessage());
      }
      err.flush();
      return 1;
    }
  }

  /** {@code kube4j restore FILE --data-dir DIR [--force]}. */
  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = {"Create the data directory's database from a snapshot written by kube4j backup.",
          "The server must be stopped; every object keeps its revisions. Certificates are not part of a snapshot."})
  static final class Restore implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot file.")
    Path file;

    @Option(names = "--data-dir", required = true, description = "The data directory to restore into.")
    Path dataDir;

    @Option(names = "--force", description = "Replace an existing database in the data directory.")
    boolean force;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      var err = spec.commandLine().getErr();
      var database = databaseOf(dataDir).toAbsolutePath();
      try (InputStream in = Files.newInputStream(file)) {
        var info = SqliteStorage.restore(in, database, force);
        out.printf("kube4j: restored %s at revision %d (compacted to %d, %d versions) from %s%n",
            database, info.revision(), info.compactedRevision(), info.entries(), file.toAbsolutePath());
        out.flush();
        return 0;
      } catch (Snapshot.InvalidSnapshotException e) {
        return fail(err, file.toAbsolutePath() + " is not a usable snapshot: " + e.getMessage());
      } catch (FileAlreadyExistsException e) {
        return fail(err, "the data directory " + dataDir.toAbsolutePath() + " already has a database (" + database
            + "); pass --force to replace it");
      } catch (NoSuchFileException e) {
        return fail(err, "no such file: " + e.getFile());
      } catch (StorageException e) {
        return fail(err, e.getMessage());
      } catch (IOException e) {
        return fail(err, e.toString());
      }
    }

    private static int fail(PrintWriter err, String message) {
      err.println("kube4j: restore failed: " + message);
      err.flush();
      return 1;
    }
  }
}
