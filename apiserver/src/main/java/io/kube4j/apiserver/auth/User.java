package io.kube4j.apiserver.auth;

import java.util.List;

/**
 * An authenticated identity, as upstream's {@code user.Info}.
 *
 * @param name e.g. {@code system:admin}, {@code system:serviceaccount:default:builder}
 * @param uid may be empty
 * @param groups e.g. {@code system:masters}, {@code system:authenticated}
 */
public record User(String name, String uid, List<String> groups) {

  public static final String MASTERS = "system:masters";
  public static final String AUTHENTICATED = "system:authenticated";
  public static final User ANONYMOUS = new User("system:anonymous", "", List.of("system:unauthenticated"));

  public boolean isAnonymous() {
    return this == ANONYMOUS || name.equals(ANONYMOUS.name);
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}
