package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.registry.ListOptions;
import io.kube4j.apiserver.registry.Metadata;
import io.kube4j.apiserver.registry.ResourceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Role-based access control over the stored Roles, ClusterRoles and their bindings, with upstream's
 * rule semantics: a request is allowed if any rule of any role bound to the user (directly, through
 * a group, or as a service account) covers its verb, API group, resource (or {@code resource/subresource}),
 * name, or non-resource URL. Members of {@code system:masters} are always allowed, as upstream.
 */
public final class RbacAuthorizer implements Authorizer {

  private final ResourceStore roles;
  private final ResourceStore clusterRoles;
  private final ResourceStore roleBindings;
  private final ResourceStore clusterRoleBindings;

  public RbacAuthorizer(ResourceStore roles, ResourceStore clusterRoles, ResourceStore roleBindings, ResourceStore clusterRoleBindings) {
    this.roles = roles;
    this.clusterRoles = clusterRoles;
    this.roleBindings = roleBindings;
    this.clusterRoleBindings = clusterRoleBindings;
  }

  @Override
  public Decision authorize(User user, RequestInfo request) {
    if (user.inGroup(User.MASTERS)) {
      return Decision.allow("system:masters");
    }
    for (var binding : clusterRoleBindings.list("", ListOptions.all()).items()) {
      var subject = subjectFor(binding, user);
      if (subject.isPresent() && roleAllows(resolve(binding, ""), request)) {
        return Decision.allow(reason("ClusterRoleBinding \"" + Metadata.name(binding) + "\"", binding, subject.get(), ""));
      }
    }
    if (request.resourceRequest() && !request.namespace().isEmpty()) {
      for (var binding : roleBindings.list(request.namespace(), ListOptions.all()).items()) {
        var subject = subjectFor(binding, user);
        if (subject.isPresent() && roleAllows(resolve(binding, request.namespace()), request)) {
          return Decision.allow(reason("RoleBinding \"" + Metadata.name(binding) + "/" + request.namespace() + "\"", binding, subject.get(),
              request.namespace()));
        }
      }
    }
    return Decision.deny("no RBAC policy matched");
  }

  /**
   * Every rule granted to {@code user} in {@code namespace}: those of the roles bound cluster-wide, then
   * those of the namespace's role bindings (none when {@code namespace} is empty), as upstream's
   * {@code RulesFor}. Membership in {@code system:masters} adds no rule of its own: the bootstrap
   * {@code cluster-admin} binding shows it.
   */
  public List<JsonNode> rulesFor(User user, String namespace) {
    var rules = new ArrayList<JsonNode>();
    for (var binding : clusterRoleBindings.list("", ListOptions.all()).items()) {
      if (binds(binding, user)) {
        resolve(binding, "").ifPresent(role -> role.path("rules").forEach(rules::add));
      }
    }
    if (!namespace.isEmpty()) {
      for (var binding : roleBindings.list(namespace, ListOptions.all()).items()) {
        if (binds(binding, user)) {
          resolve(binding, namespace).ifPresent(role -> role.path("rules").forEach(rules::add));
        }
      }
    }
    return rules;
  }

  private Optional<ObjectNode> resolve(ObjectNode binding, String namespace) {
    var ref = binding.path("roleRef");
    var name = ref.path("name").asText();
    return switch (ref.path("kind").asText()) {
      case "ClusterRole" -> clusterRoles.find("", name);
      case "Role" -> namespace.isEmpty() ? Optional.empty() : roles.find(namespace, name);
      default -> Optional.empty();
    };
  }

  /** Upstream's wording: {@code RBAC: allowed by RoleBinding "bot-view/default" of ClusterRole "view" to ServiceAccount "bot/default"}. */
  private static String reason(String what, ObjectNode binding, JsonNode subject, String bindingNamespace) {
    var kind = subject.path("kind").asText();
    var name = subject.path("name").asText();
    if (kind.equals("ServiceAccount")) {
      var ns = subject.path("namespace").asText();
      name = name + "/" + (ns.isEmpty() ? bindingNamespace : ns);
    }
    return "RBAC: allowed by " + what + " of " + binding.path("roleRef").path("kind").asText() + " \"" + binding.path("roleRef").path("name").asText()
        + "\" to " + kind + " \"" + name + "\"";
  }

  static boolean binds(ObjectNode binding, User user) {
    return subjectFor(binding, user).isPresent();
  }

  /** The first subject of a binding that names {@code user}, directly, by a group, or as a service account. */
  static Optional<JsonNode> subjectFor(ObjectNode binding, User user) {
    for (var subject : binding.path("subjects")) {
      var kind = subject.path("kind").asText();
      var name = subject.path("name").asText();
      switch (kind) {
        case "User" -> {
          if (name.equals(user.name())) {
            return Optional.of(subject);
          }
        }
        case "Group" -> {
          if (user.inGroup(name)) {
            return Optional.of(subject);
          }
        }
        case "ServiceAccount" -> {
          var ns = subject.path("namespace").asText(Metadata.namespace(binding));
          if (user.name().equals("system:serviceaccount:" + ns + ":" + name)) {
            return Optional.of(subject);
          }
        }
        default -> { }
      }
    }
    return Optional.empty();
  }

  private static boolean roleAllows(Optional<ObjectNode> role, RequestInfo request) {
    if (role.isEmpty()) {
      return false;
    }
    for (var rule : role.get().path("rules")) {
      if (ruleAllows(rule, request)) {
        return true;
      }
    }
    return false;
  }

  static boolean ruleAllows(JsonNode rule, RequestInfo request) {
    if (!contains(rule.path("verbs"), request.verb())) {
      return false;
    }
    if (!request.resourceRequest()) {
      for (var url : rule.path("nonResourceURLs")) {
        var u = url.asText();
        if (u.equals("*") || u.equals(request.path()) || (u.endsWith("*") && request.path().startsWith(u.substring(0, u.length() - 1)))) {
          return true;
        }
      }
      return false;
    }
    if (!contains(rule.path("apiGroups"), request.group())) {
      return false;
    }
    var resource = request.subresource().isEmpty() ? request.resource() : request.resource() + "/" + request.subresource();
    boolean resourceMatch = false;
    for (var r : rule.path("resources")) {
      var text = r.asText();
      if (text.equals("*") || text.equals(resource) || (!request.subresource().isEmpty() && text.equals("*/" + request.subresource()))) {
        resourceMatch = true;
        break;
      }
    }
    if (!resourceMatch) {
      return false;
    }
    var names = rule.path("resourceNames");
    return !names.isArray() || names.isEmpty() || contains(names, request.name()) && !request.name().isEmpty();
  }

  private static boolean contains(JsonNode array, String value) {
    for (var v : array) {
      if (v.asText().equals("*") || v.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
