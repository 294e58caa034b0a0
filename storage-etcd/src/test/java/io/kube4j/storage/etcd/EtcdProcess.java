package io.kube4j.storage.etcd;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-member etcd for tests: Debian's {@code etcd} binary on free loopback ports with its
 * data in a temporary directory, fsync on (no {@code --unsafe-no-fsync}). It can be stopped and started
 * again on the same ports and data, to test what clients do while etcd is away.
 */
public final class EtcdProcess implements AutoCloseable {

  private static final Path BINARY = Path.of("/usr/bin/etcd");

  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private Process process;

  private EtcdProcess(Path dataDir, int clientPort, int peerPort) {
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
  }

  /** Whether the etcd binary is installed ({@code scripts/install-deps.sh} installs Debian's etcd-server). */
  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts a fresh etcd and waits until it answers. */
  public static EtcdProcess start() throws IOException, InterruptedException {
    var etcd = new EtcdProcess(Files.createTempDirectory("kube4j-etcd-"), freePort(), freePort());
    etcd.startAgain();
    return etcd;
  }

  /** The client endpoint, {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  /** Starts the stopped etcd again, same ports, same data. */
  public void startAgain() throws IOException, InterruptedException {
    var log = dataDir.resolve("etcd.log");
    var peer = "http://127.0.0.1:" + peerPort;
    var pb = new ProcessBuilder(List.of(BINARY.toString(),
        "--name", "kube4j-test",
        "--data-dir", dataDir.resolve("data").toString(),
        "--listen-client-urls", endpoint(),
        "--advertise-client-urls", endpoint(),
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "kube4j-test=" + peer,
        "--log-level", "warn"));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!healthy()) {
      if (!process.isAlive()) {
        throw new IOException("etcd exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("etcd did not become healthy in 30 s:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  /** Stops etcd (SIGTERM) and waits for it to exit. */
  public void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }

  private boolean healthy() {
    try {
      var connection = (HttpURLConnection) URI.create(endpoint() + "/health").toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(1000);
      try {
        return connection.getResponseCode() == 200 && new String(connection.getInputStream().readAllBytes()).contains("true");
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    stop();
    try (var files = Files.walk(dataDir)) {
      for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
