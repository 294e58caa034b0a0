package io.kube4j.storage.sqlite;

import io.kube4j.storage.StorageException;
import java.nio.file.Path;
import java.sql.SQLException;

/** Turns SQLite errors into {@link StorageException.Unavailable} with a message saying what happened. */
final class SqliteFailure {

  // SQLite primary result codes (the low byte of an extended code).
  static final int BUSY = 5;
  static final int LOCKED = 6;
  static final int NOMEM = 7;
  static final int READONLY = 8;
  static final int IOERR = 10;
  static final int CORRUPT = 11;
  static final int FULL = 13;
  static final int CANTOPEN = 14;
  static final int CONSTRAINT = 19;
  static final int NOTADB = 26;

  private SqliteFailure() {}

  static int primaryCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }

  static StorageException.Unavailable unavailable(String doing, Path database, SQLException e) {
    var what = switch (primaryCode(e)) {
      case FULL -> "the disk (or the configured database size limit) is full; free space and retry";
      case IOERR -> "an I/O error occurred; check the disk";
      case CORRUPT, NOTADB -> "the database file is corrupt or not a kube4j database; restore it from a backup";
      case READONLY -> "the database file is read-only; check its permissions";
      case CANTOPEN -> "the database file cannot be opened; check that its directory exists and is writable";
      case BUSY, LOCKED -> "the database is locked by another connection";
      case NOMEM -> "SQLite ran out of memory";
      default -> "SQLite failed";
    };
    return new StorageException.Unavailable(doing + " in " + database + " failed: " + what + " (" + e.getMessage() + ")", e);
  }
}
