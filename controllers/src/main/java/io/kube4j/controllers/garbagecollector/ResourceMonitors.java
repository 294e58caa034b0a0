package io.kube4j.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kube4j.controllers.runtime.SharedInformers;

/** Starts and stops watching one resource type, feeding every object seen into a dependency graph. */
interface ResourceMonitors {

  void watch(ResourceType type, DependencyGraph graph);

  void unwatch(ResourceType type);

  /** Monitors backed by the controller manager's shared schemaless informers. */
  static ResourceMonitors of(SharedInformers informers) {
    return new ResourceMonitors() {
      @Override
      public void watch(ResourceType type, DependencyGraph graph) {
        // The graph identifies objects by the resource watched, as upstream does: list items may omit apiVersion/kind.
        var apiVersion = type.apiVersion();
        var kind = type.kind();
        informers.forResource(type.context()).addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
          @Override
          public void onAdd(GenericKubernetesResource object) {
            graph.observe(apiVersion, kind, null, object.getMetadata());
          }

          @Override
          public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource object) {
            graph.observe(apiVersion, kind, old.getMetadata(), object.getMetadata());
          }

          @Override
          public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            graph.observeDeletion(apiVersion, kind, object.getMetadata());
          }
        });
      }

      @Override
      public void unwatch(ResourceType type) {
        informers.removeResource(type.context());
      }
    };
  }
}
