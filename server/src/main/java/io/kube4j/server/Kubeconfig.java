package io.kube4j.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/** Writes kubeconfig files with embedded certificates, the form kubectl and client libraries read. */
public final class Kubeconfig {

  private Kubeconfig() {}

  /** Writes a kubeconfig for {@code user} authenticating with a client certificate, owner-readable only. */
  public static void write(Path file, String server, ClusterCertificates.Issued ca, ClusterCertificates.Issued client) throws IOException {
    var yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster:
            certificate-authority-data: %s
            server: %s
          name: kube4j
        contexts:
        - context:
            cluster: kube4j
            user: kube4j-admin
            namespace: default
          name: kube4j
        current-context: kube4j
        preferences: {}
        users:
        - name: kube4j-admin
          user:
            client-certificate-data: %s
            client-key-data: %s
        """.formatted(b64(ClusterCertificates.pem(ca.certificate())), server, b64(ClusterCertificates.pem(client.certificate())),
        b64(ClusterCertificates.pem(client.key())));
    Files.createDirectories(file.toAbsolutePath().getParent());
    var tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, yaml);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String b64(String pem) {
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
