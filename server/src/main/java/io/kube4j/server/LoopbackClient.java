package io.kube4j.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fabric8 client the control-plane components in this process use to reach their own server.
 *
 * <p>Its JSON mapper does not canonicalize field names. Jackson's default keeps one table of every field
 * name it has seen and gives each parser a copy of it as soon as the parser meets a new name; a cluster's
 * objects carry an endless supply of new names (the managed-fields keys of pod IPs and owner uids,
 * {@code k:{"ip":"10.42.3.7"}}), so every decoded event copied the whole table: a quarter of all memory
 * allocated by a 5,000-node scheduler benchmark.
 *
 * <p>Its connection pool is capped. Unbounded (fabric8's default is 8,192 connections), every burst of
 * concurrent bindings and status writes opened new TLS connections, and their handshakes cost more than
 * the requests waiting a moment for a free connection; a 2-core server gains nothing from more requests
 * in flight than this. Watches are WebSockets and do not count against the pool.
 */
public final class LoopbackClient {

  static final int MAX_CONNECTIONS = 64;

  private LoopbackClient() {}

  /** A client for the admin kubeconfig at {@code kubeconfig}, with the given request timeout. */
  public static KubernetesClient connect(Path kubeconfig, int requestTimeoutMillis) throws IOException {
    var config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setRequestTimeout(requestTimeoutMillis);
    // the scheduler and simulated nodes keep many requests in flight (bindings, status writes)
    config.setMaxConcurrentRequests(256);
    config.setMaxConcurrentRequestsPerHost(256);
    var mapper = new JsonMapper(JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build());
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new PooledFactory())
        .withKubernetesSerialization(new KubernetesSerialization(mapper, true)).build();
  }

  private static final class PooledFactory extends VertxHttpClientFactory {
    @Override
    protected void additionalConfig(WebClientOptions options) {
      options.setMaxPoolSize(MAX_CONNECTIONS);
    }
  }
}
