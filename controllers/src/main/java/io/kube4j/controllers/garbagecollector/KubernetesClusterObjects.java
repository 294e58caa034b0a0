package io.kube4j.controllers.garbagecollector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kube4j.controllers.runtime.EventRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@link ClusterObjects} over a fabric8 client: schemaless requests, so any kind discovery lists works. */
final class KubernetesClusterObjects implements ClusterObjects {

  /** Upstream's garbage collector ignores events: they are never owners worth tracking and churn fast. */
  private static final Set<String> IGNORED = Set.of("/events", "events.k8s.io/events");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final EventRecorder events;

  KubernetesClusterObjects(KubernetesClient client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  @Override
  public ResourceCatalog discover() {
    var served = new ArrayList<ResourceType>();
    var collectable = new ArrayList<ResourceType>();
    addGroupVersion("v1", true, served, collectable);
    for (var group : client.getApiGroups().getGroups()) {
      var preferred = group.getPreferredVersion() == null ? null : group.getPreferredVersion().getGroupVersion();
      if (preferred != null) {
        addGroupVersion(preferred, true, served, collectable);
      }
      for (var version : group.getVersions()) {
        if (!version.getGroupVersion().equals(preferred)) {
          addGroupVersion(version.getGroupVersion(), false, served, collectable);
        }
      }
    }
    return new ResourceCatalog(served, collectable);
  }

  private void addGroupVersion(String groupVersion, boolean preferred, List<ResourceType> served, List<ResourceType> collectable) {
    var list = client.getApiResources(groupVersion);
    if (list == null) {
      return;
    }
    var slash = groupVersion.indexOf('/');
    var group = slash < 0 ? "" : groupVersion.substring(0, slash);
    var version = slash < 0 ? groupVersion : groupVersion.substring(slash + 1);
    for (var r : list.getResources()) {
      if (r.getName().contains("/")) {
        continue; // a subresource
      }
      var type = new ResourceType(group, version, r.getName(), r.getKind(), Boolean.TRUE.equals(r.getNamespaced()));
      served.add(type);
      var verbs = r.getVerbs() == null ? List.<String>of() : r.getVerbs();
      if (preferred && verbs.containsAll(List.of("list", "watch", "delete")) && !IGNORED.contains(group + "/" + r.getName())) {
        collectable.add(type);
      }
    }
  }

  @Override
  public ObjectMeta get(ResourceType type, String namespace, String name) {
    var resources = client.genericKubernetesResources(type.context());
    GenericKubernetesResource object = type.namespaced()
        ? resources.inNamespace(namespace).withName(name).get()
        : resources.withName(name).get();
    return object == null ? null : object.getMetadata();
  }

  @Override
  public void delete(ResourceType type, String namespace, String name, String uid, String resourceVersion, String propagationPolicy) {
    // fabric8's delete sends no uid precondition, so the DeleteOptions are written here.
    var options = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "DeleteOptions")
        .put("propagationPolicy", propagationPolicy);
    var preconditions = options.putObject("preconditions").put("uid", uid);
    if (resourceVersion != null) {
      preconditions.put("resourceVersion", resourceVersion);
    }
    client.raw(type.path(namespace, name), "DELETE", options.toString());
  }

  @Override
  public void patch(ResourceType type, String namespace, String name, String mergePatch) {
    var resources = client.genericKubernetesResources(type.context());
    var patchContext = PatchContext.of(PatchType.JSON_MERGE);
    if (type.namespaced()) {
      resources.inNamespace(namespace).withName(name).patch(patchContext, mergePatch);
    } else {
      resources.withName(name).patch(patchContext, mergePatch);
    }
  }

  @Override
  public void warn(ObjectIdentity object, String reason, String message) {
    var about = new GenericKubernetesResource();
    about.setApiVersion(object.apiVersion());
    about.setKind(object.kind());
    var meta = new ObjectMeta();
    meta.setNamespace(object.namespaced() ? object.namespace() : null);
    meta.setName(object.name());
    meta.setUid(object.uid());
    about.setMetadata(meta);
    events.event(about, EventRecorder.WARNING, reason, message);
  }
}
