package io.kube4j.storage.etcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP proxy to one target port whose connections can be cut and later allowed again on the
 * same port: lets a test take etcd away from one client while other clients still reach it.
 */
final class CuttableProxy implements AutoCloseable {

  private final int target;
  private final int port;
  private final List<Socket> open = new ArrayList<>();
  private ServerSocket listener;

  CuttableProxy(int target) throws IOException {
    this.target = target;
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      this.port = probe.getLocalPort();
    }
    restore();
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Accepts connections (again). */
  synchronized void restore() throws IOException {
    var socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listener = socket;
    Thread.ofVirtual().start(() -> accept(socket));
  }

  /** Closes the listener and every connection through it. */
  synchronized void cut() throws IOException {
    listener.close();
    for (var socket : open) {
      socket.close();
    }
    open.clear();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        var client = socket.accept();
        var upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        synchronized (this) {
          open.add(client);
          open.add(upstream);
        }
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
      } catch (IOException e) {
        // The listener was closed by cut(), or the target refused: either way this connection is gone.
        if (!socket.isClosed()) {
          System.err.println("proxy: " + e.getMessage());
        }
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException e) {
      // One side closed: close the other so the client sees the connection drop.
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException e) {
        System.err.println("proxy: " + e.getMessage());
      }
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
