package io.kube4j.server;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's PKI under {@code <data-dir>/tls}: a CA made once and kept across restarts, a serving
 * certificate for the API server (renewed when the names it must cover change), and the admin client
 * certificate ({@code CN=system:admin, O=system:masters}) that goes into the admin kubeconfig.
 */
public final class ClusterCertificates {

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A certificate with its private key, both also on disk as PEM. */
  public record Issued(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) {}

  private final Issued ca;
  private final Issued serving;
  private final Issued admin;

  private ClusterCertificates(Issued ca, Issued serving, Issued admin) {
    this.ca = ca;
    this.serving = serving;
    this.admin = admin;
  }

  public Issued ca() {
    return ca;
  }

  public Issued serving() {
    return serving;
  }

  public Issued admin() {
    return admin;
  }

  /**
   * Loads the PKI from {@code dir}, creating what is missing; the serving certificate is re-issued
   * when it does not cover {@code dnsNames} and {@code ips}, or expires within 30 days.
   */
  public static ClusterCertificates ensure(Path dir, Set<String> dnsNames, Set<InetAddress> ips) throws Exception {
    Files.createDirectories(dir);
    var ca = load(dir, "ca");
    if (ca == null) {
      var keys = newKeyPair();
      var name = name("kube4j-ca@" + Instant.now().getEpochSecond(), null);
      var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(Instant.now().minus(Duration.ofHours(1))),
          Date.from(Instant.now().plus(CA_VALIDITY)), name, keys.getPublic());
      var ext = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      var cert = sign(builder, keys.getPrivate());
      ca = save(dir, "ca", cert, keys.getPrivate());
    }
    var serving = load(dir, "serving");
    if (serving == null || !covers(serving.certificate(), dnsNames, ips) || expiresSoon(serving.certificate())) {
      var names = new ArrayList<GeneralName>();
      dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
      ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress())));
      serving = issue(dir, "serving", ca, name("kube-apiserver", null), names, KeyPurposeId.id_kp_serverAuth);
    }
    var admin = load(dir, "admin");
    if (admin == null || expiresSoon(admin.certificate()) || !"RSA".equals(admin.key().getAlgorithm())) {
      admin = issue(dir, "admin", ca, name("system:admin", "system:masters"), List.of(), KeyPurposeId.id_kp_clientAuth);
    }
    return new ClusterCertificates(ca, serving, admin);
  }

  /**
   * The key pair that signs service-account tokens, {@code service-account.key} (PKCS#8) and
   * {@code service-account.pub} (PKIX) in {@code dir}: an RSA 2048 pair made on first start and kept, so
   * tokens stay valid across restarts. A kept RSA or EC P-256 key is used as it is.
   */
  public static KeyPair serviceAccountKey(Path dir) throws Exception {
    Files.createDirectories(dir);
    var keyFile = dir.resolve("service-account.key");
    var pubFile = dir.resolve("service-account.pub");
    if (!Files.exists(keyFile)) {
      var keys = newRsaKeyPair();
      writePrivate(keyFile, keys.getPrivate());
      Files.writeString(pubFile, pem(keys.getPublic()));
      return keys;
    }
    var converter = new JcaPEMKeyConverter();
    try (var parser = new PEMParser(new StringReader(Files.readString(keyFile, StandardCharsets.US_ASCII)))) {
      var parsed = parser.readObject();
      var keys = switch (parsed) {
        case PEMKeyPair pair -> converter.getKeyPair(pair);
        case org.bouncycastle.asn1.pkcs.PrivateKeyInfo info -> new KeyPair(publicOf(converter.getPrivateKey(info), pubFile), converter.getPrivateKey(info));
        case null, default -> throw new IOException(keyFile + " does not hold a private key; delete it to have a new one made"
            + " (tokens signed with the old key stop working)");
      };
      if (!Files.exists(pubFile)) {
        Files.writeString(pubFile, pem(keys.getPublic()));
      }
      return keys;
    }
  }

  /** The public half of a PKCS#8 private key: computed for RSA, read from {@code pubFile} for EC (PKCS#8 need not carry it). */
  private static java.security.PublicKey publicOf(PrivateKey key, Path pubFile) throws Exception {
    if (key instanceof java.security.interfaces.RSAPrivateCrtKey rsa) {
      return java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
    if (!Files.exists(pubFile)) {
      throw new IOException(pubFile + " is missing: an EC service-account key needs its public key next to it");
    }
    try (var parser = new PEMParser(new StringReader(Files.readString(pubFile, StandardCharsets.US_ASCII)))) {
      if (parser.readObject() instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info) {
        return new JcaPEMKeyConverter().getPublicKey(info);
      }
      throw new IOException(pubFile + " does not hold a public key");
    }
  }

  /** Issues a client certificate for a user (for agents, tests and `kube4j` tooling). */
  public Issued issueClient(Path dir, String fileName, String user, String group) throws Exception {
    return issue(dir, fileName, ca, name(user, group), List.of(), KeyPurposeId.id_kp_clientAuth);
  }

  private static Issued issue(Path dir, String fileName, Issued ca, X500Name subject, List<GeneralName> sans, KeyPurposeId purpose) throws Exception {
    // client keys are RSA: every client library reads them without being told the key type (fabric8 assumes RSA)
    var keys = purpose == KeyPurposeId.id_kp_clientAuth ? newRsaKeyPair() : newKeyPair();
    var builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(), Date.from(Instant.now().minus(Duration.ofHours(1))),
        Date.from(Instant.now().plus(LEAF_VALIDITY)), subject, keys.getPublic());
    var ext = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
    if (!sans.isEmpty()) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
    }
    return save(dir, fileName, sign(builder, ca.key()), keys.getPrivate());
  }

  private static X500Name name(String cn, String organization) {
    var b = new X500NameBuilder(BCStyle.INSTANCE);
    if (organization != null) {
      b.addRDN(BCStyle.O, organization);
    }
    b.addRDN(BCStyle.CN, cn);
    return b.build();
  }

  private static boolean covers(X509Certificate cert, Set<String> dnsNames, Set<InetAddress> ips) throws Exception {
    var have = new LinkedHashSet<String>();
    var sans = cert.getSubjectAlternativeNames();
    if (sans != null) {
      for (var san : sans) {
        have.add(String.valueOf(san.get(1)));
      }
    }
    for (var n : dnsNames) {
      if (!have.contains(n)) {
        return false;
      }
    }
    for (var ip : ips) {
      if (have.stream().noneMatch(h -> sameIp(h, ip))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameIp(String text, InetAddress ip) {
    try {
      return InetAddress.getByName(text).equals(ip);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean expiresSoon(X509Certificate cert) {
    return cert.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(30)));
  }

  private static KeyPair newKeyPair() throws Exception {
    var g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static KeyPair newRsaKeyPair() throws Exception {
    var g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048, RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static Issued save(Path dir, String name, X509Certificate cert, PrivateKey key) throws IOException {
    var certFile = dir.resolve(name + ".crt");
    var keyFile = dir.resolve(name + ".key");
    Files.writeString(certFile, pem(cert));
    writePrivate(keyFile, key);
    return new Issued(cert, key, certFile, keyFile);
  }

  private static void writePrivate(Path keyFile, PrivateKey key) throws IOException {
    Files.writeString(keyFile, pem(key));
    try {
      Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing more to restrict
    }
  }

  private static Issued load(Path dir, String name) throws Exception {
    var certFile = dir.resolve(name + ".crt");
    var keyFile = dir.resolve(name + ".key");
    if (!Files.exists(certFile) || !Files.exists(keyFile)) {
      return null;
    }
    X509Certificate cert;
    try (var in = Files.newInputStream(certFile)) {
      cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    PrivateKey key;
    try (var parser = new PEMParser(new StringReader(Files.readString(keyFile, StandardCharsets.US_ASCII)))) {
      var parsed = parser.readObject();
      var converter = new JcaPEMKeyConverter();
      key = switch (parsed) {
        case PEMKeyPair pair -> converter.getKeyPair(pair).getPrivate();
        case org.bouncycastle.asn1.pkcs.PrivateKeyInfo info -> converter.getPrivateKey(info);
        default -> throw new IOException(keyFile + " does not hold a private key; delete it to have it recreated");
      };
    }
    return new Issued(cert, key, certFile, keyFile);
  }

  /** PEM text of a certificate, or of a private key in PKCS#8 form (which Go, OpenSSL and the JDK all read). */
  public static String pem(Object object) throws IOException {
    var out = new StringWriter();
    try (var w = new JcaPEMWriter(out)) {
      if (object instanceof PrivateKey key) {
        w.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
      } else {
        w.writeObject(object);
      }
    }
    return out.toString();
  }
}
