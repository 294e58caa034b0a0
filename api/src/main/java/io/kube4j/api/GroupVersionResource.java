package io.kube4j.api;

/** A resource (the plural, lower-case name used in URLs) in one API version. */
public record GroupVersionResource(String group, String version, String resource) {

  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  @Override
  public String toString() {
    return (group.isEmpty() ? "" : group + "/") + version + ", Resource=" + resource;
  }
}
