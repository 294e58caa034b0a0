package io.kube4j.storage.sqlite;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.ListPage;
import io.kube4j.storage.PeriodicCompactor;
import io.kube4j.storage.Storage;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.WatchFanOut;
import io.kube4j.storage.WatchStream;
import java.io.IOException;
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
 * The embedded {@link Storage}: one SQLite file in WAL mode, kine-style (the revision is the row id,
 * compare-and-swap is a unique index on the previous revision). Writes go through one group-committing
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
