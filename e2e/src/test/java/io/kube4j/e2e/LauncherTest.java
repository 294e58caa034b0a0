package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher users start the server with ({@code ./kube4j server}), run as a user runs it: on the jar this
 * build made, it trains the JVM's ahead-of-time cache once, then starts the server with it.
 */
class LauncherTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void trainsTheAotCacheOnceAndTheServerStartsWithIt(@TempDir Path dir) throws Exception {
    var jar = ROOT.resolve("server/target/kube4j.jar");
    assumeTrue(Files.exists(jar), "the server jar is built by the server module's package phase (mvn verify from the root)");
    var cache = ROOT.resolve("server/target/kube4j.aot");
    Files.deleteIfExists(cache);
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var log = dir.resolve("launcher.log");
    var launcher = new ProcessBuilder(ROOT.resolve("kube4j").toString(), "server", "--data-dir", dir.resolve("data").toString(),
        "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1", "--https-port", String.valueOf(port), "--disable-agent",
        "--simulated-nodes", "2")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      var output = awaitLine(launcher, log, "kube4j: ready", 300);
      assertThat(output).contains("training the JVM's ahead-of-time cache").doesNotContain("AOT training failed");
      assertThat(cache).exists();
      // the launcher execs the JVM: this process is the server, and the JVM reports a cache it cannot map
      assertThat(commandLine(launcher.pid())).contains("-XX:AOTCache=" + cache);
      assertThat(output).doesNotContain("[aot]");
      var nodes = TestCluster.kubectl(dir.resolve("data/kubeconfig.yaml"), dir, Map.of(), null, "get", "nodes", "-o", "name").assertOk().stdout();
      assertThat(nodes.lines()).hasSize(2);
    } finally {
      launcher.destroy();
      launcher.waitFor(30, TimeUnit.SECONDS);
      launcher.destroyForcibly();
    }
  }

  private static String awaitLine(Process process, Path log, String line, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      var output = Files.readString(log, StandardCharsets.UTF_8);
      if (output.contains(line)) {
        return output;
      }
      if (!process.isAlive()) {
        throw new AssertionError("the launcher exited with " + process.exitValue() + " before printing '" + line + "':\n" + output);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + line + "' after " + seconds + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String commandLine(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
  }
}
