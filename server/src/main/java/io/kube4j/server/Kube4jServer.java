package io.kube4j.server;

import io.kube4j.apiserver.ApiServer;
import io.kube4j.apiserver.auth.Authenticator;
import io.kube4j.apiserver.core.ServiceNetwork;
import io.kube4j.apiserver.http.NettyHttpServer;
import io.kube4j.storage.Storage;
import io.kube4j.storage.cache.WatchCache;
import io.kube4j.storage.etcd.EtcdStorage;
import io.kube4j.storage.sqlite.SqliteStorage;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running kube4j server: the SQLite store in the data directory (or an external etcd), the cluster PKI, the API server
 * behind TLS, and the admin kubeconfig. Used by the {@code server} command and, in-process, by the
 * end-to-end tests.
 */
public final class Kube4jServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Kube4jServer.class);

  private final ServerConfig config;
  private final Storage storage;
  private final ApiServer api;
  private final NettyHttpServer http;
  private final ClusterCertificates pki;
  private final String url;
  private volatile ControlPlane controlPlane;
  private volatile long apiReadyJvmMillis;

  private Kube4jServer(ServerConfig config, Storage storage, ApiServer api, NettyHttpServer http, ClusterCertificates pki, String url) {
    this.config = config;
    this.storage = storage;
    this.api = api;
    this.http = http;
    this.pki = pki;
    this.url = url;
  }

  /**
   * Starts a server and returns once it is ready ({@code /readyz} is green).
   *
   * @throws ServerStartException with a message for the user when something is in the way
   */
  public static Kube4jServer start(ServerConfig config) throws Exception {
    var dataDir = config.dataDir().toAbsolutePath();
    try {
      Files.createDirectories(dataDir.resolve("db"));
    } catch (java.nio.file.AccessDeniedException e) {
      throw new ServerStartException("cannot create the data directory " + dataDir + ": permission denied; pass --data-dir with a writable path");
    }
    var advertise = config.advertiseAddress().isEmpty() ? primaryAddress() : config.advertiseAddress();
    var dnsNames = new LinkedHashSet<>(List.of("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local", config.nodeName()));
    var network = ServiceNetwork.of(config.serviceCidr(), 30000, 32767);
    Set<InetAddress> ips = new LinkedHashSet<>();
    ips.add(InetAddress.getByName("127.0.0.1"));
    ips.add(InetAddress.getByName(advertise));
    ips.add(InetAddress.getByName(network.apiServerIp()));
    if (!config.bindAddress().equals("0.0.0.0") && !config.bindAddress().equals("::")) {
      ips.add(InetAddress.getByName(config.bindAddress()));
    }
    var pki = ClusterCertificates.ensure(dataDir.resolve("tls"), dnsNames, ips);
    // the TLS context and the store open in parallel: each costs a few hundred milliseconds cold
    var sslContext = java.util.concurrent.CompletableFuture.supplyAsync(() -> serverTls(pki), Thread::startVirtualThread);
    var storage = openStorage(config, dataDir);
    NettyHttpServer http = null;
    ApiServer api = null;
    try {
      var clock = Clock.systemUTC();
      api = new ApiServer(storage, clock, new ApiServer.Settings(advertise, network, Version.gitVersion()),
          ClusterCertificates.serviceAccountKey(dataDir.resolve("tls")));
      var ssl = sslContext.join();
      var authenticator = new Authenticator(List.of(api.serviceAccountTokens()));
      try {
        http = new NettyHttpServer(new InetSocketAddress(config.bindAddress(), config.httpsPort()), ssl, api.handler(), authenticator::authenticate);
      } catch (BindException e) {
        throw new ServerStartException("cannot listen on " + config.bindAddress() + ":" + config.httpsPort()
            + ": the port is in use (is another kube4j or Kubernetes API server running?). Stop it, or pass --https-port.");
      }
      var port = http.localAddress().getPort();
      var url = "https://" + (config.bindAddress().equals("0.0.0.0") || config.bindAddress().equals("::") ? "127.0.0.1" : config.bindAddress()) + ":" + port;
      api.bootstrap(port);
      Kubeconfig.write(config.kubeconfig(), url, pki.ca(), pki.admin());
      var server = new Kube4jServer(config, storage, api, http, pki, url);
      server.apiReadyJvmMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
      if (config.components().any()) {
        server.controlPlane = ControlPlane.start(config.components(), config.kubeconfig(), clock);
      }
      return server;
    } catch (Exception e) {
      if (http != null) {
        http.close();
      }
      if (api != null) {
        api.close();
      }
      storage.close();
      throw e;
    }
  }

  private static io.netty.handler.ssl.SslContext serverTls(ClusterCertificates pki) {
    try {
      return SslContextBuilder.forServer(pki.serving().key(), pki.serving().certificate(), pki.ca().certificate())
          .trustManager(pki.ca().certificate())
          .clientAuth(ClientAuth.OPTIONAL)
          .build();
    } catch (javax.net.ssl.SSLException e) {
      throw new java.io.UncheckedIOException("cannot set up TLS with the certificates in the data directory: " + e.getMessage(), e);
    }
  }

  /**
   * Opens the datastore behind a {@link WatchCache}, so every watch and most lists of the API server (and of
   * everything it runs: event TTL, compaction callers, tests reaching {@link #storage()}) are served from
   * memory. The cache owns the backend and closes it.
   */
  private static Storage openStorage(ServerConfig config, Path dataDir) throws ServerStartException {
    var datastore = config.datastore();
    try {
      if (!datastore.external()) {
        return WatchCache.start(SqliteStorage.open(dataDir.resolve("db").resolve("state.db")));
      }
      return WatchCache.start(EtcdStorage.open(datastore.etcdOptions()));
    } catch (io.kube4j.storage.StorageException.Unavailable | IllegalArgumentException e) {
      throw new ServerStartException(e.getMessage());
    }
  }

  /** The address of this machine that other machines would reach (the first non-loopback IPv4), else 127.0.0.1. */
  static String primaryAddress() {
    try {
      for (var nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
          continue;
        }
        for (var addr : java.util.Collections.list(nic.getInetAddresses())) {
          if (addr instanceof Inet4Address && !addr.isLoopbackAddress() && !addr.isLinkLocalAddress()) {
            return addr.getHostAddress();
          }
        }
      }
    } catch (java.net.SocketException e) {
      log.warn("cannot list network interfaces, advertising 127.0.0.1: {}", e.getMessage());
    }
    return "127.0.0.1";
  }

  /** Milliseconds from JVM start until {@code /readyz} turned green (before the control-plane components started). */
  public long apiReadyJvmMillis() {
    return apiReadyJvmMillis;
  }

  public String url() {
    return url;
  }

  public int port() {
    return http.localAddress().getPort();
  }

  public Path kubeconfig() {
    return config.kubeconfig();
  }

  public ApiServer api() {
    return api;
  }

  public ClusterCertificates pki() {
    return pki;
  }

  public ServerConfig config() {
    return config;
  }

  /** The store behind the API server (for tools such as backup, and for tests). */
  public Storage storage() {
    return storage;
  }

  /** Stops the components, then the API (ending its watches), then the watch cache and the datastore behind it. */
  @Override
  public void close() {
    if (controlPlane != null) {
      controlPlane.close();
    }
    http.close();
    api.close();
    storage.close();
  }

  /** A start-up failure with a message that tells the user what to do. */
  public static final class ServerStartException extends Exception {
    public ServerStartException(String message) {
      super(message);
    }
  }
}
