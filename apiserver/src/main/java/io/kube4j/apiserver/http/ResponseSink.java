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

    /** Writes and flushes one chunk; returns false if the client has gone away. */
    boolean write(byte[] chunk) throws InterruptedException;

    /** Whether the client is still connected. */
    boolean isOpen();

    /** Ends the response. */
    @Override
    void close();
  }
}
