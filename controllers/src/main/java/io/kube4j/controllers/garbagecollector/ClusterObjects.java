package io.kube4j.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The API server as the garbage collector uses it: discovery, live reads of object metadata,
 * deletions with preconditions, JSON merge patches of metadata, and warning events. Failures are
 * {@link KubernetesClientException}s carrying the HTTP status (404 not found, 409 conflict), as the
 * fabric8 client reports them.
 */
interface ClusterObjects {

  /** Asks discovery what the API server serves now. */
  ResourceCatalog discover();

  /** The live object's metadata, or {@code null} when there is no such object. */
  ObjectMeta get(ResourceType type, String namespace, String name);

  /**
   * Deletes the object if it still has {@code uid} (and {@code resourceVersion}, unless that is
   * {@code null}), with the given propagation policy.
   */
  void delete(ResourceType type, String namespace, String name, String uid, String resourceVersion, String propagationPolicy);

  /** Applies a JSON merge patch ({@code {"metadata": ...}}) to the object. */
  void patch(ResourceType type, String namespace, String name, String mergePatch);

  /** Records a Warning event about {@code object}. */
  void warn(ObjectIdentity object, String reason, String message);
}
