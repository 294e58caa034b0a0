package io.kube4j.storage.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import java.util.Arrays;

/**
 * Maps storage keys to etcd keys and back: an etcd key is the key prefix followed by the storage key,
 * and a storage prefix is the etcd range {@code [keyPrefix + prefix, end of that prefix)}. Storage keys
 * start with {@code /}, so the prefix {@code ""} selects {@code keyPrefix + "/"} and two key prefixes
 * such as {@code /a} and {@code /ab} never see each other's keys.
 */
final class KeySpace {

  /** An etcd key range: keys {@code >= start} and {@code < end}. */
  record Range(ByteSequence start, ByteSequence end) {}

  /** The whole etcd key space, every tenant's keys included. */
  static final Range EVERYTHING = new Range(ByteSequence.from(new byte[] {0}), ByteSequence.from(new byte[] {0}));

  private final String keyPrefix;
  private final byte[] prefixBytes;

  KeySpace(String keyPrefix) {
    if (!keyPrefix.isEmpty() && (!keyPrefix.startsWith("/") || keyPrefix.endsWith("/"))) {
      throw new IllegalArgumentException("the etcd key prefix must be empty or start with / and not end with /, got \"" + keyPrefix + "\"");
    }
    this.keyPrefix = keyPrefix;
    this.prefixBytes = keyPrefix.getBytes(UTF_8);
  }

  String keyPrefix() {
    return keyPrefix;
  }

  /** The etcd key of a storage key. */
  ByteSequence etcdKey(String key) {
    if (!key.startsWith("/")) {
      throw new IllegalArgumentException("storage keys start with /, got \"" + key + "\"");
    }
    return ByteSequence.from(keyPrefix + key, UTF_8);
  }

  /** Whether an etcd key belongs to this key space. */
  boolean contains(ByteSequence etcdKey) {
    var bytes = etcdKey.getBytes();
    if (bytes.length <= prefixBytes.length || bytes[prefixBytes.length] != '/') {
      return false;
    }
    return Arrays.equals(bytes, 0, prefixBytes.length, prefixBytes, 0, prefixBytes.length);
  }

  /** The storage key of an etcd key of this key space. */
  String key(ByteSequence etcdKey) {
    var bytes = etcdKey.getBytes();
    return new String(bytes, prefixBytes.length, bytes.length - prefixBytes.length, UTF_8);
  }

  /** The etcd range of the keys under {@code prefix} ({@code ""}: every key of this key space). */
  Range range(String prefix) {
    var start = (keyPrefix + (prefix.isEmpty() ? "/" : prefix)).getBytes(UTF_8);
    return new Range(ByteSequence.from(start), ByteSequence.from(prefixEnd(start)));
  }

  /**
   * The etcd range of the keys under {@code prefix} that are strictly greater than {@code startAfter}
   * ({@code ""}: from the first); null when nothing can match.
   */
  Range range(String prefix, String startAfter) {
    var whole = range(prefix);
    if (startAfter.isEmpty()) {
      return whole;
    }
    var after = (keyPrefix + startAfter + "\0").getBytes(UTF_8);
    var start = whole.start().getBytes();
    if (Arrays.compareUnsigned(after, start) > 0) {
      start = after;
    }
    var end = whole.end().getBytes();
    if (!(end.length == 1 && end[0] == 0) && Arrays.compareUnsigned(start, end) >= 0) {
      return null;
    }
    return new Range(ByteSequence.from(start), whole.end());
  }

  /** The smallest key greater than every key that starts with {@code prefix}; {@code "\0"} (no end) if there is none. */
  static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if ((prefix[i] & 0xff) != 0xff) {
        var end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return new byte[] {0};
  }
}
