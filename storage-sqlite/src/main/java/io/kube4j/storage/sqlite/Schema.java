package io.kube4j.storage.sqlite;

import io.kube4j.storage.KeyValue;
import io.kube4j.storage.WatchEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The tables, and the SQL every part of the backend shares.
 *
 * <p>{@code kv} holds one row per version of a key; the row id is the revision. A row points at the
 * key's previous row ({@code prev_revision}, 0 for the first). There is no unique index on
 * {@code (name, prev_revision)} as kine has: kine needs it because many processes write one SQL
 * database, while here the single {@link GroupCommitWriter} checks every write against the key's newest
 * row, so the index only cost disk bandwidth: a batch of 256 updates of different keys wrote a leaf page
 * of it per key and took 1.6–1.8 times as long (databases made with it lose it when opened). A delete is a tombstone row carrying the last value. {@code meta} keeps the newest
 * revision (so compacting away the newest rows never makes it go back) and the compaction floor.
 */
final class Schema {

  private Schema() {}

  static final String[] CREATE = {
      """
      CREATE TABLE IF NOT EXISTS kv (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        create_revision INTEGER NOT NULL,
        prev_revision INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        value BLOB NOT NULL
      )""",
      // The compare-and-swap index of earlier versions: the single writer's check does its job.
      "DROP INDEX IF EXISTS kv_name_prev_revision",
      "CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id)",
      "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
      "INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', 1), ('revision', 1), ('compacted', 1), ('compacted_through', 1)",
  };

  static final String LATEST = "SELECT id, create_revision, deleted, value FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1";

  static final String INSERT =
      "INSERT INTO kv (id, name, create_revision, prev_revision, deleted, value) VALUES (?, ?, ?, ?, ?, ?)";

  static final String ALL_UP_TO =
      "SELECT id, name, create_revision, prev_revision, deleted, value FROM kv WHERE id <= ? ORDER BY id";

  static final String SET_META = "UPDATE meta SET value = ? WHERE name = ?";

  /** Rows replaced by a newer version at or below the floor, found through their successors in one chunk. */
  static final String DELETE_SUPERSEDED =
      "DELETE FROM kv WHERE id IN (SELECT prev_revision FROM kv WHERE id > ? AND id <= ? AND prev_revision > 0)";

  static final String DELETE_TOMBSTONES = "DELETE FROM kv WHERE deleted = 1 AND id > ? AND id <= ?";

  /** The state of the database as one snapshot sees it. */
  record Meta(long revision, long compacted, long compactedThrough) {}

  static Meta readMeta(Connection connection) throws SQLException {
    Map<String, Long> values = new HashMap<>();
    try (var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT name, value FROM meta")) {
      while (rows.next()) {
        values.put(rows.getString(1), rows.getLong(2));
      }
    }
    return new Meta(values.getOrDefault("revision", 1L), values.getOrDefault("compacted", 1L),
        values.getOrDefault("compacted_through", 1L));
  }

  /**
   * The latest version of each key in a range as of a revision, live ones only: columns id, name,
   * create_revision, value. {@code range} is the condition on {@code name}, followed by one parameter,
   * the revision. It walks the (name, id) index in key order, so a LIMIT ends the walk early. It relies
   * on SQLite's documented rule that with MAX() the other columns come from the row holding the maximum.
   */
  static String latestLive(String range) {
    return "SELECT MAX(id), name, create_revision, value, deleted FROM kv WHERE " + range
        + " AND id <= ? GROUP BY name HAVING deleted = 0";
  }

  /** How many keys {@link #latestLive} would return, without reading their values. */
  static String countLive(String range) {
    return "SELECT COUNT(*) FROM (SELECT MAX(id), deleted FROM kv WHERE " + range
        + " AND id <= ? GROUP BY name HAVING deleted = 0)";
  }

  /** The changes after a revision, each with the row it replaced. */
  static String history(String range) {
    return "SELECT kv.id, kv.name, kv.create_revision, kv.prev_revision, kv.deleted, kv.value,"
        + " p.id, p.create_revision, p.deleted, p.value"
        + " FROM kv LEFT JOIN kv p ON p.id = kv.prev_revision WHERE kv.id > ? AND " + range + " ORDER BY kv.id";
  }

  /** Reads one row of {@link #history}. */
  static WatchEvent event(ResultSet row) throws SQLException {
    long id = row.getLong(1);
    var name = row.getString(2);
    long createRevision = row.getLong(3);
    long prevRevision = row.getLong(4);
    boolean deleted = row.getInt(5) != 0;
    var value = row.getBytes(6);
    if (deleted) {
      return new WatchEvent.Delete(new KeyValue(name, value, createRevision, prevRevision), id);
    }
    long previousId = row.getLong(7);
    boolean previousLive = !row.wasNull() && row.getInt(9) == 0;
    var previous = previousLive ? new KeyValue(name, row.getBytes(10), row.getLong(8), previousId) : null;
    return new WatchEvent.Put(new KeyValue(name, value, createRevision, id), previous);
  }
}
