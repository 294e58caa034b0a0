package io.kube4j.api;

/** A kind in one API version, e.g. {@code apps/v1 Deployment}. The core group is the empty string. */
public record GroupVersionKind(String group, String version, String kind) {

  /** {@code v1} for the core group, {@code group/version} otherwise: the form of {@code apiVersion}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Parses an {@code apiVersion} value and a kind. */
  public static GroupVersionKind of(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    return slash < 0
        ? new GroupVersionKind("", apiVersion, kind)
        : new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  @Override
  public String toString() {
    return apiVersion() + ", Kind=" + kind;
  }
}
