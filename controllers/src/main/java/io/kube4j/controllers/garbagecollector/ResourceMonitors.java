package io.kube4j.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kube4j.controllers.runtime.SharedInformers;

/** Starts and stops watching one resource type, feeding every object seen into a dependency graph. */
interface ResourceMonitors {

  void watch(ResourceType type, DependencyGraph graph);

  void unwatch(ResourceType type);

  /**
   * Monitors backed by the controller manager's shared informers: the typed one a controller already
   * keeps for a resource (pods, ReplicaSets, ...), a schemaless one for every other resource.
   */
  static ResourceMonitors of(SharedInformers informers) {
    return new ResourceMonitors() {
      @Override
      public void watch(ResourceType type, DependencyGraph graph) {
        // The graph identifies objects by the resource watched, as upstream does: list items may omit apiVersion/kind.
        var apiVersion = type.apiVersion();
        var kind = type.kind();
        informers.anyFor(type.context()).addEventHandler(new ResourceEventHandler<HasMetadata>() {
          @Override
          public void onAdd(HasMetadata object) {
            graph.observe(apiVersion, kind, null, object.getMetadata());
          }

          @Override
          public void onUpdate(HasMetadata old, HasMetadata object) {
            graph.observe(apiVersion, kind, old.getMetadata(), object.getMetadata());
          }

          @Override
          public void onDelete(HasMetadata object, boolean finalStateUnknown) {
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
