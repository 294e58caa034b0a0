package io.kube4j.server;

import java.net.InetAddress;
import java.nio.file.Path;

/**
 * How a server is run.
 *
 * @param dataDir where state, certificates and the kubeconfig live
 * @param bindAddress address to listen on ({@code 0.0.0.0} for all)
 * @param httpsPort the API port (0 picks a free one, for tests)
 * @param nodeName this machine's node name
 * @param serviceCidr the service IP range
 * @param advertiseAddress the address clients and the {@code kubernetes} service use
 * @param datastore where the cluster state lives
 * @param components which control-plane components run beside the API server
 */
public record ServerConfig(Path dataDir, String bindAddress, int httpsPort, String nodeName, String serviceCidr, String advertiseAddress,
    Datastore datastore, Components components) {

  /**
   * The components that run in the server process beside the API server, each a client of it.
   *
   * @param controllers the controller manager (workload, namespace, service account controllers)
   * @param scheduler the scheduler and the node lifecycle controller
   * @param simulatedNodes how many simulated nodes to register (0: none)
   */
  public record Components(boolean controllers, boolean scheduler, int simulatedNodes) {
    /** The API server alone: what tests of the API itself run. */
    public static final Components API_ONLY = new Components(false, false, 0);
    /** A whole control plane: what {@code kube4j server} runs by default. */
    public static final Components CONTROL_PLANE = new Components(true, true, 0);

    public boolean any() {
      return controllers || scheduler || simulatedNodes > 0;
    }
  }

  /** A server on the given datastore running the API server alone. */
  public ServerConfig(Path dataDir, String bindAddress, int httpsPort, String nodeName, String serviceCidr, String advertiseAddress,
      Datastore datastore) {
    this(dataDir, bindAddress, httpsPort, nodeName, serviceCidr, advertiseAddress, datastore, Components.API_ONLY);
  }

  /**
   * Where the cluster state lives: the embedded SQLite database in the data directory, or an external
   * etcd cluster shared by every server that names it.
   *
   * @param endpoints comma-separated etcd endpoints ({@code http(s)://host:2379}); empty for the embedded database
   * @param caFile the CA that signed etcd's certificate (null: the JVM's trusted roots)
   * @param certFile this server's client certificate for etcd (null: none)
   * @param keyFile the key of {@code certFile}
   */
  public record Datastore(String endpoints, Path caFile, Path certFile, Path keyFile) {
    public static final Datastore EMBEDDED = new Datastore("", null, null, null);

    public boolean external() {
      return !endpoints.isBlank();
    }

    /**
     * How to reach this etcd datastore.
     *
     * @throws IllegalArgumentException if the endpoints or the TLS files are not usable
     */
    public io.kube4j.storage.etcd.EtcdStorage.Options etcdOptions() {
      var options = io.kube4j.storage.etcd.EtcdStorage.Options.of(endpoints);
      if (caFile != null || certFile != null || keyFile != null) {
        options = options.withTls(new io.kube4j.storage.etcd.EtcdStorage.Tls(caFile, certFile, keyFile));
      }
      return options;
    }
  }

  /** A server on the embedded SQLite database running the API server alone. */
  public ServerConfig(Path dataDir, String bindAddress, int httpsPort, String nodeName, String serviceCidr, String advertiseAddress) {
    this(dataDir, bindAddress, httpsPort, nodeName, serviceCidr, advertiseAddress, Datastore.EMBEDDED);
  }

  /** The default data directory: a system location for root, a per-user one otherwise. */
  public static Path defaultDataDir() {
    var override = System.getenv("KUBE4J_DATA_DIR");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/lib/kube4j/server");
    }
    return Path.of(System.getProperty("user.home"), ".kube4j", "server");
  }

  public static String defaultNodeName() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase();
    } catch (java.net.UnknownHostException e) {
      return "kube4j-node";
    }
  }

  public Path kubeconfig() {
    return dataDir.resolve("kubeconfig.yaml");
  }
}
