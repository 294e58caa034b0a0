package io.kube4j.controllers.garbagecollector;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** One API resource as discovery lists it: where it is served, which kind it holds, and its scope. */
record ResourceType(String group, String version, String plural, String kind, boolean namespaced) {

  /** {@code version} for the core group, {@code group/version} otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The URL path of one object, e.g. {@code /apis/apps/v1/namespaces/ns/deployments/web}. */
  public String path(String namespace, String name) {
    var prefix = group.isEmpty() ? "/api/v1" : "/apis/" + group + "/" + version;
    return prefix + (namespaced ? "/namespaces/" + namespace : "") + "/" + plural + "/" + name;
  }

  public ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withPlural(plural).withKind(kind)
        .withNamespaced(namespaced).build();
  }

  /** The group of an apiVersion: empty for {@code v1}, {@code apps} for {@code apps/v1}. */
  static String groupOf(String apiVersion) {
    var slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
