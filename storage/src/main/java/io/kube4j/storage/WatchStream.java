package io.kube4j.storage;

import java.time.Duration;
import java.util.Optional;

/**
 * A pull-based stream of {@link WatchEvent}s. Blocking by design: one virtual thread per watcher
 * reads it. Closing it releases its buffer; a watcher that falls too far behind receives an
 * {@link WatchEvent.Expired} event and nothing after it.
 */
public interface WatchStream extends AutoCloseable {

  /** The next event, waiting at most {@code timeout}; empty if none arrived in time or the stream is closed. */
  Optional<WatchEvent> next(Duration timeout) throws InterruptedException;

  /** The newest revision this stream has caught up with (for bookmarks), even when no event matched. */
  long progressRevision();

  boolean isClosed();

  @Override
  void close();
}
