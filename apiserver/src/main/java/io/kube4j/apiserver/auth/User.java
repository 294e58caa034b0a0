package io.kube4j.apiserver.auth;

import java.util.List;
import java.util.Map;

/**
 * An authenticated identity, as upstream's {@code user.Info}.
 *
 * @param name e.g. {@code system:admin}, {@code system:serviceaccount:default:builder}
 * @param uid may be empty
 * @param groups e.g. {@code system:masters}, {@code system:authenticated}
 * @param extra further facts the authenticator knows, e.g. {@code authentication.kubernetes.io/pod-name}
 */
public record User(String name, String uid, List<String> groups, Map<String, List<String>> extra) {

  public static final String MASTERS = "system:masters";
  public static final String AUTHENTICATED = "system:authenticated";
  public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
  public static final User ANONYMOUS = new User("system:anonymous", "", List.of("system:unauthenticated"));

  public User {
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
  }

  /** A user without extra attributes. */
  public User(String name, String uid, List<String> groups) {
    this(name, uid, groups, Map.of());
  }

  public boolean isAnonymous() {
    return this == ANONYMOUS || name.equals(ANONYMOUS.name);
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }

  /** The user name of a service account, {@code system:serviceaccount:NS:NAME}. */
  public static String serviceAccountName(String namespace, String name) {
    return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
  }

  /** The groups upstream gives every service account of {@code namespace}. */
  public static List<String> serviceAccountGroups(String namespace) {
    return List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace);
  }
}
