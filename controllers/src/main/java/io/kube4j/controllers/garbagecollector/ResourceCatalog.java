package io.kube4j.controllers.garbagecollector;

import java.util.List;
import java.util.Optional;

/**
 * What discovery said the API server serves: every resource of every version (to map an owner
 * reference's apiVersion and kind to a URL, as upstream's REST mapper), and the preferred-version
 * resources that support list, watch and delete, which the garbage collector watches (events excepted).
 */
record ResourceCatalog(List<ResourceType> served, List<ResourceType> collectable) {

  public ResourceCatalog {
    served = List.copyOf(served);
    collectable = List.copyOf(collectable);
  }

  /**
   * The resource holding {@code kind} objects of {@code apiVersion}'s group: the one served at that
   * version if there is one, else the group's first (preferred) one, as a REST mapper falls back.
   */
  public Optional<ResourceType> resolve(String apiVersion, String kind) {
    var group = ResourceType.groupOf(apiVersion);
    ResourceType fallback = null;
    for (var type : served) {
      if (type.group().equals(group) && type.kind().equals(kind)) {
        if (type.apiVersion().equals(apiVersion)) {
          return Optional.of(type);
        }
        if (fallback == null) {
          fallback = type;
        }
      }
    }
    return Optional.ofNullable(fallback);
  }
}
