package io.kube4j.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kube4j.server.Kube4jServer;
import io.kube4j.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kube4j server for a test class: started in-process on a free port with its own data
 * directory, driven through the real kubectl binary and the fabric8 client, closed after the class.
 */
public final class TestCluster implements AutoCloseable {

  private final Path dataDir;
  private final ServerConfig.Components components;
  private Kube4jServer server;
  private KubernetesClient client;

  private TestCluster(Path dataDir, ServerConfig.Components components) {
    this.dataDir = dataDir;
    this.components = components;
  }

  /** A server running the API server alone. */
  public static TestCluster start() throws Exception {
    return start(ServerConfig.Components.API_ONLY);
  }

  /** A server running the given control-plane components beside the API server. */
  public static TestCluster start(ServerConfig.Components components) throws Exception {
    var cluster = new TestCluster(Files.createTempDirectory("kube4j-e2e-"), components);
    cluster.startServer();
    return cluster;
  }

  /** Starts (or restarts) the server on the same data directory. */
  public void startServer() throws Exception {
    server = Kube4jServer.start(new ServerConfig(dataDir, "127.0.0.1", 0, "e2e-node", "10.43.0.0/16", "127.0.0.1",
        ServerConfig.Datastore.EMBEDDED, components));
    client = null;
  }

  /** Stops the server, keeping the data directory. */
  public void stopServer() {
    if (client != null) {
      client.close();
      client = null;
    }
    server.close();
  }

  public Kube4jServer server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path kubeconfig() {
    return server.kubeconfig();
  }

  /** A fabric8 client configured from the server's admin kubeconfig. */
  public synchronized KubernetesClient client() throws IOException {
    if (client == null) {
      var config = Config.fromKubeconfig(Files.readString(kubeconfig()));
      config.setRequestTimeout(30_000);
      client = new KubernetesClientBuilder().withConfig(config).build();
    }
    return client;
  }

  /** The outcome of one kubectl run. */
  public record Result(int exitCode, String stdout, String stderr) {
    public Result assertOk() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl failed with exit code " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
      }
      return this;
    }
  }

  /** Runs the real kubectl with the admin kubeconfig. */
  public Result kubectl(String... args) throws Exception {
    return kubectlWithInput(null, args);
  }

  /** Runs kubectl with {@code stdin} as its standard input (for {@code -f -}). */
  public Result kubectlWithInput(String stdin, String... args) throws Exception {
    return kubectlWithEnv(java.util.Map.of(), stdin, args);
  }

  /** Runs kubectl with extra environment variables (e.g. {@code EDITOR} for {@code kubectl edit}). */
  public Result kubectlWithEnv(java.util.Map<String, String> env, String stdin, String... args) throws Exception {
    return kubectl(kubeconfig(), dataDir, env, stdin, args);
  }

  /** Runs the real kubectl against any server: {@code kubeconfig} names it, {@code home} holds kubectl's cache and output files. */
  public static Result kubectl(Path kubeconfig, Path home, java.util.Map<String, String> env, String stdin, String... args) throws Exception {
    var command = new ArrayList<String>();
    command.add("kubectl");
    command.addAll(List.of(args));
    var pb = new ProcessBuilder(command);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().put("HOME", home.toString());
    pb.environment().putAll(env);
    var out = Files.createTempFile(home, "kubectl", ".out");
    var err = Files.createTempFile(home, "kubectl", ".err");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    var process = pb.start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
    }
    var result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return result;
  }

  /** Starts kubectl in the background (for {@code get -w}); output goes to {@code output}. */
  public Process kubectlBackground(Path output, String... args) throws IOException {
    var command = new ArrayList<String>();
    command.add("kubectl");
    command.addAll(List.of(args));
    var pb = new ProcessBuilder(command);
    pb.environment().put("KUBECONFIG", kubeconfig().toString());
    pb.environment().put("HOME", dataDir.toString());
    pb.redirectOutput(output.toFile());
    pb.redirectErrorStream(true);
    return pb.start();
  }

  @Override
  public void close() throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
