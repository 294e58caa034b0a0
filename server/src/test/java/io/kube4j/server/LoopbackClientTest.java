package io.kube4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
}
