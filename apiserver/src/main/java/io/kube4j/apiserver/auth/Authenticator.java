package io.kube4j.apiserver.auth;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Finds who sent a request, in upstream's order: client certificates verified by the TLS layer against
 * the cluster CA map to {@code CN} = user and {@code O} = groups, as upstream's x509 authenticator does;
 * otherwise a bearer token is checked by the token authenticators given, and one none of them accepts
 * is {@link #INVALID} (401). No credentials: {@link User#ANONYMOUS}.
 */
public final class Authenticator {

  /** Resolves a bearer token to a user; null if the token is not one of its kind. */
  @FunctionalInterface
  public interface TokenAuthenticator {
    User authenticate(String token);
  }

  /** A sentinel for "credentials were presented but are invalid" (answered with 401). */
  public static final User INVALID = new User("system:invalid-credentials", "", List.of());

  private final List<TokenAuthenticator> tokens;

  public Authenticator(List<TokenAuthenticator> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  public User authenticate(Map<String, String> headers, List<X509Certificate> certificates) {
    // upstream's order: a verified client certificate wins over a bearer token sent along with it
    if (!certificates.isEmpty()) {
      return withAuthenticated(fromCertificate(certificates.getFirst()));
    }
    var authorization = headers.getOrDefault("authorization", "");
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      var token = authorization.substring(7).trim();
      for (var t : tokens) {
        var user = t.authenticate(token);
        if (user != null) {
          return withAuthenticated(user);
        }
      }
      return INVALID;
    }
    return User.ANONYMOUS;
  }

  static User fromCertificate(X509Certificate cert) {
    String cn = "";
    var groups = new java.util.ArrayList<String>();
    try {
      var name = new javax.naming.ldap.LdapName(cert.getSubjectX500Principal().getName());
      for (var rdn : name.getRdns()) {
        switch (rdn.getType().toUpperCase()) {
          case "CN" -> cn = String.valueOf(rdn.getValue());
          case "O" -> groups.add(String.valueOf(rdn.getValue()));
          default -> { }
        }
      }
    } catch (javax.naming.InvalidNameException e) {
      throw new IllegalStateException("client certificate subject cannot be read: " + cert.getSubjectX500Principal(), e);
    }
    java.util.Collections.reverse(groups); // LdapName lists RDNs last-first
    return new User(cn, "", groups);
  }

  private static User withAuthenticated(User user) {
    if (user.groups().contains(User.AUTHENTICATED)) {
      return user;
    }
    var groups = new java.util.ArrayList<>(user.groups());
    groups.add(User.AUTHENTICATED);
    return new User(user.name(), user.uid(), groups, user.extra());
  }
}
