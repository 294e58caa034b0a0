package io.kube4j.storage.sqlite;

import io.kube4j.storage.StorageException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs reads on a few platform threads, each with its own read-only connection, one snapshot
 * transaction per read. In WAL mode readers never wait for the writer. Reads run on platform threads
 * because a JDBC call into SQLite's native code would pin a caller's virtual thread to its carrier.
 */
final class ReadPool implements AutoCloseable {

  /** A read against one consistent snapshot. */
  @FunctionalInterface
  interface Read<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final Path database;
  private final List<Connection> connections;
  private final BlockingQueue<Connection> idle;
  private final ExecutorService executor;

  ReadPool(Path database, List<Connection> connections) {
    this.database = database;
    this.connections = List.copyOf(connections);
    this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
    var count = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(connections.size(),
        runnable -> {
          var thread = new Thread(runnable, "kube4j-sqlite-reader-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  <T> T read(String doing, Read<T> read) {
    Future<T> future;
    try {
      future = executor.submit(() -> {
      var connection = idle.take();
      try {
        var result = read.apply(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        idle.add(connection);
      }
    });
    } catch (RejectedExecutionException e) {
      throw new StorageException.Unavailable("the storage " + database + " is closed", e);
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(false);
      Thread.currentThread().interrupt();
      throw new StorageException.Unavailable("interrupted while " + doing, e);
    } catch (ExecutionException e) {
      var cause = e.getCause();
      if (cause instanceof StorageException storage) {
        throw storage;
      }
      if (cause instanceof SQLException sql) {
        throw SqliteFailure.unavailable(doing, database, sql);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("unexpected failure while " + doing, cause);
    }
  }

  @Override
  public void close() {
    executor.close();
    StorageException.Unavailable failure = null;
    for (var connection : connections) {
      try {
        connection.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = SqliteFailure.unavailable("closing a read connection", database, e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
