package io.kube4j.tools.schemagen;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a fabric8 model class to the upstream OpenAPI definition name it was generated from, e.g.
 * {@code io.fabric8.kubernetes.api.model.Container} to {@code io.k8s.api.core.v1.Container}.
 *
 * <p>fabric8 keeps one Java package per API group-version, except that the core package also holds the
 * apimachinery types (meta/v1, resource, intstr); those are listed by name here.
 */
final class DefinitionNames {

  static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  static final String EXTENSIONS = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";

  private static final String F8 = "io.fabric8.kubernetes.api.model";

  /** fabric8 package to upstream definition prefix. */
  private static final Map<String, String> PACKAGES = Map.ofEntries(
      Map.entry(F8, "io.k8s.api.core.v1."),
      Map.entry(F8 + ".apps", "io.k8s.api.apps.v1."),
      Map.entry(F8 + ".batch.v1", "io.k8s.api.batch.v1."),
      Map.entry(F8 + ".networking.v1", "io.k8s.api.networking.v1."),
      Map.entry(F8 + ".rbac", "io.k8s.api.rbac.v1."),
      Map.entry(F8 + ".storage", "io.k8s.api.storage.v1."),
      Map.entry(F8 + ".autoscaling.v1", "io.k8s.api.autoscaling.v1."),
      Map.entry(F8 + ".autoscaling.v2", "io.k8s.api.autoscaling.v2."),
      Map.entry(F8 + ".policy.v1", "io.k8s.api.policy.v1."),
      Map.entry(F8 + ".scheduling.v1", "io.k8s.api.scheduling.v1."),
      Map.entry(F8 + ".coordination.v1", "io.k8s.api.coordination.v1."),
      Map.entry(F8 + ".discovery.v1", "io.k8s.api.discovery.v1."),
      Map.entry(F8 + ".events.v1", "io.k8s.api.events.v1."),
      Map.entry(F8 + ".node.v1", "io.k8s.api.node.v1."),
      Map.entry(F8 + ".authentication", "io.k8s.api.authentication.v1."),
      Map.entry(F8 + ".authorization.v1", "io.k8s.api.authorization.v1."),
      Map.entry(F8 + ".apiextensions.v1", EXTENSIONS),
      Map.entry(F8 + ".runtime", "io.k8s.apimachinery.pkg.runtime."));

  /** Classes of fabric8's core package that are apimachinery meta/v1 types. */
  private static final Set<String> META_CLASSES = Set.of(
      "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "CreateOptions",
      "DeleteOptions", "Duration", "FieldSelectorRequirement", "FieldsV1", "GetOptions", "GroupKind",
      "GroupVersionForDiscovery", "GroupVersionKind", "GroupVersionResource", "LabelSelector",
      "LabelSelectorRequirement", "ListMeta", "ListOptions", "ManagedFieldsEntry", "MicroTime", "ObjectMeta",
      "OwnerReference", "Patch", "PatchOptions", "Preconditions", "RootPaths", "ServerAddressByClientCIDR", "Status",
      "StatusCause", "StatusDetails", "UpdateOptions", "WatchEvent");

  private static final Map<String, String> OTHER_CORE_CLASSES = Map.of(
      "Quantity", "io.k8s.apimachinery.pkg.api.resource.Quantity",
      "IntOrString", "io.k8s.apimachinery.pkg.util.intstr.IntOrString");

  /** Packages whose classes are apimachinery or apiextensions types without a fabric8 class of their own. */
  static final List<String> SERVED_PACKAGES = List.copyOf(PACKAGES.keySet());

  private DefinitionNames() {}

  /** The upstream definition name, or null when the class is not a model type of a served package. */
  static String of(Class<?> type) {
    String prefix = PACKAGES.get(type.getPackageName());
    if (prefix == null) {
      return null;
    }
    String simple = type.getSimpleName();
    if (type.getPackageName().equals(F8)) {
      if (META_CLASSES.contains(simple)) {
        return META + simple;
      }
      String other = OTHER_CORE_CLASSES.get(simple);
      if (other != null) {
        return other;
      }
    }
    return prefix + simple;
  }
}
