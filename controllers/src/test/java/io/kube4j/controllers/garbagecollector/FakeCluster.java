package io.kube4j.controllers.garbagecollector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory API server for the garbage collector: objects are metadata only, deletions honour
 * preconditions and add the orphan/foreground finalizers as the real one does, a patch conditioned on
 * a stale resourceVersion conflicts, and removing the last finalizer of a deleted object removes it.
 * Every change is reported to the graph at once, as instantaneous informers would.
 */
final class FakeCluster implements ClusterObjects {

  static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "configmaps", "ConfigMap", true);
  static final ResourceType WIDGETS = new ResourceType("example.com", "v1", "widgets", "Widget", false);
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Key(String plural, String namespace, String name) {}

  private record Stored(ResourceType type, ObjectMeta meta) {}

  private final Map<Key, Stored> objects = new LinkedHashMap<>();
  final List<String> log = new ArrayList<>();
  private DependencyGraph graph;
  private long revision = 1;
  /** Objects the informers have not reported yet, by name: their writes are not fed to the graph. */
  final java.util.Set<String> unobserved = new java.util.HashSet<>();

  void connect(DependencyGraph graph) {
    this.graph = graph;
  }

  // ---- test-side writes

  synchronized ObjectMeta create(ResourceType type, ObjectMeta meta) {
    var stored = new ObjectMetaBuilder(meta).withResourceVersion(String.valueOf(++revision)).build();
    objects.put(key(type, stored), new Stored(type, stored));
    notifyGraph(type, null, stored);
    return stored;
  }

  /** The object as stored, or {@code null}. */
  synchronized ObjectMeta stored(ResourceType type, String namespace, String name) {
    var s = objects.get(new Key(type.plural(), type.namespaced() ? namespace : "", name));
    return s == null ? null : s.meta();
  }

  // ---- ClusterObjects

  /** What discovery answers; tests change it to add or remove resources. */
  volatile List<ResourceType> served = List.of(CONFIG_MAPS, WIDGETS);

  @Override
  public ResourceCatalog discover() {
    return new ResourceCatalog(served, served);
  }

  @Override
  public synchronized ObjectMeta get(ResourceType type, String namespace, String name) {
    var s = objects.get(new Key(type.plural(), namespace, name));
    return s == null ? null : new ObjectMetaBuilder(s.meta()).build();
  }

  @Override
  public synchronized void delete(ResourceType type, String namespace, String name, String uid, String resourceVersion,
      String propagationPolicy) {
    var key = new Key(type.plural(), namespace, name);
    var s = objects.get(key);
    if (s == null) {
      throw failure(404, "not found");
    }
    if (!s.meta().getUid().equals(uid) || (resourceVersion != null && !resourceVersion.equals(s.meta().getResourceVersion()))) {
      throw failure(409, "precondition failed");
    }
    log.add("delete " + type.plural() + " " + name + " " + propagationPolicy);
    var finalizers = new ArrayList<>(s.meta().getFinalizers() == null ? List.<String>of() : s.meta().getFinalizers());
    switch (propagationPolicy) {
      case "Orphan" -> {
        finalizers.remove("foregroundDeletion");
        if (!finalizers.contains("orphan")) {
          finalizers.add("orphan");
        }
      }
      case "Foreground" -> {
        finalizers.remove("orphan");
        if (!finalizers.contains("foregroundDeletion")) {
          finalizers.add("foregroundDeletion");
        }
      }
      default -> {
        finalizers.remove("orphan");
        finalizers.remove("foregroundDeletion");
      }
    }
    if (finalizers.isEmpty()) {
      objects.remove(key);
      if (!unobserved.contains(name)) {
        graph.observeDeletion(type.apiVersion(), type.kind(), s.meta());
      }
      return;
    }
    var marked = new ObjectMetaBuilder(s.meta()).withFinalizers(finalizers).withDeletionTimestamp("2026-01-01T00:00:00Z")
        .withResourceVersion(String.valueOf(++revision)).build();
    objects.put(key, new Stored(type, marked));
    notifyGraph(type, s.meta(), marked);
  }

  @Override
  public synchronized void patch(ResourceType type, String namespace, String name, String mergePatch) {
    var key = new Key(type.plural(), namespace, name);
    var s = objects.get(key);
    if (s == null) {
      throw failure(404, "not found");
    }
    JsonNode patch;
    try {
      patch = JSON.readTree(mergePatch).path("metadata");
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
    if (patch.has("resourceVersion") && !patch.get("resourceVersion").asText().equals(s.meta().getResourceVersion())) {
      throw failure(409, "the object has been modified");
    }
    var builder = new ObjectMetaBuilder(s.meta()).withResourceVersion(String.valueOf(++revision));
    if (patch.has("ownerReferences")) {
      var refs = new ArrayList<OwnerReference>();
      patch.get("ownerReferences").forEach(r -> refs.add(JSON.convertValue(r, OwnerReference.class)));
      builder.withOwnerReferences(refs);
      log.add("patch " + type.plural() + " " + name + " ownerReferences=" + refs.stream()
          .map(r -> r.getUid() + (Boolean.TRUE.equals(r.getBlockOwnerDeletion()) ? "" : "(non-blocking)")).toList());
    }
    if (patch.has("finalizers")) {
      var finalizers = new ArrayList<String>();
      patch.get("finalizers").forEach(f -> finalizers.add(f.asText()));
      builder.withFinalizers(finalizers);
      log.add("patch " + type.plural() + " " + name + " finalizers=" + finalizers);
    }
    var patched = builder.build();
    if (patched.getDeletionTimestamp() != null && (patched.getFinalizers() == null || patched.getFinalizers().isEmpty())) {
      objects.remove(key);
      graph.observeDeletion(type.apiVersion(), type.kind(), patched);
      return;
    }
    objects.put(key, new Stored(type, patched));
    notifyGraph(type, s.meta(), patched);
  }

  @Override
  public synchronized void warn(ObjectIdentity object, String reason, String message) {
    log.add("warn " + object.name() + " " + reason);
  }

  private void notifyGraph(ResourceType type, ObjectMeta old, ObjectMeta meta) {
    if (graph != null && !unobserved.contains(meta.getName())) {
      graph.observe(type.apiVersion(), type.kind(), old, meta);
    }
  }

  private static Key key(ResourceType type, ObjectMeta meta) {
    return new Key(type.plural(), type.namespaced() ? meta.getNamespace() : "", meta.getName());
  }

  private static KubernetesClientException failure(int code, String message) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
  }
}
