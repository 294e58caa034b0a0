package io.kube4j.storage.sqlite;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.ListPage;
import io.kube4j.storage.PeriodicCompactor;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.WatchFanOut;
import io.kube4j.storage.WatchStream;
import io.kube4j.storage.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sqlite.SQLiteConfig;

/**
 * The embedded {@link Storage}: one SQLite file in WAL mode, kine-style (the revision is the row id, each
 * row points at the key's previous one; compare-and-swap is the single writer's check). Writes go through one group-committing
 * writer and are durable (fsynced) when acknowledged; reads use a small pool of read connections and
 * never wait for the writer; watches come from an in-process {@link WatchFanOut}; a background
 * {@link PeriodicCompactor} bounds the history. One server at a time: the database is guarded by a lock
 * file. See {@code storage/README.md} for the flow.
 */
public final class SqliteStorage implements Storage {

  /**
   * How to open the database.
   *
   * @param databaseFile the SQLite file (created with its directory if missing)
   * @param readConnections how many reads run at once
   * @param watchBuffer how many undelivered events a watch may hold before it expires
   * @param compactionInterval how often the automatic compactor runs, or null for no automatic compaction
   * @param retainedRevisions how many of the newest revisions the automatic compactor keeps
   * @param compactionSleeper how the automatic compactor waits between runs (tests drive it by hand)
   * @param maxDatabaseBytes a cap on the database size (0: none); writes past it fail as if the disk were full
   */
  public record Options(Path databaseFile, int readConnections, int watchBuffer, Duration compactionInterval,
      long retainedRevisions, PeriodicCompactor.Sleeper compactionSleeper, long maxDatabaseBytes) {

    public static final int DEFAULT_READ_CONNECTIONS = 4;
    public static final int DEFAULT_WATCH_BUFFER = 10_000;
    public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofMinutes(5);
    public static final long DEFAULT_RETAINED_REVISIONS = 10_000;

    public Options {
      if (readConnections < 1) {
        throw new IllegalArgumentException("need at least one read connection, got " + readConnections);
      }
      if (watchBuffer < 1) {
        throw new IllegalArgumentException("the watch buffer must hold at least one event, got " + watchBuffer);
      }
      if (retainedRevisions < 0) {
        throw new IllegalArgumentException("retained revisions must not be negative, got " + retainedRevisions);
      }
      if (maxDatabaseBytes < 0) {
        throw new IllegalArgumentException("the database size cap must not be negative, got " + maxDatabaseBytes);
      }
    }

    /** The defaults: 4 read connections, 10,000-event watch buffers, compaction every 5 minutes keeping 10,000 revisions. */
    public static Options defaults(Path databaseFile) {
      return new Options(databaseFile, DEFAULT_READ_CONNECTIONS, DEFAULT_WATCH_BUFFER, DEFAULT_COMPACTION_INTERVAL,
          DEFAULT_RETAINED_REVISIONS, PeriodicCompactor.REAL_TIME, 0);
    }

    public Options withWatchBuffer(int events) {
      return new Options(databaseFile, readConnections, events, compactionInterval, retainedRevisions, compactionSleeper, maxDatabaseBytes);
    }

    public Options withReadConnections(int connections) {
      return new Options(databaseFile, connections, watchBuffer, compactionInterval, retainedRevisions, compactionSleeper, maxDatabaseBytes);
    }

    /** Automatic compaction every {@code interval} (null: never), keeping {@code retained} revisions, waiting through {@code sleeper}. */
    public Options withCompaction(Duration interval, long retained, PeriodicCompactor.Sleeper sleeper) {
      return new Options(databaseFile, readConnections, watchBuffer, interval, retained, sleeper, maxDatabaseBytes);
    }

    /** No background compaction; the caller compacts (or nobody does). */
    public Options withoutAutomaticCompaction() {
      return new Options(databaseFile, readConnections, watchBuffer, null, retainedRevisions, compactionSleeper, maxDatabaseBytes);
    }

    public Options withMaxDatabaseBytes(long bytes) {
      return new Options(databaseFile, readConnections, watchBuffer, compactionInterval, retainedRevisions, compactionSleeper, bytes);
    }
  }

  private static final System.Logger LOG = System.getLogger(SqliteStorage.class.getName());

  private final Path database;
  private final DataDirectoryLock lock;
  private final GroupCommitWriter writer;
  private final ReadPool reads;
  private final WatchFanOut fanOut;
  private final PeriodicCompactor compactor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteStorage(Path database, DataDirectoryLock lock, GroupCommitWriter writer, ReadPool reads,
      WatchFanOut fanOut, Options options) {
    this.database = database;
    this.lock = lock;
    this.writer = writer;
    this.reads = reads;
    this.fanOut = fanOut;
    this.compactor = options.compactionInterval() == null ? null
        : new PeriodicCompactor(this, options.compactionInterval(), options.retainedRevisions(),
            options.compactionSleeper(), e -> LOG.log(System.Logger.Level.WARNING,
                "automatic compaction of " + database + " failed; retrying next period", e));
  }

