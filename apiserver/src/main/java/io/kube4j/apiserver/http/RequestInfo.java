package io.kube4j.apiserver.http;

import java.util.List;
import java.util.Map;

/**
 * What a request path means, as upstream's request-info resolver reads it: a resource request
 * ({@code /api/v1/namespaces/default/pods/web/status}) with its verb, or a non-resource path
 * ({@code /healthz}, {@code /openapi/v3}).
 *
 * @param resourceRequest whether the path names an API resource
 * @param verb {@code get, list, watch, create, update, patch, delete, deletecollection}, or the lower-case
 *     HTTP method for non-resource requests
 * @param path the raw path
 * @param apiPrefix {@code api} or {@code apis}
 * @param group API group (empty for core)
 * @param version API version
 * @param namespace namespace, or empty
 * @param resource plural resource, or empty for group/version discovery
 * @param name object name, or empty
 * @param subresource subresource, or empty
 */
public record RequestInfo(
    boolean resourceRequest,
    String verb,
    String path,
    String apiPrefix,
    String group,
    String version,
    String namespace,
    String resource,
    String name,
    String subresource) {

  private static final java.util.Set<String> NAMESPACE_SUBRESOURCES = java.util.Set.of("status", "finalize");

  /** Reads a path and method; {@code query} supplies {@code watch=true}. */
  public static RequestInfo parse(String method, String path, Map<String, List<String>> query) {
    var nonResource = new RequestInfo(false, method.toLowerCase(), path, "", "", "", "", "", "", "");
    var parts = split(path);
    if (parts.size() < 2 || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
      return nonResource;
    }
    String prefix = parts.get(0);
    int i = 1;
    String group = "";
    if (prefix.equals("apis")) {
      if (parts.size() < 3) {
        return nonResource;
      }
      group = parts.get(1);
      i = 2;
    }
    String version = parts.get(i++);
    if (i >= parts.size()) {
      return nonResource; // group-version discovery
    }
    var rest = parts.subList(i, parts.size());
    String verb;
    boolean watchPrefix = false;
    if (rest.getFirst().equals("watch")) {
      watchPrefix = true;
      rest = rest.subList(1, rest.size());
      if (rest.isEmpty()) {
        return nonResource;
      }
    }
    String namespace = "";
    String resource;
    String name = "";
    String subresource = "";
    // namespaces/NAME/status and namespaces/NAME/finalize are subresources of the namespace, not resources in it
    if (rest.getFirst().equals("namespaces") && rest.size() >= 3 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
      namespace = rest.get(1);
      resource = rest.get(2);
      if (rest.size() >= 4) {
        name = rest.get(3);
      }
      if (rest.size() >= 5) {
        subresource = rest.get(4);
      }
    } else {
      resource = rest.getFirst();
      if (rest.size() >= 2) {
        name = rest.get(1);
      }
      if (rest.size() >= 3) {
        subresource = rest.get(2);
      }
      if (resource.equals("namespaces") && !name.isEmpty()) {
        namespace = name; // a namespace is in itself, for authorization as upstream does
      }
    }
    boolean watchParam = query.getOrDefault("watch", List.of()).stream().anyMatch(v -> v.equals("true") || v.equals("1"));
    verb = switch (method) {
      case "GET", "HEAD" -> {
        if (watchPrefix || watchParam) {
          yield "watch";
        }
        yield name.isEmpty() ? "list" : "get";
      }
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
      default -> method.toLowerCase();
    };
    return new RequestInfo(true, verb, path, prefix, group, version, namespace, resource, name, subresource);
  }

  private static List<String> split(String path) {
    var trimmed = path;
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/"));
  }
}
