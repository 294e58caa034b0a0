package io.kube4j.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code kube4j} command line. */
@Command(name = "kube4j", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "A Kubernetes-compatible container orchestrator in Java.",
    subcommands = {Main.ServerCommand.class, BackupCommands.Backup.class, BackupCommands.Restore.class, CommandLine.HelpCommand.class},
    footer = {"", "  kubectl ARGS   Run the real kubectl against this machine's server (KUBE4J_DATA_DIR selects another data dir)."})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("kubectl")) {
      System.exit(kubectl(List.of(args).subList(1, args.length)));
    }
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kube4j " + Version.kube4j() + " (Kubernetes API " + Version.gitVersion() + ")"};
    }
  }

  /** {@code kube4j server}: runs the control plane on this machine. */
  @Command(name = "server", mixinStandardHelpOptions = true, description = "Run a kube4j server: API server on the embedded SQLite store (or an external etcd).")
  static final class ServerCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "State, certificates and kubeconfig (default: /var/lib/kube4j/server for root, ~/.kube4j/server otherwise).")
    Path dataDir;

    @Option(names = "--https-port", defaultValue = "6443", description = "API server port (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--bind-address", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--advertise-address", defaultValue = "", description = "Address other machines use to reach this server (default: this machine's first IPv4).")
    String advertiseAddress;

    @Option(names = "--node-name", description = "This machine's node name (default: the host name).")
    String nodeName;

    @Option(names = "--service-cidr", defaultValue = "10.43.0.0/16", description = "Service cluster IP range (default: ${DEFAULT-VALUE}).")
    String serviceCidr;

    @CommandLine.Mixin
    DatastoreOptions datastore;

    @Option(names = "--disable-agent", description = "Do not run the node agent on this machine (control plane only).")
    boolean disableAgent;

    @Option(names = "--disable-controller-manager", description = "Do not run the controllers (Deployment, ReplicaSet, namespace, ...).")
    boolean disableControllerManager;

    @Option(names = "--disable-scheduler", description = "Do not run the scheduler and the node lifecycle controller.")
    boolean disableScheduler;

    @Option(names = "--simulated-nodes", defaultValue = "0",
        description = "Register this many simulated nodes whose pods report Running without containers (for trying and benchmarking the control plane).")
    int simulatedNodes;

    @Override
    public Integer call() throws Exception {
      long started = System.nanoTime();
      var config = new ServerConfig(dataDir == null ? ServerConfig.defaultDataDir() : dataDir, bindAddress, httpsPort,
          nodeName == null ? ServerConfig.defaultNodeName() : nodeName, serviceCidr, advertiseAddress,
          datastore.datastore(),
          new ServerConfig.Components(!disableControllerManager, !disableScheduler, simulatedNodes));
      System.out.println("kube4j: data directory " + config.dataDir().toAbsolutePath());
      if (config.datastore().external()) {
        System.out.println("kube4j: cluster state in etcd at " + config.datastore().endpoints());
      }
      Kube4jServer server;
      try {
        server = Kube4jServer.start(config);
      } catch (Kube4jServer.ServerStartException e) {
        System.err.println("kube4j: " + e.getMessage());
        return 1;
      }
      var stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.out.println("kube4j: shutting down");
        server.close();
        stopped.countDown();
      }, "kube4j-shutdown"));
      long jvmMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      System.out.printf("kube4j: ready at %s: API server ready %d ms after JVM start, all components %d ms after JVM start%n", server.url(),
          server.apiReadyJvmMillis(), jvmMillis);
      System.out.println("kube4j: admin kubeconfig: " + server.kubeconfig());
      System.out.println("kube4j: try: export KUBECONFIG=" + server.kubeconfig() + "; kubectl get namespaces");
      System.out.println("kube4j:  or: ./kube4j kubectl get namespaces");
      if (!disableAgent) {
        System.out.println("kube4j: the node agent (containers through containerd) is not part of this release yet; this server runs the control plane only");
      }
      stopped.await();
      return 0;
    }
  }

  /**
   * {@code kube4j kubectl ARGS}: runs the real kubectl with the local server's admin kubeconfig. Handled
   * before option parsing so every kubectl flag passes through untouched; {@code KUBE4J_DATA_DIR}
   * selects another server's data directory.
   */
  static int kubectl(List<String> args) throws InterruptedException {
    var kubeconfig = ServerConfig.defaultDataDir().resolve("kubeconfig.yaml");
    if (!java.nio.file.Files.exists(kubeconfig)) {
      System.err.println("kube4j: no kubeconfig at " + kubeconfig + ": start the server first (./kube4j server), or set KUBE4J_DATA_DIR to its --data-dir");
      return 1;
    }
    var command = new ArrayList<String>();
    command.add("kubectl");
    command.addAll(args);
    var pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    try {
      return pb.start().waitFor();
    } catch (java.io.IOException e) {
      System.err.println("kube4j: cannot run kubectl (" + e.getMessage() + "): install kubectl v1.32 and put it on PATH");
      return 1;
    }
  }
}
