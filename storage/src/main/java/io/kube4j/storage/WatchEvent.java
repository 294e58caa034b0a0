package io.kube4j.storage;

/** A change seen by a watch. Events of one watch come in strictly increasing {@link #revision()} order. */
public sealed interface WatchEvent {

  /** The revision of the write that caused this event. */
  long revision();

  /** A key was created or updated. {@code previous} is null on create. */
  record Put(KeyValue current, KeyValue previous) implements WatchEvent {
    @Override
    public long revision() {
      return current.modRevision();
    }

    public boolean created() {
      return previous == null;
    }
  }

  /**
   * A key was deleted; {@code previous} is the version that was live (its value, create and mod revision
   * as they were), {@code revision} the revision of the delete.
   */
  record Delete(KeyValue previous, long revision) implements WatchEvent {}

  /**
   * The watch can no longer keep up or its history was compacted; the consumer must relist. No
   * event follows.
   */
  record Expired(String reason) implements WatchEvent {
    @Override
    public long revision() {
      return 0;
    }
  }
}
