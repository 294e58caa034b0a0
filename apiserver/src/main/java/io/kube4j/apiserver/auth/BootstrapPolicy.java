package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster roles and bindings every cluster starts with, as upstream's bootstrap policy:
 * {@code cluster-admin} for {@code system:masters}, discovery and public info for everyone
 * authenticated, and the user-facing {@code admin}, {@code edit} and {@code view} roles.
 */
public final class BootstrapPolicy {

  private static final List<String> READ = List.of("get", "list", "watch");
  private static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");

  private BootstrapPolicy() {}

  public static List<ObjectNode> clusterRoles() {
    var roles = new ArrayList<ObjectNode>();
    var admin = role("cluster-admin");
    rule(admin, List.of("*"), List.of("*"), List.of("*"));
    nonResource(admin, List.of("*"), List.of("*"));
    roles.add(admin);

    var discovery = role("system:discovery");
    nonResource(discovery, List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"),
        List.of("get"));
    roles.add(discovery);

    var info = role("system:public-info-viewer");
    nonResource(info, List.of("/healthz", "/livez", "/readyz", "/version", "/version/"), List.of("get"));
    roles.add(info);

    var basic = role("system:basic-user");
    rule(basic, List.of("authorization.k8s.io"), List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews"), List.of("create"));
    rule(basic, List.of("authentication.k8s.io"), List.of("selfsubjectreviews"), List.of("create"));
    roles.add(basic);

    // for delegated authentication and authorization (API servers and proxies that ask this one); bound by whoever needs it
    var delegator = role("system:auth-delegator");
    rule(delegator, List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create"));
    rule(delegator, List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create"));
    roles.add(delegator);

    var issuerDiscovery = role("system:service-account-issuer-discovery");
    nonResource(issuerDiscovery, List.of("/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"),
        List.of("get"));
    roles.add(issuerDiscovery);

    var workloads = List.of("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "pods/log", "pods/status", "replicationcontrollers",
        "replicationcontrollers/scale", "services", "services/proxy", "endpoints", "persistentvolumeclaims", "configmaps", "secrets", "serviceaccounts", "events");
    var apps = List.of("deployments", "deployments/scale", "deployments/rollback", "replicasets", "replicasets/scale", "statefulsets",
        "statefulsets/scale", "daemonsets", "controllerrevisions");
    var view = role("view");
    rule(view, List.of(""), without(workloads, "secrets", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "services/proxy"), READ);
    rule(view, List.of(""), List.of("namespaces", "limitranges", "resourcequotas", "resourcequotas/status", "bindings", "pods/status",
        "replicationcontrollers/status", "persistentvolumeclaims/status", "namespaces/status"), READ);
    rule(view, List.of("apps"), apps, READ);
    rule(view, List.of("batch"), List.of("jobs", "cronjobs", "jobs/status", "cronjobs/status"), READ);
    rule(view, List.of("autoscaling"), List.of("horizontalpodautoscalers", "horizontalpodautoscalers/status"), READ);
    rule(view, List.of("networking.k8s.io"), List.of("ingresses", "ingresses/status", "networkpolicies"), READ);
    rule(view, List.of("policy"), List.of("poddisruptionbudgets", "poddisruptionbudgets/status"), READ);
    rule(view, List.of("discovery.k8s.io"), List.of("endpointslices"), READ);
    roles.add(view);

    var edit = role("edit");
    var readWrite = new ArrayList<>(READ);
    readWrite.addAll(WRITE);
    rule(edit, List.of(""), workloads, readWrite);
    rule(edit, List.of(""), List.of("namespaces", "limitranges", "resourcequotas", "bindings"), READ);
    rule(edit, List.of("apps"), apps, readWrite);
    rule(edit, List.of("batch"), List.of("jobs", "cronjobs"), readWrite);
    rule(edit, List.of("autoscaling"), List.of("horizontalpodautoscalers"), readWrite);
    rule(edit, List.of("networking.k8s.io"), List.of("ingresses", "networkpolicies"), readWrite);
    rule(edit, List.of("policy"), List.of("poddisruptionbudgets"), readWrite);
    rule(edit, List.of("discovery.k8s.io"), List.of("endpointslices"), READ);
    roles.add(edit);

    var nsAdmin = role("admin");
    nsAdmin.set("rules", edit.get("rules").deepCopy());
    rule(nsAdmin, List.of("rbac.authorization.k8s.io"), List.of("roles", "rolebindings"), readWrite);
    rule(nsAdmin, List.of("authorization.k8s.io"), List.of("localsubjectaccessreviews"), List.of("create"));
    roles.add(nsAdmin);
    return roles;
  }

  public static List<ObjectNode> clusterRoleBindings() {
    return List.of(
        binding("cluster-admin", "cluster-admin", "system:masters"),
        binding("system:discovery", "system:discovery", "system:authenticated"),
        binding("system:basic-user", "system:basic-user", "system:authenticated"),
        binding("system:public-info-viewer", "system:public-info-viewer", "system:authenticated"),
        binding("system:service-account-issuer-discovery", "system:service-account-issuer-discovery", "system:serviceaccounts"));
  }

  private static List<String> without(List<String> all, String... removed) {
    var out = new ArrayList<>(all);
    out.removeAll(List.of(removed));
    return out;
  }

  private static ObjectNode role(String name) {
    var o = Json.object();
    o.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRole");
    var meta = o.putObject("metadata");
    meta.put("name", name);
    meta.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
    meta.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
    o.putArray("rules");
    return o;
  }

  private static void rule(ObjectNode role, List<String> groups, List<String> resources, List<String> verbs) {
    var r = ((com.fasterxml.jackson.databind.node.ArrayNode) role.get("rules")).addObject();
    groups.forEach(r.putArray("apiGroups")::add);
    resources.forEach(r.putArray("resources")::add);
    verbs.forEach(r.putArray("verbs")::add);
  }

  private static void nonResource(ObjectNode role, List<String> urls, List<String> verbs) {
    var r = ((com.fasterxml.jackson.databind.node.ArrayNode) role.get("rules")).addObject();
    urls.forEach(r.putArray("nonResourceURLs")::add);
    verbs.forEach(r.putArray("verbs")::add);
  }

  private static ObjectNode binding(String name, String role, String group) {
    var o = Json.object();
    o.put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "ClusterRoleBinding");
    var meta = o.putObject("metadata");
    meta.put("name", name);
    meta.putObject("labels").put("kubernetes.io/bootstrapping", "rbac-defaults");
    meta.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
    o.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", role);
    o.putArray("subjects").addObject().put("apiGroup", "rbac.authorization.k8s.io").put("kind", "Group").put("name", group);
    return o;
  }
}
