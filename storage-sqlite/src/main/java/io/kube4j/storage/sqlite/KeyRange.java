package io.kube4j.storage.sqlite;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The keys starting with a prefix, optionally only those after a given key, as an index-friendly SQL
 * range on {@code name}. SQLite compares text as UTF-8 bytes, which orders code points the same way.
 *
 * @param from the lowest key, or the key to start after
 * @param fromExclusive whether {@code from} itself is excluded
 * @param to the first key past the prefix, or null when the prefix is empty
 */
record KeyRange(String from, boolean fromExclusive, String to) {

  static KeyRange of(String prefix, String startAfter) {
    var to = prefixEnd(prefix);
    if (!startAfter.isEmpty() && startAfter.compareTo(prefix) >= 0) {
      return new KeyRange(startAfter, true, to);
    }
    return new KeyRange(prefix, false, to);
  }

  /** The condition on {@code column}, with one or two parameters. */
  String condition(String column) {
    return column + (fromExclusive ? " > ?" : " >= ?") + (to == null ? "" : " AND " + column + " < ?");
  }

  /** Binds the parameters of {@link #condition} from {@code index}; returns the next index. */
  int bind(PreparedStatement statement, int index) throws SQLException {
    statement.setString(index++, from);
    if (to != null) {
      statement.setString(index++, to);
    }
    return index;
  }

  private static String prefixEnd(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    int last = prefix.codePointBefore(prefix.length());
    if (last == Character.MAX_CODE_POINT) {
      return null;
    }
    int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
    return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
  }
}
