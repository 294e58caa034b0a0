package io.kube4j.apiserver.http;

import io.kube4j.apiserver.auth.User;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the API handlers see it: decoded path and query, headers (lower-case names),
 * the whole body, and who sent it.
 */
public record ApiRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body,
    User user,
    String remoteAddress) {

  /** The first value of a query parameter, or {@code fallback}. */
  public String param(String name, String fallback) {
    var values = query.get(name);
    return values == null || values.isEmpty() ? fallback : values.getFirst();
  }

  public String param(String name) {
    return param(name, "");
  }

  public boolean flag(String name) {
    var v = param(name);
    return v.equals("true") || v.equals("1");
  }

  /** A header by case-insensitive name, or empty. */
  public String header(String name) {
    return headers.getOrDefault(name.toLowerCase(), "");
  }

  public ApiRequest withUser(User authenticated) {
    return new ApiRequest(method, path, query, headers, body, authenticated, remoteAddress);
  }
}
