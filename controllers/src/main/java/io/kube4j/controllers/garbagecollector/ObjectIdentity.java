package io.kube4j.controllers.garbagecollector;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Objects;

/**
 * Who an object is, as the garbage collector names it: the coordinates an owner reference carries
 * (apiVersion, kind, name, uid) plus the namespace, empty for cluster-scoped objects (upstream's
 * {@code objectReference}).
 */
record ObjectIdentity(String apiVersion, String kind, String namespace, String name, String uid) {

  public ObjectIdentity {
    namespace = namespace == null ? "" : namespace;
  }

  /** The owner {@code ref} names, assumed to live in {@code namespace} (the dependent's namespace). */
  public static ObjectIdentity ofOwner(OwnerReference ref, String namespace) {
    return new ObjectIdentity(ref.getApiVersion(), ref.getKind(), namespace, ref.getName(), ref.getUid());
  }

  public boolean namespaced() {
    return !namespace.isEmpty();
  }

  /** Whether {@code ref} points at this object by apiVersion, kind, name and uid. */
  public boolean matches(OwnerReference ref) {
    return Objects.equals(apiVersion, ref.getApiVersion()) && Objects.equals(kind, ref.getKind())
        && Objects.equals(name, ref.getName()) && Objects.equals(uid, ref.getUid());
  }

  public ObjectIdentity inNamespace(String otherNamespace) {
    return new ObjectIdentity(apiVersion, kind, otherNamespace, name, uid);
  }

  @Override
  public String toString() {
    return apiVersion + "/" + kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " (uid " + uid + ")";
  }
}
