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

  /** Mutual TLS on the client port: etcd's certificate and key, and the CA and a client pair it trusts. */
  public record Tls(Path caFile, Path serverCertFile, Path serverKeyFile, Path clientCertFile, Path clientKeyFile) {}

  private final Path dataDir;
  private final int clientPort;
  private final int peerPort;
  private final Tls tls;
  private Process process;

  private EtcdProcess(Path dataDir, int clientPort, int peerPort, Tls tls) {
    this.dataDir = dataDir;
    this.clientPort = clientPort;
    this.peerPort = peerPort;
    this.tls = tls;
  }

  /** Whether the etcd binary is installed ({@code scripts/install-deps.sh} installs Debian's etcd-server). */
  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts a fresh etcd and waits until it answers. */
  public static EtcdProcess start() throws IOException, InterruptedException {
    return start(null);
  }

  /** Starts a fresh etcd that serves clients over TLS and asks them for a certificate signed by the CA. */
  public static EtcdProcess startTls(Tls tls) throws IOException, InterruptedException {
    return start(tls);
  }

  private static EtcdProcess start(Tls tls) throws IOException, InterruptedException {
    var etcd = new EtcdProcess(Files.createTempDirectory("kube4j-etcd-"), freePort(), freePort(), tls);
    etcd.startAgain();
    return etcd;
  }

  /** The client endpoint, {@code http://127.0.0.1:PORT} ({@code https} with TLS). */
  public String endpoint() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
  }

  /** Starts the stopped etcd again, same ports, same data. */
  public void startAgain() throws IOException, InterruptedException {
    var log = dataDir.resolve("etcd.log");
    var peer = "http://127.0.0.1:" + peerPort;
    var command = new java.util.ArrayList<>(List.of(BINARY.toString(),
        "--name", "kube4j-test",
        "--data-dir", dataDir.resolve("data").toString(),
        "--listen-client-urls", endpoint(),
        "--advertise-client-urls", endpoint(),
        "--listen-peer-urls", peer,
        "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "kube4j-test=" + peer,
        "--log-level", "warn"));
    if (tls != null) {
      command.addAll(List.of("--cert-file", tls.serverCertFile().toString(), "--key-file", tls.serverKeyFile().toString(),
          "--trusted-ca-file", tls.caFile().toString(), "--client-cert-auth"));
    }
    var pb = new ProcessBuilder(command);
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

  private boolean healthy() throws IOException, InterruptedException {
    if (tls != null) {
      var check = new ProcessBuilder("etcdctl", "--endpoints", endpoint(), "--cacert", tls.caFile().toString(),
          "--cert", tls.clientCertFile().toString(), "--key", tls.clientKeyFile().toString(), "--dial-timeout", "1s",
          "endpoint", "health").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return check.waitFor() == 0;
    }
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
