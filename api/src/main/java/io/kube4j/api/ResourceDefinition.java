package io.kube4j.api;

import java.util.List;
import java.util.Set;

/**
 * What discovery says about one served resource, and how it is stored.
 *
 * @param group API group, empty for core
 * @param versions served versions, preferred first
 * @param storageVersion the version objects are stored in (all served versions convert to and from it)
 * @param resource plural lower-case name used in URLs, e.g. {@code deployments}
 * @param singular singular lower-case name, e.g. {@code deployment}
 * @param kind the kind, e.g. {@code Deployment}
 * @param listKind the list kind, e.g. {@code DeploymentList}
 * @param namespaced whether objects live in a namespace
 * @param shortNames kubectl short names, e.g. {@code deploy}
 * @param categories discovery categories, e.g. {@code all}
 * @param verbs the verbs discovery advertises
 * @param subresources subresource names served, e.g. {@code status}, {@code scale}
 * @param keyPrefix the storage key prefix of all objects, e.g. {@code /registry/deployments/}; resources that
 *     share storage (core and events.k8s.io events) share it
 */
public record ResourceDefinition(
    String group,
    List<String> versions,
    String storageVersion,
    String resource,
    String singular,
    String kind,
    String listKind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> verbs,
    Set<String> subresources,
    String keyPrefix) {

  public static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public GroupVersionKind storageKind() {
    return new GroupVersionKind(group, storageVersion, kind);
  }

  public GroupVersionKind kindIn(String version) {
    return new GroupVersionKind(group, version, kind);
  }

  public GroupVersionResource resourceIn(String version) {
    return new GroupVersionResource(group, version, resource);
  }

  public String preferredVersion() {
    return versions.getFirst();
  }

  public boolean hasSubresource(String name) {
    return subresources.contains(name);
  }

  /** The storage key of one object; {@code namespace} is ignored for cluster-scoped resources. */
  public String key(String namespace, String name) {
    return namespaced ? keyPrefix + namespace + "/" + name : keyPrefix + name;
  }

  /** The storage key prefix of a namespace's objects, or of all objects when {@code namespace} is empty. */
  public String prefix(String namespace) {
    return namespaced && namespace != null && !namespace.isEmpty() ? keyPrefix + namespace + "/" : keyPrefix;
  }
}
