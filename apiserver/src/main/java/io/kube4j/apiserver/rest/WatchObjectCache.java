package io.kube4j.apiserver.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The decoded and encoded forms of recently watched objects, shared by every watch of one server so that
 * an event sent to many watchers is parsed once and serialised once per representation, not once per
 * watcher.
 *
 * <p>An entry is identified by the storage key, the revision the object is stamped with (its
 * {@code metadata.resourceVersion}: the write's revision for a put, the delete's revision for a
 * delete) and the stored bytes (compared by content, so a reused key and revision with other bytes is a
 * miss, never a wrong answer). The cache is direct-mapped with a fixed number of slots: a lookup either
 * finds its entry or computes it and replaces whatever the slot held, so memory stays bounded and a
 * watcher that falls far behind simply decodes for itself. Objects stored in more than a set number of
 * bytes are never kept (each lookup decodes them), so the memory held is bounded by slots times that
 * size (times the few-fold of a decoded tree and its encodings). Lookups are lock-free; two watchers
 * missing the same entry at once may both compute it, which is harmless since both results are equal.
 *
 * <p>Contract for callers: the {@link Entry#object() decoded object} and {@link Entry#encoded encoded
 * bytes} are shared and must never be mutated; copy before changing.
 */
public final class WatchObjectCache {

  private final AtomicReferenceArray<Entry> slots;
  private final int mask;
  private final int maxValueBytes;

  /** A cache of {@code capacity} slots (rounded up to a power of two) for objects stored in at most {@code maxValueBytes}. */
  public WatchObjectCache(int capacity, int maxValueBytes) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.maxValueBytes = maxValueBytes;
    int size = Integer.highestOneBit(capacity);
    this.slots = new AtomicReferenceArray<>(size < capacity ? size << 1 : size);
    this.mask = slots.length() - 1;
  }

  /**
   * The entry for the object stored under {@code key} with {@code value}, stamped with {@code revision};
   * {@code decode} builds the decoded object on a miss (its result becomes shared: it must not be kept
   * or changed by the caller afterwards).
   */
  public Entry entry(String key, long revision, byte[] value, Supplier<ObjectNode> decode) {
    int slot = spread(key.hashCode() * 31 + Long.hashCode(revision)) & mask;
    var entry = slots.get(slot);
    if (entry != null && entry.matches(key, revision, value)) {
      return entry;
    }
    entry = new Entry(key, revision, value, decode.get());
    if (value.length <= maxValueBytes) {
      slots.set(slot, entry);
    }
    return entry;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** One watched object: its decoded form and its encodings, computed at most once per representation (barring races). */
  public static final class Entry {
    private final String key;
    private final long revision;
    private final byte[] value;
    private final ObjectNode object;
    private final Map<String, byte[]> encodings = new ConcurrentHashMap<>(2);

    private Entry(String key, long revision, byte[] value, ObjectNode object) {
      this.key = key;
      this.revision = revision;
      this.value = value;
      this.object = object;
    }

    private boolean matches(String key, long revision, byte[] value) {
      return this.revision == revision && this.key.equals(key) && (this.value == value || Arrays.equals(this.value, value));
    }

    /** The decoded stored object; shared, read only. */
    public ObjectNode object() {
      return object;
    }

    /**
     * The object encoded for {@code representation} (a name that determines {@code encode}'s result, such as
     * the API resource and version); {@code encode} is given the shared decoded object and must not change it.
     */
    public byte[] encoded(String representation, Function<ObjectNode, byte[]> encode) {
      var bytes = encodings.get(representation);
      if (bytes == null) {
        bytes = encode.apply(object);
        encodings.put(representation, bytes);
      }
      return bytes;
    }
  }
}
