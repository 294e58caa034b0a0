package io.kube4j.apiserver.http;

import java.util.Locale;

/** Reads the {@code Accept} and {@code Content-Type} headers the way the API server negotiates them. */
public final class MediaTypes {

  public static final String JSON = "application/json";
  public static final String YAML = "application/yaml";
  public static final String JSON_PATCH = "application/json-patch+json";
  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  public static final String APPLY_PATCH_YAML = "application/apply-patch+yaml";
  public static final String APPLY_PATCH_CBOR = "application/apply-patch+cbor";

  private MediaTypes() {}

  /** What representation the client asked for. */
  public enum Representation {
    OBJECT,
    TABLE,
    PARTIAL_METADATA
  }

  /**
   * The representation asked for by an {@code Accept} header: the first of its alternatives the server
   * can produce, as upstream negotiates.
   */
  public static Representation representation(String accept) {
    if (accept == null || accept.isBlank()) {
      return Representation.OBJECT;
    }
    for (var alternative : accept.split(",")) {
      var a = alternative.trim().toLowerCase(Locale.ROOT);
      if (a.contains("as=table") && a.contains("g=meta.k8s.io") && (a.contains("v=v1;") || a.endsWith("v=v1") || a.contains("v=v1,"))) {
        return Representation.TABLE;
      }
      if (a.contains("as=table") && a.contains("g=meta.k8s.io") && a.contains("v=v1beta1")) {
        return Representation.TABLE;
      }
      if (a.contains("as=partialobjectmetadata")) {
        return Representation.PARTIAL_METADATA;
      }
      if (a.startsWith("application/json") || a.startsWith("application/yaml") || a.startsWith("*/*") || a.startsWith("application/*")) {
        if (!a.contains("as=")) {
          return Representation.OBJECT;
        }
      }
    }
    return Representation.OBJECT;
  }

  /** Whether the client prefers YAML over JSON. */
  public static boolean wantsYaml(String accept) {
    if (accept == null) {
      return false;
    }
    var first = accept.split(",")[0].trim().toLowerCase(Locale.ROOT);
    return first.startsWith(YAML);
  }

  /** Whether the client accepts something we can produce (JSON, YAML, or anything). */
  public static boolean acceptable(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (var alternative : accept.split(",")) {
      var a = alternative.trim().toLowerCase(Locale.ROOT);
      if (a.startsWith("application/json") || a.startsWith(YAML) || a.startsWith("*/*") || a.startsWith("application/*")) {
        return true;
      }
    }
    return false;
  }

  /** The media type of a {@code Content-Type} header without parameters, lower-case. */
  public static String base(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