  /** Opens (or creates) the database with the default {@link Options}. */
  public static SqliteStorage open(Path databaseFile) {
    return open(Options.defaults(databaseFile));
  }

  /**
   * Opens (or creates) the database.
   *
   * @throws StorageException.Unavailable if another server holds the database, or it cannot be opened
   */
  public static SqliteStorage open(Options options) {
    var database = options.databaseFile().toAbsolutePath();
    try {
      Files.createDirectories(database.getParent());
    } catch (IOException e) {
      throw new StorageException.Unavailable("cannot create the data directory " + database.getParent() + ": " + e, e);
    }
    var lock = DataDirectoryLock.acquire(database);
    var opened = new ArrayList<AutoCloseable>();
    opened.add(lock);
    try {
      var writeConnection = connect(database);
      opened.add(writeConnection);
      prepareDatabase(writeConnection, options);
      var meta = Schema.readMeta(writeConnection);
      long revision = Math.max(meta.revision(), maxRowId(writeConnection));

      var readConnections = new ArrayList<Connection>();
      for (int i = 0; i < options.readConnections(); i++) {
        var connection = connect(database);
        opened.add(connection);
        try (var statement = connection.createStatement()) {
          statement.execute("PRAGMA query_only = 1");
        }
        connection.setAutoCommit(false);
        readConnections.add(connection);
      }
      var fanOut = new WatchFanOut(options.watchBuffer(), revision);
      var reads = new ReadPool(database, readConnections);
      var writer = new GroupCommitWriter(database, writeConnection, meta, revision, fanOut);
      return new SqliteStorage(database, lock, writer, reads, fanOut, options);
    } catch (SQLException e) {
      var failure = SqliteFailure.unavailable("opening the database", database, e);
      closeAll(opened, failure);
      throw failure;
    } catch (RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
  }

  private static Connection connect(Path database) throws SQLException {
    var config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    return config.createConnection("jdbc:sqlite:" + database);
  }

  private static void prepareDatabase(Connection connection, Options options) throws SQLException {
    try (var statement = connection.createStatement()) {
      // Only takes effect while the file has no tables: set before creating them.
      statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
      try (var mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
        if (!mode.next() || !"wal".equalsIgnoreCase(mode.getString(1))) {
          throw new SQLException("SQLite refused write-ahead logging for " + options.databaseFile());
        }
      }
      // FULL: every commit fsyncs the log, so an acknowledged write survives a power cut.
      statement.execute("PRAGMA synchronous = FULL");
      statement.execute("PRAGMA journal_size_limit = " + (64L << 20));
      if (options.maxDatabaseBytes() > 0) {
        long pageSize;
        try (var page = statement.executeQuery("PRAGMA page_size")) {
          page.next();
          pageSize = page.getLong(1);
        }
        statement.execute("PRAGMA max_page_count = " + Math.max(1, options.maxDatabaseBytes() / pageSize));
      }
      statement.execute("BEGIN IMMEDIATE");
      for (var sql : Schema.CREATE) {
        statement.execute(sql);
      }
      statement.execute("COMMIT");
    }
  }

  private static long maxRowId(Connection connection) throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery(
            "SELECT MAX(COALESCE((SELECT MAX(id) FROM kv), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'kv'), 0))")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void closeAll(List<AutoCloseable> opened, Throwable failure) {
    for (var closeable : opened.reversed()) {
      try {
        closeable.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  @Override
  public long currentRevision() {
    return writer.revision();
  }

  @Override
  public long compactedRevision() {
    return writer.compacted();
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return reads.read("reading " + key, connection -> {
      try (var statement = connection.prepareStatement(Schema.LATEST)) {
        statement.setString(1, key);
        try (var rows = statement.executeQuery()) {
          if (!rows.next() || rows.getInt(3) != 0) {
            return Optional.empty();
          }
          return Optional.of(new KeyValue(key, rows.getBytes(4), rows.getLong(2), rows.getLong(1)));
        }
      }
    });
  }

  @Override
  public ListPage list(String prefix, long revision, String startAfter, int limit) {
    return reads.read("listing " + prefix, connection -> {
      var meta = Schema.readMeta(connection);
      long at = revision == 0 ? meta.revision() : revision;
      if (at < meta.compacted()) {
        throw new StorageException.Compacted(at, meta.compacted());
      }
      if (at > meta.revision()) {
        throw new StorageException.FutureRevision(at, meta.revision());
      }
      var range = KeyRange.of(prefix, startAfter);
      var sql = Schema.latestLive(range.condition("name"))
          + " ORDER BY name" + (limit > 0 ? " LIMIT ?" : "");
      var items = new ArrayList<KeyValue>();
      boolean more = false;
      try (var statement = connection.prepareStatement(sql)) {
        int index = range.bind(statement, 1);
        statement.setLong(index++, at);
        if (limit > 0) {
          statement.setLong(index, limit + 1L);
        }
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            if (limit > 0 && items.size() == limit) {
              more = true;
              break;
            }
            items.add(new KeyValue(rows.getString(2), rows.getBytes(4), rows.getLong(3), rows.getLong(1)));
          }
        }
      }
      long remaining = more ? countLive(connection, KeyRange.of(prefix, items.getLast().key()), at) : 0;
      return new ListPage(List.copyOf(items), at, more, remaining);
    });
  }

  @Override
  public long count(String prefix) {
    return reads.read("counting " + prefix, connection -> {
      var meta = Schema.readMeta(connection);
      return countLive(connection, KeyRange.of(prefix, ""), meta.revision());
    });
  }

  private static long countLive(Connection connection, KeyRange range, long at) throws SQLException {
    try (var statement = connection.prepareStatement(Schema.countLive(range.condition("name")))) {
      int index = range.bind(statement, 1);
      statement.setLong(index, at);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Override
  public KeyValue create(String key, byte[] value) {
    return writer.create(key, value.clone());
  }

  @Override
  public KeyValue update(String key, byte[] value, long expectedRevision) {
    return writer.update(key, value.clone(), expectedRevision);
  }

  @Override
  public KeyValue delete(String key, long expectedRevision) {
    return writer.delete(key, expectedRevision);
  }

  @Override
  public WatchStream watch(String prefix, long afterRevision) {
    if (afterRevision != 0) {
      long current = currentRevision();
      if (afterRevision > current) {
        throw new StorageException.FutureRevision(afterRevision, current);
      }
      long floor = compactedRevision();
      if (afterRevision < floor) {
        throw new StorageException.Compacted(afterRevision, floor);
      }
    }
    return fanOut.open(prefix, afterRevision, this::history);
  }

  private WatchFanOut.Replay history(String prefix, long afterRevision) {
    return reads.read("replaying changes under " + prefix, connection -> {
      var meta = Schema.readMeta(connection);
      if (afterRevision < meta.compacted()) {
        throw new StorageException.Compacted(afterRevision, meta.compacted());
      }
      var range = KeyRange.of(prefix, "");
      var events = new ArrayList<WatchEvent>();
      try (var statement = connection.prepareStatement(Schema.history(range.condition("kv.name")))) {
        statement.setLong(1, afterRevision);
        range.bind(statement, 2);
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            events.add(Schema.event(rows));
          }
        }
      }
      return new WatchFanOut.Replay(events, meta.revision());
    });
  }

  @Override
  public void compact(long revision) {
    writer.compact(revision);
  }

  /**
   * Writes a {@link Snapshot} from one read transaction: consistent at the revision that transaction
   * sees, while writes go on (a WAL reader holds no lock the writer needs).
   */
  @Override
  public Snapshot.Info backup(OutputStream out) throws IOException {
    try {
      return reads.read("backing up " + database, connection -> writeSnapshot(connection, out));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Backs up the database file of a server that may be running: opens its own read connection without
   * taking the server's lock (the lock only keeps a second writer out; SQLite in WAL mode lets another
   * process read while the server writes), and reads in one transaction, so the snapshot is consistent at
   * one revision.
   *
   * @throws StorageException.Unavailable if there is no database at {@code databaseFile} or it cannot be read
   * @throws IOException if writing to {@code out} fails
   */
  public static Snapshot.Info backup(Path databaseFile, OutputStream out) throws IOException {
    var database = databaseFile.toAbsolutePath();
    if (!Files.isRegularFile(database)) {
      throw new StorageException.Unavailable("there is no kube4j database at " + database
          + "; pass the server's --data-dir", null);
    }
    try (var connection = connect(database)) {
      try (var statement = connection.createStatement()) {
        statement.execute("PRAGMA query_only = 1");
      }
      connection.setAutoCommit(false);
      try {
        if (!hasKubeTables(connection)) {
          throw new StorageException.Unavailable(database + " is not a kube4j database (no kv/meta tables)", null);
        }
        return writeSnapshot(connection, out);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw SqliteFailure.unavailable("backing up", database, e);
    }
  }

  private static boolean hasKubeTables(Connection connection) throws SQLException {
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('kv', 'meta')")) {
      return rows.next() && rows.getInt(1) == 2;
    }
  }

  private static Snapshot.Info writeSnapshot(Connection connection, OutputStream out) throws SQLException {
    // The first statement starts the read transaction: meta and rows below come from one snapshot.
    var meta = Schema.readMeta(connection);
    try (var statement = connection.prepareStatement(Schema.ALL_UP_TO)) {
      statement.setLong(1, meta.revision());
      statement.setFetchSize(1_000);
      var writer = new Snapshot.Writer(out, meta.revision(), meta.compacted());
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          writer.add(new Snapshot.Entry(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
              rows.getInt(5) != 0, rows.getBytes(6)));
        }
      }
      return writer.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates the database at {@code databaseFile} from a snapshot: every version with its revisions, the
   * snapshot's revision as the current one and its compaction floor. The new database is built beside the
   * target and moved into place only once the whole snapshot has been read and its checksum verified, so
   * a bad file leaves nothing behind. Takes the database's lock, so it refuses while a server uses it.
   *
   * @param replace whether an existing database may be replaced (otherwise its presence is an error)
   * @throws Snapshot.InvalidSnapshotException if the input is not an intact kube4j snapshot
   * @throws java.nio.file.FileAlreadyExistsException if a database exists and {@code replace} is false
   * @throws StorageException.Unavailable if a server holds the database, or it cannot be written
   */
  public static Snapshot.Info restore(InputStream snapshot, Path databaseFile, boolean replace) throws IOException {
    var database = databaseFile.toAbsolutePath();
    Files.createDirectories(database.getParent());
    try (var lock = DataDirectoryLock.acquire(database)) {
      if (Files.exists(database) && !replace) {
        throw new java.nio.file.FileAlreadyExistsException(database.toString(), null,
            "a database exists; pass --force to replace it");
      }
      var building = database.resolveSibling(database.getFileName() + ".restoring");
      deleteDatabaseFiles(building);
      Snapshot.Info info;
      try {
        info = build(snapshot, building);
      } catch (IOException | RuntimeException e) {
        deleteDatabaseFiles(building);
        throw e;
      }
      deleteDatabaseFiles(database);
      Files.move(building, database, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return info;
    }
  }

  private static Snapshot.Info build(InputStream snapshot, Path building) throws IOException {
    try (var connection = connect(building)) {
      prepareDatabase(connection, Options.defaults(building));
      try (var statement = connection.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
      }
      Snapshot.Info info;
      try (var insert = connection.prepareStatement(Schema.INSERT);
          var setMeta = connection.prepareStatement(Schema.SET_META)) {
        info = Snapshot.read(snapshot, header -> {
          setMeta(setMeta, "revision", header.revision());
          setMeta(setMeta, "compacted", header.compactedRevision());
          // Versions below the floor that the source had not deleted yet are removed on first open.
          setMeta(setMeta, "compacted_through", 1);
        }, entry -> {
          insert.setLong(1, entry.revision());
          insert.setString(2, entry.key());
          insert.setLong(3, entry.createRevision());
          insert.setLong(4, entry.previousRevision());
          insert.setInt(5, entry.deleted() ? 1 : 0);
          insert.setBytes(6, entry.value());
          insert.executeUpdate();
        });
      } catch (IOException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } catch (SQLException e) {
        var failure = SqliteFailure.unavailable("restoring", building, e);
        rollbackQuietly(connection, failure);
        throw failure;
      } catch (Exception e) {
        var failure = new IllegalStateException("restoring " + building + " failed unexpectedly", e);
        rollbackQuietly(connection, failure);
        throw failure;
      }
      try (var statement = connection.createStatement()) {
        statement.execute("COMMIT");
        // Leaves the whole database in the main file, so moving that one file moves everything.
        statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
      return info;
    } catch (SQLException e) {
      throw SqliteFailure.unavailable("restoring", building, e);
    }
  }

  private static void setMeta(java.sql.PreparedStatement statement, String name, long value) throws SQLException {
    statement.setLong(1, value);
    statement.setString(2, name);
    statement.executeUpdate();
  }

  private static void rollbackQuietly(Connection connection, Throwable failure) {
    try (var statement = connection.createStatement()) {
      statement.execute("ROLLBACK");
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static void deleteDatabaseFiles(Path database) throws IOException {
    for (var suffix : List.of("", "-wal", "-shm", "-journal")) {
      Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
    }
  }

  /** Drains queued writes, stops the compactor, ends every watch, closes the database and releases the lock. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    var failure = new StorageException.Unavailable("closing " + database + " failed", null);
    var parts = new ArrayList<AutoCloseable>();
    if (compactor != null) {
      parts.add(compactor);
    }
    parts.addAll(List.of(writer, fanOut, reads, lock));
    for (var part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }
}
