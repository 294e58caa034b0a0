package io.kube4j.apiserver.auth;

import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.machinery.errors.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Acting as another user ({@code kubectl --as}, {@code --as-group}), as upstream's impersonation filter:
 * the {@code Impersonate-User}, {@code Impersonate-Group}, {@code Impersonate-Uid} and
 * {@code Impersonate-Extra-*} headers replace the authenticated user once the requester is allowed the
 * verb {@code impersonate} on each of them ({@code users}, {@code serviceaccounts}, {@code groups},
 * {@code authentication.k8s.io} {@code uids} and {@code userextras/KEY}).
 */
public final class Impersonation {

  private static final String EXTRA_PREFIX = "impersonate-extra-";

  private final Authorizer authorizer;

  public Impersonation(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /**
   * The user a request acts as: {@code requester} itself when it asks for no impersonation.
   *
   * @param headers request headers with lower-case names; repeated headers joined with commas
   * @throws ApiException 403 when the requester may not impersonate what it asks for, 400 when it asks
   *     for groups, a uid or extras without a user
   */
  public User apply(User requester, Map<String, String> headers) {
    var userName = headers.getOrDefault("impersonate-user", "").trim();
    var groups = split(headers.getOrDefault("impersonate-group", ""));
    var uid = headers.getOrDefault("impersonate-uid", "").trim();
    var extra = new LinkedHashMap<String, List<String>>();
    headers.forEach((name, value) -> {
      if (name.startsWith(EXTRA_PREFIX)) {
        extra.put(java.net.URLDecoder.decode(name.substring(EXTRA_PREFIX.length()), java.nio.charset.StandardCharsets.UTF_8), split(value));
      }
    });
    if (userName.isEmpty()) {
      if (!groups.isEmpty() || !uid.isEmpty() || !extra.isEmpty()) {
        throw ApiException.badRequest("requested impersonation of groups, uid or extra without impersonating a user");
      }
      return requester;
    }
    String saNamespace = null;
    if (userName.startsWith(User.SERVICE_ACCOUNT_PREFIX)) {
      var parts = userName.substring(User.SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
      if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
        saNamespace = parts[0];
        require(requester, "", "serviceaccounts", "", saNamespace, parts[1]);
      } else {
        require(requester, "", "users", "", "", userName);
      }
    } else {
      require(requester, "", "users", "", "", userName);
    }
    for (var group : groups) {
      require(requester, "", "groups", "", "", group);
    }
    if (!uid.isEmpty()) {
      require(requester, "authentication.k8s.io", "uids", "", "", uid);
    }
    for (var e : extra.entrySet()) {
      for (var value : e.getValue()) {
        require(requester, "authentication.k8s.io", "userextras", e.getKey(), "", value);
      }
    }
    var resultGroups = new ArrayList<>(groups);
    if (saNamespace != null && groups.isEmpty()) {
      resultGroups.addAll(User.serviceAccountGroups(saNamespace));
    }
    var anonymous = userName.equals(User.ANONYMOUS.name());
    var implied = anonymous ? "system:unauthenticated" : User.AUTHENTICATED;
    if (!resultGroups.contains(implied)) {
      resultGroups.add(implied);
    }
    return new User(userName, uid, resultGroups, extra);
  }

  private void require(User requester, String group, String resource, String subresource, String namespace, String name) {
    var attributes = new RequestInfo(true, "impersonate", "", "", group, "", namespace, resource, name, subresource);
    if (!authorizer.authorize(requester, attributes).allowed()) {
      throw ApiException.forbidden(requester.name(), "impersonate", group, subresource.isEmpty() ? resource : resource + "/" + subresource, namespace, name);
    }
  }

  private static List<String> split(String value) {
    var out = new ArrayList<String>();
    for (var v : value.split(",")) {
      if (!v.isBlank()) {
        out.add(v.trim());
      }
    }
    return out;
  }
}
