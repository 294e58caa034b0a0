package io.kube4j.apiserver.registry;

import io.kube4j.machinery.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} token of a paged list: the revision the list is read at and the last
 * key returned. Tokens are base64url JSON, so a tampered token is a clean 400, never a wrong page.
 */
public record ContinueToken(long revision, String startAfter) {

  public String encode() {
    var json = "{\"v\":\"meta.k8s.io/v1\",\"rv\":" + revision + ",\"start\":\"" + escape(startAfter) + "\"}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  public static ContinueToken decode(String token) {
    try {
      var json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      var node = io.kube4j.apiserver.json.Json.mapper().readTree(json);
      if (!"meta.k8s.io/v1".equals(node.path("v").asText()) || !node.path("rv").canConvertToLong() || node.path("rv").asLong() <= 0
          || !node.path("start").isTextual()) {
        throw new IllegalArgumentException("unexpected content");
      }
      return new ContinueToken(node.path("rv").asLong(), node.path("start").asText());
    } catch (Exception e) {
      throw ApiException.badRequest("invalid continue token: " + e.getMessage());
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
