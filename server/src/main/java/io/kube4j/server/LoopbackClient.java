package io.kube4j.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.kube4j.controllers.runtime.MetadataOnlyRequests;
import io.kube4j.controllers.runtime.SharedInformers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The fabric8 client the control-plane components in this process use to reach their own server.
 *
 * <p>Its JSON mapper does not canonicalize field names. Jackson's default keeps one table of every field
 * name it has seen and gives each parser a copy of it as soon as the parser meets a new name; a cluster's
 * objects carry an endless supply of new names (the managed-fields keys of pod IPs and owner uids,
 * {@code k:{"ip":"10.42.3.7"}}), so every decoded event copied the whole table: a quarter of all memory
 * allocated by a 5,000-node scheduler benchmark.
 *
 * <p>It reads objects without {@code metadata.managedFields}, as kube-controller-manager and kube-scheduler
 * drop them from their informer caches (kubernetes#118455, #119556): no component here reads them, and
 * in a pod cache they were most of the objects' maps (a pod bound and reported Running carries three
 * managers' field sets). Jackson skips the field instead of building it. Writing such an object back is
 * safe: an update without managedFields keeps the stored ones, as upstream.
 *
 * <p>Its connection pool is capped at {@value #MAX_CONNECTIONS} connections; requests beyond that wait for
 * a free one. Unbounded (fabric8's default is 8,192), every burst of concurrent creates, bindings and status
 * writes opened new TLS connections: a cold 1,000-replica Deployment opened about 550, and their
 * handshakes cost more than the requests waiting a moment. A 2-core server gains nothing from more
 * requests in flight than this. Watches are WebSockets and do not count against the pool.
 *
 * <p>fabric8's Vert.x builder offers {@code VertxHttpClientFactory.additionalConfig} for such settings but
 * never calls it (fabric8io/kubernetes-client#7252), and it builds its options itself. What it does call
 * is {@code Vertx.createHttpClient(options)} on the Vert.x instance it is given, so the factory here gets
 * a view of one shared Vert.x that sets the pool size on the way through and passes every other call on.
 */
public final class LoopbackClient {

  static final int MAX_CONNECTIONS = 64;

  private LoopbackClient() {}

  /** A client for the admin kubeconfig at {@code kubeconfig}, with the given request timeout and fabric8's user agent. */
  public static KubernetesClient connect(Path kubeconfig, int requestTimeoutMillis) throws IOException {
    return connect(kubeconfig, requestTimeoutMillis, null);
  }

  /**
   * A client that introduces itself as {@code component} ({@code kube-scheduler/v1.32.0+kube4j-… (linux/amd64)
   * kube4j}), as upstream's components do: the API server names the managedFields entries of its writes after
   * the user agent's first word, so a pod's managers read {@code kube-controller-manager}, {@code kube-scheduler}
   * and {@code kubelet} as on any cluster. {@code null} keeps fabric8's user agent.
   */
  public static KubernetesClient connect(Path kubeconfig, int requestTimeoutMillis, String component) throws IOException {
    return connect(kubeconfig, requestTimeoutMillis, component, false);
  }

  /**
   * As {@link #connect(Path, int, String)}, for the schemaless informers of {@link SharedInformers}: its lists and
   * watches ask for metadata only ({@link MetadataOnlyRequests}), so those informers cache just that.
   */
  public static KubernetesClient connectForMetadata(Path kubeconfig, int requestTimeoutMillis, String component) throws IOException {
    return connect(kubeconfig, requestTimeoutMillis, component, true);
  }

  private static KubernetesClient connect(Path kubeconfig, int requestTimeoutMillis, String component, boolean metadataOnly)
      throws IOException {
    var config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setRequestTimeout(requestTimeoutMillis);
    if (component != null) {
      config.setUserAgent(component + "/" + Version.gitVersion() + " (" + System.getProperty("os.name").toLowerCase(Locale.ROOT)
          + "/" + System.getProperty("os.arch") + ") kube4j");
    }
    var mapper = new JsonMapper(JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build());
    mapper.addMixIn(ObjectMeta.class, WithoutManagedFields.class);
    var builder = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new VertxHttpClientFactory(PooledVertx.INSTANCE))
        .withKubernetesSerialization(new KubernetesSerialization(mapper, true));
    if (metadataOnly) {
      builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(MetadataOnlyRequests.NAME, new MetadataOnlyRequests()));
    }
    return builder.build();
  }

  /** Leaves {@code managedFields} out of every {@link ObjectMeta} read (and written: never set by this client). */
  @JsonIgnoreProperties("managedFields")
  private interface WithoutManagedFields {
  }

  /** One Vert.x (event-loop threads are daemons) for every loopback client of this JVM; closing a client leaves it running. */
  private static final class PooledVertx implements InvocationHandler {
    static final Vertx INSTANCE = (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class},
        new PooledVertx(Vertx.vertx(new VertxOptions().setUseDaemonThread(true)
            .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)))));

    private final Vertx vertx;

    private PooledVertx(Vertx vertx) {
      this.vertx = vertx;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "createHttpClient" -> {
          if (args != null && args.length > 0 && args[0] instanceof HttpClientOptions options) {
            options.setMaxPoolSize(MAX_CONNECTIONS);
          }
        }
        case "close" -> {
          return Future.succeededFuture(); // shared by every loopback client
        }
        default -> { }
      }
      try {
        return method.invoke(vertx, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
