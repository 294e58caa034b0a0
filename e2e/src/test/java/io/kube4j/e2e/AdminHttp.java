package io.kube4j.e2e;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Raw HTTPS requests to a test server with a client certificate from its data directory, for status-code checks. */
final class AdminHttp {

  private final HttpClient client;
  private final String base;

  AdminHttp(TestCluster cluster, String certName) throws Exception {
    var tls = cluster.dataDir().resolve("tls");
    this.client = HttpClient.newBuilder().sslContext(ssl(tls.resolve("ca.crt"), tls.resolve(certName + ".crt"), tls.resolve(certName + ".key")))
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    this.base = cluster.server().url();
  }

  HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String accept) throws Exception {
    var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext ssl(Path caFile, Path certFile, Path keyFile) throws Exception {
    var cf = CertificateFactory.getInstance("X.509");
    X509Certificate ca;
    X509Certificate cert;
    try (var in = Files.newInputStream(caFile)) {
      ca = (X509Certificate) cf.generateCertificate(in);
    }
    try (var in = Files.newInputStream(certFile)) {
      cert = (X509Certificate) cf.generateCertificate(in);
    }
    PrivateKey key;
    try (var parser = new PEMParser(new StringReader(Files.readString(keyFile)))) {
      key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
    var keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("client", key, new char[0], new java.security.cert.Certificate[] {cert});
    var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    var trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    var ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ssl;
  }
}
