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
 */
public record ServerConfig(Path dataDir, String bindAddress, int httpsPort, String nodeName, String serviceCidr, String advertiseAddress) {

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
