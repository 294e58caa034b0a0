package io.kube4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kube4j.controllers.runtime.SharedInformers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackClientTest {

  @Test
  void concurrentRequestsShareAtMostTheCappedNumberOfConnections(@TempDir Path dir) throws Exception {
    Set<String> connections = ConcurrentHashMap.newKeySet();
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/version", exchange -> {
      connections.add(exchange.getRemoteAddress().toString());
      try {
        Thread.sleep(50); // keep requests overlapping
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      var body = "{\"major\":\"1\",\"minor\":\"32\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    var url = "http://127.0.0.1:" + server.getAddress().getPort();
    var kubeconfig = dir.resolve("kubeconfig.yaml");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        current-context: x
        """.formatted(url));
    int requests = 4 * LoopbackClient.MAX_CONNECTIONS;
    try (var client = LoopbackClient.connect(kubeconfig, 30_000); var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var results = new ArrayList<Future<String>>();
      for (int i = 0; i < requests; i++) {
        results.add(executor.submit(() -> client.raw(url + "/version")));
      }
      for (var result : results) {
        assertEquals("{\"major\":\"1\",\"minor\":\"32\"}", result.get());
      }
    } finally {
      server.stop(0);
    }
    assertTrue(connections.size() <= LoopbackClient.MAX_CONNECTIONS,
        requests + " concurrent requests used " + connections.size() + " connections, more than the cap");
    assertTrue(connections.size() > 1, "the requests should have run concurrently");
  }

  @Test
  void readsObjectsWithoutManagedFieldsAndAnUpdateKeepsTheStoredOnes(@TempDir Path dir) throws Exception {
    try (var server = Kube4jServer.start(new ServerConfig(dir, "127.0.0.1", 0, "test", "10.43.0.0/16", "127.0.0.1"));
         var client = LoopbackClient.connect(server.kubeconfig(), 30_000)) {
      var configMaps = client.configMaps().inNamespace("default");
      configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().addToData("a", "1").build()).create();
      var read = configMaps.withName("settings").get();
      assertTrue(read.getMetadata().getManagedFields().isEmpty(), "managedFields decoded: " + read.getMetadata().getManagedFields());
      assertEquals("1", read.getData().get("a"));

      read.getData().put("b", "2");
      configMaps.resource(read).update();
      var stored = new ObjectMapper().readTree(client.raw(client.getMasterUrl() + "api/v1/namespaces/default/configmaps/settings"));
      var managed = stored.path("metadata").path("managedFields");
      assertEquals(1, managed.size(), "the create's entry, extended by the update, stays: " + managed);
      var owned = managed.get(0).path("fieldsV1").path("f:data");
      assertTrue(owned.has("f:a") && owned.has("f:b"), "both keys owned by the client's manager: " + managed);
      assertEquals("2", stored.path("data").path("b").asText());
    }
  }

  @Test
  void theMetadataClientsSchemalessInformersCacheOnlyMetadataFromListAndWatch(@TempDir Path dir) throws Exception {
    try (var server = Kube4jServer.start(new ServerConfig(dir, "127.0.0.1", 0, "test", "10.43.0.0/16", "127.0.0.1"));
         var client = LoopbackClient.connect(server.kubeconfig(), 30_000);
         var metadataClient = LoopbackClient.connectForMetadata(server.kubeconfig(), 30_000, "kube-controller-manager");
         var informers = new SharedInformers(client, metadataClient)) {
      var configMaps = client.configMaps().inNamespace("default");
      configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("listed").addToLabels("seen", "list").endMetadata()
          .addToData("secret-ish", "listed value").build()).create();
      var informer = informers.forResource(new ResourceDefinitionContext.Builder().withVersion("v1").withPlural("configmaps")
          .withKind("ConfigMap").withNamespaced(true).build());
      informers.start(Duration.ofSeconds(30));
      var fromList = informer.getStore().getByKey("default/listed");
      assertEquals("list", fromList.getMetadata().getLabels().get("seen"));
      assertFalse(fromList.getAdditionalProperties().containsKey("data"), "listed beyond its metadata: " + fromList.getAdditionalProperties());

      configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("watched").addToLabels("seen", "watch").endMetadata()
          .addToData("secret-ish", "watched value").build()).create();
      configMaps.withName("listed").edit(c -> new ConfigMapBuilder(c).editMetadata().addToLabels("edited", "yes").endMetadata().build());
      var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      GenericKubernetesResource listed;
      GenericKubernetesResource watched;
      do {
        Thread.sleep(20);
        listed = informer.getStore().getByKey("default/listed");
        watched = informer.getStore().getByKey("default/watched");
      } while ((watched == null || listed == null || !listed.getMetadata().getLabels().containsKey("edited")) && System.nanoTime() < deadline);

      assertEquals("watch", watched.getMetadata().getLabels().get("seen"), "the watch delivered the new object");
      assertEquals("yes", listed.getMetadata().getLabels().get("edited"), "the watch delivered the update");
      for (var cached : List.of(listed, watched)) {
        assertFalse(cached.getAdditionalProperties().containsKey("data"), "cached beyond its metadata: " + cached.getAdditionalProperties());
        assertEquals("PartialObjectMetadata", cached.getKind());
        assertFalse(cached.getMetadata().getUid().isEmpty());
      }
      assertEquals("listed value", configMaps.withName("listed").get().getData().get("secret-ish"), "the other client reads whole objects");
    }
  }
}

