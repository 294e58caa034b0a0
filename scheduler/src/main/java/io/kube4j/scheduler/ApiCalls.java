package io.kube4j.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

/**
 * The few writes the scheduler and node lifecycle controller make, sent asynchronously through the
 * fabric8 client's own HTTP client (so its TLS and credentials apply) with plain JSON bodies:
 * pod bindings, pod status patches, node patches, events.
 */
public final class ApiCalls {

  static final ObjectMapper JSON = new ObjectMapper();
  public static final String STRATEGIC = "application/strategic-merge-patch+json";
  public static final String MERGE = "application/merge-patch+json";

  private final KubernetesClient client;
  private final String base;

  public ApiCalls(KubernetesClient client) {
    this.client = client;
    var url = client.getMasterUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public CompletableFuture<HttpResponse<String>> post(String path, ObjectNode body) {
    var request = client.getHttpClient().newHttpRequestBuilder().uri(base + path)
        .post("application/json", body.toString()).build();
    return client.getHttpClient().sendAsync(request, String.class);
  }

  public CompletableFuture<HttpResponse<String>> patch(String path, String contentType, ObjectNode body) {
    var request = client.getHttpClient().newHttpRequestBuilder().uri(base + path)
        .patch(contentType, body.toString()).build();
    return client.getHttpClient().sendAsync(request, String.class);
  }

  public CompletableFuture<HttpResponse<String>> delete(String path) {
    var request = client.getHttpClient().newHttpRequestBuilder().uri(base + path).delete("application/json", "{}").build();
    return client.getHttpClient().sendAsync(request, String.class);
  }

  /** {@code POST /api/v1/namespaces/NS/pods/NAME/binding}. */
  public CompletableFuture<HttpResponse<String>> bind(String namespace, String pod, String node) {
    var body = object().put("apiVersion", "v1").put("kind", "Binding");
    body.putObject("metadata").put("name", pod).put("namespace", namespace);
    body.putObject("target").put("apiVersion", "v1").put("kind", "Node").put("name", node);
    return post("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/binding", body);
  }

  /** Records a core/v1 Event about a pod, as the scheduler's event recorder does. */
  public CompletableFuture<HttpResponse<String>> podEvent(String namespace, String pod, String uid, String type, String reason,
      String message, String component) {
    var name = pod + "." + Long.toHexString(System.nanoTime()) + Long.toHexString(Thread.currentThread().threadId());
    return post("/api/v1/namespaces/" + namespace + "/events", podEventBody(namespace, name, pod, uid, type, reason, message, component, now()));
  }

  /** A new core/v1 Event object {@code name} about a pod, seen once at {@code timestamp}. */
  static ObjectNode podEventBody(String namespace, String name, String pod, String uid, String type, String reason, String message,
      String component, String timestamp) {
    var body = object().put("apiVersion", "v1").put("kind", "Event");
    body.putObject("metadata").put("name", name).put("namespace", namespace);
    body.putObject("involvedObject").put("apiVersion", "v1").put("kind", "Pod").put("namespace", namespace).put("name", pod).put("uid", uid);
    body.put("reason", reason).put("message", message).put("type", type)
        .put("firstTimestamp", timestamp).put("lastTimestamp", timestamp).put("count", 1)
        .put("reportingComponent", component).put("reportingInstance", component);
    body.putObject("source").put("component", component);
    return body;
  }
}
