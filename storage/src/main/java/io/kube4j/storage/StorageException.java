package io.kube4j.storage;

/** The ways a storage call can fail; the API server maps each to a Kubernetes Status. */
public sealed class StorageException extends RuntimeException {

  StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The key is not live. */
  public static final class NotFound extends StorageException {
    public NotFound(String key) {
      super("key not found: " + key, null);
    }
  }

  /** Create of a key that is live. */
  public static final class KeyExists extends StorageException {
    public KeyExists(String key) {
      super("key exists: " + key, null);
    }
  }

  /** A guarded write lost the race: the key changed since the expected revision. */
  public static final class RevisionMismatch extends StorageException {
    private final transient KeyValue current;

    public RevisionMismatch(String key, long expected, KeyValue current) {
      super("key " + key + " is at revision " + (current == null ? "none" : current.modRevision()) + ", not " + expected, null);
      this.current = current;
    }

    /** The live entry that won, or null if the key was deleted. */
    public KeyValue current() {
      return current;
    }
  }

  /** The requested revision is older than the compaction floor. */
  public static final class Compacted extends StorageException {
    private final long compactedRevision;

    public Compacted(long requested, long compactedRevision) {
      super("revision " + requested + " has been compacted; the oldest available is " + compactedRevision, null);
      this.compactedRevision = compactedRevision;
    }

    public long compactedRevision() {
      return compactedRevision;
    }
  }

  /** The requested revision is newer than anything written. */
  public static final class FutureRevision extends StorageException {
    public FutureRevision(long requested, long current) {
      super("revision " + requested + " is newer than the current revision " + current, null);
    }
  }

  /** The backend cannot serve now (disk full, database locked, etcd unreachable); retrying later may work. */
  public static final class Unavailable extends StorageException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
