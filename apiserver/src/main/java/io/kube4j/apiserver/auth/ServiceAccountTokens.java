package io.kube4j.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and verifies bound service-account tokens as upstream's TokenRequest API does: JWTs signed
 * with the cluster's service-account key (RS256 for an RSA key, ES256 for a P-256 key), carrying
 * {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat}, {@code nbf}, {@code jti} and the
 * {@code kubernetes.io} claim naming the service account and the object the token is bound to.
 *
 * <p>A token verifies only while its signature, lifetime (with upstream's one-minute leeway) and
 * audience hold, and while the service account and bound objects it names still exist with the same
 * uids: deleting either one revokes every token issued for it.
 */
public final class ServiceAccountTokens implements Authenticator.TokenAuthenticator {

  /** The issuer and audience of a kube-apiserver run with upstream's defaults (as kubeadm sets them). */
  public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

  /** The smallest lifetime a TokenRequest may ask for. */
  public static final Duration MIN_LIFETIME = Duration.ofMinutes(10);

  private static final Duration LEEWAY = Duration.ofMinutes(1);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  /** Finds a stored object by resource ({@code serviceaccounts}, {@code pods}, {@code secrets}, {@code nodes}), namespace and name. */
  @FunctionalInterface
  public interface ObjectLookup {
    Optional<ObjectNode> find(String resource, String namespace, String name);
  }

  /** An object a token names: its kind ({@code Pod}, {@code Secret}, {@code Node}), name and uid. */
  public record ObjectRef(String kind, String name, String uid) {}

  /**
   * What a token is issued for.
   *
   * @param bound the Pod or Secret the token is bound to, or null
   * @param node the Node the bound Pod runs on, or null
   */
  public record Subject(String namespace, ObjectRef serviceAccount, ObjectRef bound, ObjectRef node) {}

  /** A signed token and when it stops being valid. */
  public record Issued(String token, Instant expiration) {}

  /** A verified token: who it authenticates, and which of the requested audiences it is valid for. */
  public record Verified(User user, List<String> audiences) {}

  /** Why a token does not authenticate (the message goes into a TokenReview's {@code status.error}). */
  public static final class InvalidToken extends Exception {
    public InvalidToken(String message) {
      super(message);
    }
  }

  private final KeyPair keys;
  private final String algorithm;
  private final String keyId;
  private final String issuer;
  private final List<String> apiAudiences;
  private final Clock clock;
  private final ObjectLookup objects;

  /**
   * @param keys the signing key pair (RSA, or EC P-256)
   * @param issuer the {@code iss} claim written and required
   * @param apiAudiences the audiences the API server itself accepts, the default of a TokenRequest
   */
  public ServiceAccountTokens(KeyPair keys, String issuer, List<String> apiAudiences, Clock clock, ObjectLookup objects) {
    this.keys = keys;
    this.algorithm = switch (keys.getPrivate()) {
      case RSAPrivateKey k -> "RS256";
      case ECPrivateKey k -> "ES256";
      default -> throw new IllegalArgumentException("service-account signing keys must be RSA or EC P-256, not " + keys.getPrivate().getAlgorithm());
    };
    this.keyId = keyId(keys);
    this.issuer = issuer;
    this.apiAudiences = List.copyOf(apiAudiences);
    this.clock = clock;
    this.objects = objects;
  }

  public List<String> apiAudiences() {
    return apiAudiences;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The public signing key as a JSON Web Key Set ({@code /openid/v1/jwks}), with the key id tokens carry,
   * so that others can verify tokens without asking this server.
   */
  public ObjectNode jwks() {
    var set = Json.object();
    var key = set.putArray("keys").addObject();
    key.put("use", "sig");
    switch (keys.getPublic()) {
      case java.security.interfaces.RSAPublicKey rsa -> {
        key.put("kty", "RSA");
        key.put("kid", keyId);
        key.put("alg", algorithm);
        key.put("n", B64.encodeToString(unsigned(rsa.getModulus())));
        key.put("e", B64.encodeToString(unsigned(rsa.getPublicExponent())));
      }
      case java.security.interfaces.ECPublicKey ec -> {
        key.put("kty", "EC");
        key.put("kid", keyId);
        key.put("crv", "P-256");
        key.put("alg", algorithm);
        key.put("x", B64.encodeToString(fixed(ec.getW().getAffineX(), 32)));
        key.put("y", B64.encodeToString(fixed(ec.getW().getAffineY(), 32)));
      }
      default -> throw new IllegalStateException("unexpected public key " + keys.getPublic().getAlgorithm());
    }
    return set;
  }

  /** The OpenID provider configuration ({@code /.well-known/openid-configuration}) pointing at {@code jwksUri}. */
  public ObjectNode openIdConfiguration(String jwksUri) {
    var config = Json.object();
    config.put("issuer", issuer);
    config.put("jwks_uri", jwksUri);
    config.putArray("response_types_supported").add("id_token");
    config.putArray("subject_types_supported").add("public");
    config.putArray("id_token_signing_alg_values_supported").add(algorithm);
    return config;
  }

  private static byte[] unsigned(java.math.BigInteger value) {
    var bytes = value.toByteArray();
    return bytes.length > 1 && bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static byte[] fixed(java.math.BigInteger value, int length) {
    var bytes = unsigned(value);
    var out = new byte[length];
    System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
    return out;
  }

  /** Signs a token for {@code subject}, valid for {@code audiences} from now for {@code lifetime}. */
  public Issued issue(Subject subject, List<String> audiences, Duration lifetime) {
    var now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    var expiration = now.plus(lifetime);
    var claims = Json.object();
    var aud = claims.putArray("aud");
    audiences.forEach(aud::add);
    claims.put("exp", expiration.getEpochSecond());
    claims.put("iat", now.getEpochSecond());
    claims.put("iss", issuer);
    claims.put("jti", UUID.randomUUID().toString());
    var k8s = claims.putObject("kubernetes.io");
    k8s.put("namespace", subject.namespace());
    if (subject.node() != null) {
      k8s.putObject("node").put("name", subject.node().name()).put("uid", subject.node().uid());
    }
    if (subject.bound() != null) {
      k8s.putObject(subject.bound().kind().toLowerCase()).put("name", subject.bound().name()).put("uid", subject.bound().uid());
    }
    k8s.putObject("serviceaccount").put("name", subject.serviceAccount().name()).put("uid", subject.serviceAccount().uid());
    claims.put("nbf", now.getEpochSecond());
    claims.put("sub", User.serviceAccountName(subject.namespace(), subject.serviceAccount().name()));
    var header = Json.object().put("alg", algorithm).put("kid", keyId);
    var signingInput = B64.encodeToString(Json.bytes(header)) + "." + B64.encodeToString(Json.bytes(claims));
    try {
      var signer = Signature.getInstance(jcaAlgorithm());
      signer.initSign(keys.getPrivate());
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return new Issued(signingInput + "." + B64.encodeToString(signer.sign()), expiration);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a service-account token with the " + algorithm + " key", e);
    }
  }

  /** As a bearer-token authenticator: a valid token for the API server's audiences, else null (answered with 401). */
  @Override
  public User authenticate(String token) {
    try {
      return verify(token, apiAudiences).user();
    } catch (InvalidToken e) {
      return null; // not ours or not valid: the Authenticator answers 401, as upstream does for both
    }
  }

  /**
   * Verifies a token for any of {@code audiences}.
   *
   * @throws InvalidToken when it is not a token of this issuer, or its signature, lifetime, audience, or
   *     the objects it names do not hold
   */
  public Verified verify(String token, List<String> audiences) throws InvalidToken {
    var parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidToken("token is not a JWT");
    }
    JsonNode header;
    JsonNode claims;
    byte[] signature;
    try {
      header = Json.parse(B64D.decode(parts[0]));
      claims = Json.parse(B64D.decode(parts[1]));
      signature = B64D.decode(parts[2]);
    } catch (IllegalArgumentException | IOException e) {
      throw new InvalidToken("token is not a JWT: " + e.getMessage());
    }
    if (!claims.path("iss").asText().equals(issuer)) {
      throw new InvalidToken("token is not issued by " + issuer);
    }
    if (!header.path("alg").asText().equals(algorithm) || !verifySignature(parts[0] + "." + parts[1], signature)) {
      throw new InvalidToken("invalid signature");
    }
    var now = clock.instant();
    if (!claims.path("exp").canConvertToLong() || !now.minus(LEEWAY).isBefore(Instant.ofEpochSecond(claims.path("exp").asLong()))) {
      throw new InvalidToken("service account token has expired");
    }
    if (claims.path("nbf").canConvertToLong() && now.plus(LEEWAY).isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()))) {
      throw new InvalidToken("service account token is not valid yet");
    }
    var tokenAudiences = new ArrayList<String>();
    var aud = claims.path("aud");
    if (aud.isTextual()) {
      tokenAudiences.add(aud.asText());
    } else {
      aud.forEach(a -> tokenAudiences.add(a.asText()));
    }
    var matched = audiences.stream().filter(tokenAudiences::contains).toList();
    if (matched.isEmpty()) {
      throw new InvalidToken("token audiences " + goList(tokenAudiences) + " is invalid for the target audiences " + goList(audiences));
    }
    var k8s = claims.path("kubernetes.io");
    var namespace = k8s.path("namespace").asText();
    var saName = k8s.path("serviceaccount").path("name").asText();
    var saUid = k8s.path("serviceaccount").path("uid").asText();
    if (namespace.isEmpty() || saName.isEmpty() || !claims.path("sub").asText().equals(User.serviceAccountName(namespace, saName))) {
      throw new InvalidToken("token does not name a service account");
    }
    requireLive("serviceaccounts", namespace, saName, saUid);
    var extra = new LinkedHashMap<String, List<String>>();
    for (var bound : List.of("pod", "secret", "node")) {
      var ref = k8s.path(bound);
      if (ref.isObject()) {
        var name = ref.path("name").asText();
        var uid = ref.path("uid").asText();
        requireLive(bound + "s", bound.equals("node") ? "" : namespace, name, uid);
        if (!bound.equals("secret")) {
          extra.put("authentication.kubernetes.io/" + bound + "-name", List.of(name));
          extra.put("authentication.kubernetes.io/" + bound + "-uid", List.of(uid));
        }
      }
    }
    if (claims.path("jti").isTextual()) {
      extra.put("authentication.kubernetes.io/credential-id", List.of("JTI=" + claims.path("jti").asText()));
    }
    var user = new User(User.serviceAccountName(namespace, saName), saUid, User.serviceAccountGroups(namespace), extra);
    return new Verified(user, matched);
  }

  private void requireLive(String resource, String namespace, String name, String uid) throws InvalidToken {
    var singular = resource.substring(0, resource.length() - 1);
    var object = objects.find(resource, namespace, name)
        .orElseThrow(() -> new InvalidToken(singular + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " has been deleted"));
    var actual = object.path("metadata").path("uid").asText();
    if (!actual.equals(uid)) {
      throw new InvalidToken(singular + " UID (" + actual + ") does not match claim (" + uid + ")");
    }
    if (resource.equals("pods") && object.path("metadata").path("deletionTimestamp").isTextual()) {
      var deleting = Instant.parse(object.path("metadata").path("deletionTimestamp").asText());
      if (deleting.isBefore(clock.instant().minus(LEEWAY))) {
        throw new InvalidToken("pod " + namespace + "/" + name + " is being deleted");
      }
    }
  }

  private boolean verifySignature(String signingInput, byte[] signature) {
    try {
      var verifier = Signature.getInstance(jcaAlgorithm());
      verifier.initVerify(keys.getPublic());
      verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // a malformed signature is a signature that does not verify
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot verify with the " + algorithm + " key", e);
    }
  }

  /** JWS ES256 signatures are the raw r||s pair, which the JDK calls P1363 format. */
  private String jcaAlgorithm() {
    return algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format";
  }

  /** Upstream's key id: the unpadded base64url SHA-256 of the public key's DER (PKIX) encoding. */
  static String keyId(KeyPair keys) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String goList(List<String> values) {
    return "[" + String.join(" ", values) + "]";
  }
}
