package io.kube4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.server.Kube4jServer;
import io.kube4j.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** Start, restart, readiness, authentication and port conflicts of a real server. */
class ServerLifecycleTest {

  @Test
  void restartKeepsObjectsAndTheCertificateAuthority() throws Exception {
    try (var cluster = TestCluster.start()) {
      cluster.kubectl("create", "configmap", "survivor", "--from-literal=a=b").assertOk();
      var ca = Files.readString(cluster.dataDir().resolve("tls/ca.crt"));
      var kubeconfig = Files.readString(cluster.kubeconfig());
      var rv = cluster.kubectl("get", "configmap", "survivor", "-o", "jsonpath={.metadata.resourceVersion}").assertOk().stdout();
      cluster.stopServer();
      cluster.startServer();
      assertThat(Files.readString(cluster.dataDir().resolve("tls/ca.crt"))).isEqualTo(ca);
      var again = cluster.kubectl("get", "configmap", "survivor", "-o", "jsonpath={.data.a} {.metadata.resourceVersion}").assertOk().stdout();
      assertThat(again).isEqualTo("b " + rv);
      assertThat(kubeconfig).contains("certificate-authority-data");
    }
  }

  @Test
  void requestsWithoutCredentialsGet401ButHealthIsPublic() throws Exception {
    try (var cluster = TestCluster.start()) {
      var http = insecureClient();
      var base = cluster.server().url();
      var unauthorized = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/namespaces")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(unauthorized.statusCode()).isEqualTo(401);
      assertThat(unauthorized.body()).contains("\"kind\":\"Status\"").contains("\"reason\":\"Unauthorized\"").contains("\"code\":401");
      var badToken = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/namespaces")).header("Authorization", "Bearer nope").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(badToken.statusCode()).isEqualTo(401);
      var ready = http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).isEqualTo("ok");
    }
  }

  @Test
  void aSecondServerOnABusyPortFailsWithAClearMessage() throws Exception {
    try (var cluster = TestCluster.start()) {
      var other = Files.createTempDirectory("kube4j-busy-");
      assertThatThrownBy(() -> Kube4jServer.start(new ServerConfig(other, "127.0.0.1", cluster.server().port(), "n", "10.43.0.0/16", "127.0.0.1")))
          .isInstanceOf(Kube4jServer.ServerStartException.class)
          .hasMessageContaining("the port is in use");
    }
  }

  @Test
  void aSecondServerOnTheSameDataDirectoryFailsWithAClearMessage() throws Exception {
    try (var cluster = TestCluster.start()) {
      assertThatThrownBy(() -> Kube4jServer.start(new ServerConfig(cluster.dataDir(), "127.0.0.1", 0, "n", "10.43.0.0/16", "127.0.0.1")))
          .isInstanceOf(Kube4jServer.ServerStartException.class)
          .hasMessageContaining("in use by another kube4j server");
    }
  }

  static HttpClient insecureClient() throws Exception {
    var trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    var ssl = SSLContext.getInstance("TLS");
    ssl.init(null, new TrustManager[] {trustAll}, new SecureRandom());
    return HttpClient.newBuilder().sslContext(ssl).build();
  }
}
