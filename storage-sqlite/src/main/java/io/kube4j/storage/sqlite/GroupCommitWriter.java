package io.kube4j.storage.sqlite;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.StorageException;
import io.kube4j.storage.WatchEvent;
import io.kube4j.storage.WatchFanOut;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The only writer of the database. One thread takes every queued request, applies them in one
 * transaction (each checked on its own: a request that fails its check fails alone), commits once (one
 * fsync for the whole batch), then publishes the events in revision order and completes the callers.
 * Being the only writer (the data directory's lock keeps other processes out) is what makes its check
 * of a key's newest row against the caller's expected revision a compare-and-swap: nothing can write
 * between the check and the insert.
 * Compaction runs on the same thread in small chunks between batches, so it never holds writes back
 * for long.
 */
final class GroupCommitWriter implements AutoCloseable {

  private static final int MAX_BATCH = 1_000;
  private static final int COMPACTION_CHUNK = 1_000;

  private sealed interface Request {}

  private sealed interface Write extends Request {
    String key();

    CompletableFuture<KeyValue> done();
  }

  private record Create(String key, byte[] value, CompletableFuture<KeyValue> done) implements Write {}

  private record Update(String key, byte[] value, long expected, CompletableFuture<KeyValue> done) implements Write {}

  private record Delete(String key, long expected, CompletableFuture<KeyValue> done) implements Write {}

  private record Compact(long floor, CompletableFuture<Void> done) implements Request {}

  private record Stop() implements Request {}

  private record Row(long id, long createRevision, boolean deleted, byte[] value) {
    KeyValue keyValue(String key) {
      return new KeyValue(key, value, createRevision, id);
    }
  }

  private final Path database;
  private final Connection connection;
  // Prepared again after a failed transaction: the driver may have finalized them.
  private PreparedStatement latest;
  private PreparedStatement insert;
  private PreparedStatement setMeta;
  private PreparedStatement deleteSuperseded;
  private PreparedStatement deleteTombstones;
  private final WatchFanOut fanOut;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  // Submitters hold it shared while enqueueing; close() holds it exclusively to stop intake.
  private final ReentrantReadWriteLock intake = new ReentrantReadWriteLock();
  private boolean accepting = true;
  private final Thread thread;
  private final System.Logger log = System.getLogger(GroupCommitWriter.class.getName());

  private volatile long revision;
  private volatile long compacted;
  // Owned by the writer thread.
  private long compactedThrough;
  private long compactionTarget;
  private final List<Compact> compactionWaiters = new ArrayList<>();

  GroupCommitWriter(Path database, Connection connection, Schema.Meta meta, long revision, WatchFanOut fanOut)
      throws SQLException {
    this.database = database;
    this.connection = connection;
    prepareStatements();
    this.fanOut = fanOut;
    this.revision = revision;
    this.compacted = meta.compacted();
    this.compactedThrough = meta.compactedThrough();
    // A compaction interrupted by a crash resumes where it stopped.
    this.compactionTarget = meta.compacted();
    this.thread = Thread.ofPlatform().name("kube4j-sqlite-writer").daemon().start(this::run);
  }

  long revision() {
    return revision;
  }

  long compacted() {
    return compacted;
  }

  KeyValue create(String key, byte[] value) {
    var done = new CompletableFuture<KeyValue>();
    return await(submit(new Create(key, value, done), done));
  }

  KeyValue update(String key, byte[] value, long expected) {
    var done = new CompletableFuture<KeyValue>();
    return await(submit(new Update(key, value, expected, done), done));
  }

  KeyValue delete(String key, long expected) {
    var done = new CompletableFuture<KeyValue>();
    return await(submit(new Delete(key, expected, done), done));
  }

  void compact(long floor) {
    var done = new CompletableFuture<Void>();
    await(submit(new Compact(floor, done), done));
  }

  private <T> CompletableFuture<T> submit(Request request, CompletableFuture<T> done) {
    intake.readLock().lock();
    try {
      if (!accepting) {
        throw new StorageException.Unavailable("the storage " + database + " is closed", null);
      }
      queue.add(request);
      return done;
    } finally {
      intake.readLock().unlock();
    }
  }

  /** Waits for the outcome even when interrupted: the write may already be durable, the caller must know. */
  private static <T> T await(CompletableFuture<T> done) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return done.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof StorageException storage) {
            throw storage;
          }
          throw new IllegalStateException("the SQLite writer failed unexpectedly", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    var batch = new ArrayList<Request>();
    boolean stopping = false;
    try {
      while (!stopping) {
        var first = compactionPending() ? queue.poll() : queue.take();
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        var writes = new ArrayList<Write>();
        for (var request : batch) {
          switch (request) {
            case Write write -> writes.add(write);
            case Compact compact -> startCompaction(compact);
            case Stop stop -> stopping = true;
          }
        }
        batch.clear();
        if (!writes.isEmpty()) {
          commit(writes);
        }
        if (compactionPending()) {
          compactChunk();
        }
      }
    } catch (InterruptedException e) {
      log.log(System.Logger.Level.ERROR, "the SQLite writer of " + database + " was interrupted; failing queued writes");
    } catch (RuntimeException | Error e) {
      log.log(System.Logger.Level.ERROR, "the SQLite writer of " + database + " failed", e);
      throw e;
    } finally {
      var closed = new StorageException.Unavailable("the storage " + database + " is closed", null);
      failCompactions(closed);
      for (var request : batch) {
        fail(request, closed);
      }
      Request left;
      while ((left = queue.poll()) != null) {
        fail(left, closed);
      }
    }
  }

  private static void fail(Request request, StorageException failure) {
    switch (request) {
      case Write write -> write.done().completeExceptionally(failure);
      case Compact compact -> compact.done().completeExceptionally(failure);
      case Stop stop -> {}
    }
  }

  // ---- writes ----

  private void commit(List<Write> writes) {
    long next = revision;
    var outcomes = new Object[writes.size()];
    var events = new ArrayList<WatchEvent>();
    try {
      begin();
      for (int i = 0; i < writes.size(); i++) {
        try {
          var written = apply(writes.get(i), next + 1, events);
          outcomes[i] = written;
          next++;
        } catch (StorageException rejected) {
          outcomes[i] = rejected;
        }
      }
      if (next != revision) {
        setMeta("revision", next);
        execute("COMMIT");
      } else {
        execute("ROLLBACK");
      }
    } catch (SQLException e) {
      var failure = SqliteFailure.unavailable("writing " + writes.size() + " change(s)", database, e);
      rollback(failure);
      for (int i = 0; i < writes.size(); i++) {
        // A request that failed its own check would fail the same way on retry; the rest were lost.
        writes.get(i).done().completeExceptionally(outcomes[i] instanceof StorageException rejected ? rejected : failure);
      }
      return;
    }
    revision = next;
    fanOut.publish(events, next);
    for (int i = 0; i < writes.size(); i++) {
      var done = writes.get(i).done();
      switch (outcomes[i]) {
        case KeyValue written -> done.complete(written);
        case StorageException rejected -> done.completeExceptionally(rejected);
        default -> throw new IllegalStateException("no outcome for write " + i);
      }
    }
  }

  /** Checks and stages one write at {@code rev}; throws the StorageException the caller must see. */
  private KeyValue apply(Write write, long rev, List<WatchEvent> events) throws SQLException {
    var key = write.key();
    var current = latest(key);
    boolean live = current != null && !current.deleted();
    long prev = current == null ? 0 : current.id();
    switch (write) {
      case Create create -> {
        if (live) {
          throw new StorageException.KeyExists(key);
        }
        insert(rev, key, rev, prev, false, create.value());
        var written = new KeyValue(key, create.value(), rev, rev);
        events.add(new WatchEvent.Put(written, null));
        return written;
      }
      case Update update -> {
        if (!live) {
          throw new StorageException.NotFound(key);
        }
        if (current.id() != update.expected()) {
          throw new StorageException.RevisionMismatch(key, update.expected(), current.keyValue(key));
        }
        insert(rev, key, current.createRevision(), prev, false, update.value());
        var written = new KeyValue(key, update.value(), current.createRevision(), rev);
        events.add(new WatchEvent.Put(written, current.keyValue(key)));
        return written;
      }
      case Delete delete -> {
        if (!live) {
          throw new StorageException.NotFound(key);
        }
        if (delete.expected() != 0 && current.id() != delete.expected()) {
          throw new StorageException.RevisionMismatch(key, delete.expected(), current.keyValue(key));
        }
        insert(rev, key, current.createRevision(), prev, true, current.value());
        events.add(new WatchEvent.Delete(current.keyValue(key), rev));
        return new KeyValue(key, current.value(), current.createRevision(), rev);
      }
    }
  }

  private Row latest(String key) throws SQLException {
    latest.setString(1, key);
    try (var rows = latest.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      return new Row(rows.getLong(1), rows.getLong(2), rows.getInt(3) != 0, rows.getBytes(4));
    }
  }

  private void insert(long id, String key, long createRevision, long prevRevision, boolean deleted, byte[] value)
      throws SQLException {
    insert.setLong(1, id);
    insert.setString(2, key);
    insert.setLong(3, createRevision);
    insert.setLong(4, prevRevision);
    insert.setInt(5, deleted ? 1 : 0);
    insert.setBytes(6, value);
    insert.executeUpdate();
  }

  private void setMeta(String name, long value) throws SQLException {
    setMeta.setLong(1, value);
    setMeta.setString(2, name);
    if (setMeta.executeUpdate() != 1) {
      throw new SQLException("the meta row " + name + " is missing");
    }
  }

  private void prepareStatements() throws SQLException {
    latest = connection.prepareStatement(Schema.LATEST);
    insert = connection.prepareStatement(Schema.INSERT);
    setMeta = connection.prepareStatement(Schema.SET_META);
    deleteSuperseded = connection.prepareStatement(Schema.DELETE_SUPERSEDED);
    deleteTombstones = connection.prepareStatement(Schema.DELETE_TOMBSTONES);
  }

  // Transactions are explicit (the connection stays in auto-commit mode): after a full disk or an I/O
  // error SQLite rolls back by itself, and the driver's own transaction tracking would go astray.
  private void begin() throws SQLException {
    execute("BEGIN IMMEDIATE");
  }

  private void execute(String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Undoes a failed transaction (SQLite may already have) and makes the writer usable again. */
  private void rollback(StorageException failure) {
    try {
      execute("ROLLBACK");
    } catch (SQLException e) {
      // SQLite rolls back by itself after a full disk or an I/O error; "no transaction" is expected then.
      failure.addSuppressed(e);
    }
    try {
      for (var statement : List.of(latest, insert, setMeta, deleteSuperseded, deleteTombstones)) {
        statement.close();
      }
      prepareStatements();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  // ---- compaction ----

  private boolean compactionPending() {
    return compactedThrough < compactionTarget;
  }

  private void startCompaction(Compact request) {
    if (request.floor() > revision) {
      request.done().completeExceptionally(new StorageException.FutureRevision(request.floor(), revision));
      return;
    }
    if (request.floor() > compacted) {
      try {
        // The floor moves first: from now on nobody reads below it, so the rows can go in chunks.
        begin();
        setMeta("compacted", request.floor());
        execute("COMMIT");
      } catch (SQLException e) {
        var failure = SqliteFailure.unavailable("compacting to revision " + request.floor(), database, e);
        rollback(failure);
        request.done().completeExceptionally(failure);
        return;
      }
      compacted = request.floor();
    }
    compactionTarget = Math.max(compactionTarget, compacted);
    if (compactedThrough >= request.floor()) {
      request.done().complete(null);
    } else {
      compactionWaiters.add(request);
    }
  }

  private void compactChunk() {
    long from = compactedThrough;
    long to = Math.min(compactionTarget, from + COMPACTION_CHUNK);
    try {
      begin();
      deleteSuperseded.setLong(1, from);
      deleteSuperseded.setLong(2, to);
      deleteSuperseded.executeUpdate();
      deleteTombstones.setLong(1, from);
      deleteTombstones.setLong(2, to);
      deleteTombstones.executeUpdate();
      setMeta("compacted_through", to);
      execute("COMMIT");
      compactedThrough = to;
      if (!compactionPending()) {
        reclaimFreePages();
      }
    } catch (SQLException e) {
      var failure = SqliteFailure.unavailable("compacting revisions " + from + " to " + to, database, e);
      rollback(failure);
      // Give up for now; the next compaction (or the next start) continues from compactedThrough.
      compactionTarget = compactedThrough;
      failCompactions(failure);
      return;
    }
    compactionWaiters.removeIf(waiter -> {
      if (waiter.floor() <= compactedThrough) {
        waiter.done().complete(null);
        return true;
      }
      return false;
    });
  }

  /** Returns the pages freed by compaction to the file system (the database uses auto_vacuum=INCREMENTAL). */
  private void reclaimFreePages() throws SQLException {
    begin();
    try (var statement = connection.createStatement()) {
      // The JDBC driver steps this pragma once per execute, and each step frees one page.
      for (long free = freePages(statement); free > 0; free--) {
        statement.execute("PRAGMA incremental_vacuum");
      }
    }
    execute("COMMIT");
    // The file shrinks only when the log is copied back, and the log itself stays as large as it grew
    // (up to journal_size_limit): copy it back and empty it now, so the space is returned with the
    // compaction and not at some later checkpoint. A reader still in an old snapshot makes this partial;
    // the next automatic checkpoint finishes it.
    try (var statement = connection.createStatement(); var rows = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      rows.next();
    }
  }

  private static long freePages(java.sql.Statement statement) throws SQLException {
    try (var rows = statement.executeQuery("PRAGMA freelist_count")) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private void failCompactions(StorageException failure) {
    compactionWaiters.forEach(waiter -> waiter.done().completeExceptionally(failure));
    compactionWaiters.clear();
  }

  // ---- shutdown ----

  /** Stops intake, lets the writer finish everything queued before, and waits for it. */
  @Override
  public void close() {
    intake.writeLock().lock();
    try {
      if (!accepting) {
        return;
      }
      accepting = false;
      queue.add(new Stop());
    } finally {
      intake.writeLock().unlock();
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    StorageException.Unavailable failure = null;
    for (var statement : List.of(latest, insert, setMeta, deleteSuperseded, deleteTombstones)) {
      try {
        statement.close();
      } catch (SQLException e) {
        failure = failure == null ? SqliteFailure.unavailable("closing the writer", database, e) : failure;
      }
    }
    try {
      connection.close();
    } catch (SQLException e) {
      failure = failure == null ? SqliteFailure.unavailable("closing the writer", database, e) : failure;
    }
    if (failure != null) {
      throw failure;
    }
  }
}
