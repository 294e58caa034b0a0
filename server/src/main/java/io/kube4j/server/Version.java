package io.kube4j.server;

/** kube4j's version, reported by {@code /version} as a Kubernetes-style git version. */
public final class Version {

  private Version() {}

  public static String kube4j() {
    var v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }

  /** The Kubernetes API level kube4j serves, with kube4j's version as build metadata. */
  public static String gitVersion() {
    return "v1.32.0+kube4j-" + kube4j().replace("-SNAPSHOT", "-dev");
  }
}
