package io.kube4j.apiserver.http;

import java.util.Map;

/**
 * Where a handler writes its answer: once as a whole, or as a stream of chunks (watches, logs).
 * Blocking: {@link Stream#write} waits while the client is slow, so one slow watcher costs one
 * parked virtual thread and no memory growth.
 */
public interface ResponseSink {

  /** Sends a complete response. */
  void send(int status, String contentType, byte[] body, Map<String, String> headers);

  /** Starts a chunked response. */
  Stream stream(int status, String contentType, Map<String, String> headers);

  /** An open chunked response. */
  interface Stream extends AutoCloseable {

    /** Writes and flushes one chunk (and any appended before it); returns false if the client has gone away. */
    boolean write(byte[] chunk) throws InterruptedException;

    /**
     * Queues one chunk behind those before it without flushing, so that a burst of chunks leaves in few
     * network writes; {@link #flush}, the next {@link #write} or {@link #close} sends it. Returns false if
     * the client has gone away. A stream that cannot hold chunks back writes them at once.
     */
    default boolean append(byte[] chunk) throws InterruptedException {
      return write(chunk);
    }

    /** Sends every chunk appended so far. */
    default void flush() {
    }

    /** Whether the client is still connected. */
    boolean isOpen();

    /** Ends the response. */
    @Override
    void close();
  }
}
