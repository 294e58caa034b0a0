package io.kube4j.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The built-in resources kube4j serves, with the group, versions, scope, short names, categories and
 * subresources of a Kubernetes 1.32 API server.
 */
public final class BuiltinResources {

  private static final List<String> ALL = ResourceDefinition.ALL_VERBS;
  private static final List<String> CREATE_ONLY = List.of("create");
  private static final List<String> READ_ONLY = List.of("get", "list");

  private final List<ResourceDefinition> resources;

  private BuiltinResources(List<ResourceDefinition> resources) {
    this.resources = Collections.unmodifiableList(resources);
  }

  /** All built-in resources, grouped and ordered as discovery lists them. */
  public static List<ResourceDefinition> all() {
    return CATALOG.resources;
  }

  private static final BuiltinResources CATALOG = build();

  private static BuiltinResources build() {
    var r = new ArrayList<ResourceDefinition>();
    // core/v1
    r.add(ns("", "bindings", "Binding", List.of(), List.of(), CREATE_ONLY));
    r.add(cluster("", "componentstatuses", "ComponentStatus", List.of("cs"), List.of(), READ_ONLY));
    r.add(ns("", "configmaps", "ConfigMap", List.of("cm"), List.of(), ALL));
    r.add(ns("", "endpoints", "Endpoints", List.of("ep"), List.of(), ALL));
    r.add(ns("", "events", "Event", List.of("ev"), List.of(), ALL));
    r.add(ns("", "limitranges", "LimitRange", List.of("limits"), List.of(), ALL));
    r.add(cluster("", "namespaces", "Namespace", List.of("ns"), List.of(), List.of("create", "delete", "get", "list", "patch", "update", "watch"), "status", "finalize"));
    r.add(cluster("", "nodes", "Node", List.of("no"), List.of(), ALL, "status", "proxy"));
    r.add(ns("", "persistentvolumeclaims", "PersistentVolumeClaim", List.of("pvc"), List.of(), ALL, "status"));
    r.add(cluster("", "persistentvolumes", "PersistentVolume", List.of("pv"), List.of(), ALL, "status"));
    r.add(ns("", "pods", "Pod", List.of("po"), List.of("all"), ALL,
        "status", "binding", "eviction", "log", "exec", "attach", "portforward", "proxy", "ephemeralcontainers", "resize"));
    r.add(ns("", "podtemplates", "PodTemplate", List.of(), List.of(), ALL));
    r.add(ns("", "replicationcontrollers", "ReplicationController", List.of("rc"), List.of("all"), ALL, "status", "scale"));
    r.add(ns("", "resourcequotas", "ResourceQuota", List.of("quota"), List.of(), ALL, "status"));
    r.add(ns("", "secrets", "Secret", List.of(), List.of(), ALL));
    r.add(ns("", "serviceaccounts", "ServiceAccount", List.of("sa"), List.of(), ALL, "token"));
    r.add(ns("", "services", "Service", List.of("svc"), List.of("all"), List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"), "status", "proxy"));
    // apiextensions.k8s.io/v1
    r.add(cluster("apiextensions.k8s.io", "customresourcedefinitions", "CustomResourceDefinition", List.of("crd", "crds"), List.of("api-extensions"), ALL, "status"));
    // apps/v1
    r.add(ns("apps", "controllerrevisions", "ControllerRevision", List.of(), List.of(), ALL));
    r.add(ns("apps", "daemonsets", "DaemonSet", List.of("ds"), List.of("all"), ALL, "status"));
    r.add(ns("apps", "deployments", "Deployment", List.of("deploy"), List.of("all"), ALL, "status", "scale"));
    r.add(ns("apps", "replicasets", "ReplicaSet", List.of("rs"), List.of("all"), ALL, "status", "scale"));
    r.add(ns("apps", "statefulsets", "StatefulSet", List.of("sts"), List.of("all"), ALL, "status", "scale"));
    // authentication.k8s.io/v1 and authorization.k8s.io/v1: reviews, computed per request and never stored
    r.add(cluster("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", List.of(), List.of(), CREATE_ONLY));
    r.add(cluster("authentication.k8s.io", "tokenreviews", "TokenReview", List.of(), List.of(), CREATE_ONLY));
    r.add(ns("authorization.k8s.io", "localsubjectaccessreviews", "LocalSubjectAccessReview", List.of(), List.of(), CREATE_ONLY));
    r.add(cluster("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview", List.of(), List.of(), CREATE_ONLY));
    r.add(cluster("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview", List.of(), List.of(), CREATE_ONLY));
    r.add(cluster("authorization.k8s.io", "subjectaccessreviews", "SubjectAccessReview", List.of(), List.of(), CREATE_ONLY));
    // autoscaling/v2 (preferred) and v1, one storage
    r.add(def("autoscaling", List.of("v2", "v1"), "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, List.of("hpa"), List.of("all"), ALL, Set.of("status"), "/registry/horizontalpodautoscalers/"));
    // batch/v1
    r.add(ns("batch", "cronjobs", "CronJob", List.of("cj"), List.of("all"), ALL, "status"));
    r.add(ns("batch", "jobs", "Job", List.of(), List.of("all"), ALL, "status"));
    // coordination.k8s.io/v1
    r.add(ns("coordination.k8s.io", "leases", "Lease", List.of(), List.of(), ALL));
    // discovery.k8s.io/v1
    r.add(ns("discovery.k8s.io", "endpointslices", "EndpointSlice", List.of(), List.of(), ALL));
    // events.k8s.io/v1 shares storage with core events
    r.add(def("events.k8s.io", List.of("v1"), "v1", "events", "Event", true, List.of("ev"), List.of(), ALL, Set.of(), "/registry/events/"));
    // networking.k8s.io/v1
    r.add(cluster("networking.k8s.io", "ingressclasses", "IngressClass", List.of(), List.of(), ALL));
    r.add(ns("networking.k8s.io", "ingresses", "Ingress", List.of("ing"), List.of(), ALL, "status"));
    r.add(ns("networking.k8s.io", "networkpolicies", "NetworkPolicy", List.of("netpol"), List.of(), ALL));
    // node.k8s.io/v1
    r.add(cluster("node.k8s.io", "runtimeclasses", "RuntimeClass", List.of(), List.of(), ALL));
    // policy/v1
    r.add(ns("policy", "poddisruptionbudgets", "PodDisruptionBudget", List.of("pdb"), List.of(), ALL, "status"));
    // rbac.authorization.k8s.io/v1
    r.add(cluster("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", List.of(), List.of(), ALL));
    r.add(cluster("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", List.of(), List.of(), ALL));
    r.add(ns("rbac.authorization.k8s.io", "rolebindings", "RoleBinding", List.of(), List.of(), ALL));
    r.add(ns("rbac.authorization.k8s.io", "roles", "Role", List.of(), List.of(), ALL));
    // scheduling.k8s.io/v1
    r.add(cluster("scheduling.k8s.io", "priorityclasses", "PriorityClass", List.of("pc"), List.of(), ALL));
    // storage.k8s.io/v1
    r.add(cluster("storage.k8s.io", "csidrivers", "CSIDriver", List.of(), List.of(), ALL));
    r.add(cluster("storage.k8s.io", "csinodes", "CSINode", List.of(), List.of(), ALL));
    r.add(ns("storage.k8s.io", "csistoragecapacities", "CSIStorageCapacity", List.of(), List.of(), ALL));
    r.add(cluster("storage.k8s.io", "storageclasses", "StorageClass", List.of("sc"), List.of(), ALL));
    r.add(cluster("storage.k8s.io", "volumeattachments", "VolumeAttachment", List.of(), List.of(), ALL, "status"));
    return new BuiltinResources(r);
  }

  private static ResourceDefinition ns(String group, String resource, String kind, List<String> shortNames, List<String> categories, List<String> verbs, String... subresources) {
    return def(group, List.of("v1"), "v1", resource, kind, true, shortNames, categories, verbs, Set.of(subresources), "/registry/" + resource + "/");
  }

  private static ResourceDefinition cluster(String group, String resource, String kind, List<String> shortNames, List<String> categories, List<String> verbs, String... subresources) {
    return def(group, List.of("v1"), "v1", resource, kind, false, shortNames, categories, verbs, Set.of(subresources), "/registry/" + resource + "/");
  }

  private static ResourceDefinition def(String group, List<String> versions, String storageVersion, String resource, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories, List<String> verbs, Set<String> subresources, String keyPrefix) {
    return new ResourceDefinition(group, versions, storageVersion, resource, kind.toLowerCase(), kind, kind + "List", namespaced,
        shortNames, categories, verbs, subresources, keyPrefix);
  }
}
