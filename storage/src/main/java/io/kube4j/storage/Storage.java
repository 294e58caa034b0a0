package io.kube4j.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * A revisioned key-value store, the cluster's memory.
 *
 * <p>Every successful write gets the next value of one global, strictly increasing revision; that
 * revision is the object's {@code resourceVersion}. Writes are acknowledged only once durable.
 * Updates and deletes are guarded by the revision the caller last saw (compare-and-swap), so two
 * writers racing on one key never silently overwrite each other. History is kept until
 * {@link #compact(long) compacted}, which makes {@link #list} at a past revision and {@link #watch}
 * from a past revision possible.
 *
 * <p>Keys are {@code /registry/<resource>/<namespace>/<name>} strings; a prefix ending in {@code /}
 * selects a resource or a namespace. Implementations are thread-safe; every method blocks (callers
 * run on virtual threads).
 */
public interface Storage extends AutoCloseable {

  /** The revision of the newest write, or the compaction floor of an empty store (never below 1). */
  long currentRevision();

  /** The lowest revision still readable: lists and watches from below it fail with {@link StorageException.Compacted}. */
  long compactedRevision();

  /** The live value of {@code key}, if any. */
  Optional<KeyValue> get(String key);

  /**
   * Live entries whose keys start with {@code prefix}, in key order, as they were at {@code revision}
   * ({@code 0} means now). At most {@code limit} entries ({@code 0} means no limit) whose key is
   * strictly greater than {@code startAfter} (empty means from the first).
   *
   * @throws StorageException.Compacted if {@code revision} is older than {@link #compactedRevision()}
   * @throws StorageException.FutureRevision if {@code revision} is newer than {@link #currentRevision()}
   */
  ListPage list(String prefix, long revision, String startAfter, int limit);

  /** The number of live entries under {@code prefix} now. */
  long count(String prefix);

  /**
   * Stores a new key.
   *
   * @return the stored entry with its create and mod revision
   * @throws StorageException.KeyExists if the key is live
   */
  KeyValue create(String key, byte[] value);

  /**
   * Replaces the value of a live key, if its mod revision still is {@code expectedRevision}.
   *
   * @throws StorageException.NotFound if the key is not live
   * @throws StorageException.RevisionMismatch if it was changed since {@code expectedRevision}; carries the live entry
   */
  KeyValue update(String key, byte[] value, long expectedRevision);

  /**
   * Deletes a live key if its mod revision still is {@code expectedRevision} ({@code 0}: whatever it is).
   *
   * @return the deleted entry, its mod revision being the revision of the delete
   * @throws StorageException.NotFound if the key is not live
   * @throws StorageException.RevisionMismatch if it was changed since {@code expectedRevision}
   */
  KeyValue delete(String key, long expectedRevision);

  /**
   * Streams every change under {@code prefix} with a revision strictly greater than {@code afterRevision},
   * in revision order, without gaps or duplicates, until closed. {@code afterRevision == 0} means from now.
   * A consumer that falls too far behind gets {@link WatchEvent.Expired} and must relist; closing the
   * storage closes every stream.
   *
   * @throws StorageException.Compacted if {@code afterRevision} is older than {@link #compactedRevision()}
   * @throws StorageException.FutureRevision if {@code afterRevision} is newer than {@link #currentRevision()}
   */
  WatchStream watch(String prefix, long afterRevision);

  /**
   * Forgets the history of superseded and deleted entries older than {@code revision}, which becomes the
   * new {@link #compactedRevision()}; every read at or after it still answers exactly. Never removes the
   * live version of a key. A revision at or below the current floor changes nothing.
   *
   * @throws StorageException.FutureRevision if {@code revision} is newer than {@link #currentRevision()}
   */
  void compact(long revision);

  /**
   * Writes a consistent {@link Snapshot} of the store to {@code out} while writes continue: every version
   * at or below one revision (the current one when the call starts), the compaction floor, nothing newer.
   * {@code out} is left open. Backends that keep their data elsewhere (etcd) refuse with
   * {@link StorageException.Unavailable} naming the tool to use instead.
   *
   * @throws IOException if writing to {@code out} fails
   * @throws StorageException.Unavailable if this backend cannot take a snapshot, or the store cannot be read
   */
  default Snapshot.Info backup(OutputStream out) throws IOException {
    throw new StorageException.Unavailable("this datastore (" + getClass().getSimpleName()
        + ") cannot be backed up by kube4j; use the datastore's own snapshot tool", null);
  }

  @Override
  void close();
}
