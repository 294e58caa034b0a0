package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.auth.ServiceAccountTokens.ObjectRef;
import io.kube4j.apiserver.auth.ServiceAccountTokens.Subject;
import io.kube4j.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceAccountTokensTest {

  static final String API = ServiceAccountTokens.DEFAULT_ISSUER;
  static final KeyPair RSA = keys("RSA");
  static final KeyPair OTHER_RSA = keys("RSA");
  static final KeyPair EC = keys("EC");

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** Stored objects by "resource/namespace/name". */
  static final class Objects implements ServiceAccountTokens.ObjectLookup {
    final Map<String, ObjectNode> byKey = new HashMap<>();

    void put(String resource, String namespace, String name, String uid) {
      var o = Json.object();
      o.putObject("metadata").put("name", name).put("namespace", namespace).put("uid", uid);
      byKey.put(resource + "/" + namespace + "/" + name, o);
    }

    void remove(String resource, String namespace, String name) {
      byKey.remove(resource + "/" + namespace + "/" + name);
    }

    @Override
    public Optional<ObjectNode> find(String resource, String namespace, String name) {
      return Optional.ofNullable(byKey.get(resource + "/" + namespace + "/" + name));
    }
  }

  /** One world: the issuer, its clock, its objects, and a token issued for default/bot bound to pod web on node n1. */
  static final class World {
    final ManualClock clock = new ManualClock();
    final Objects objects = new Objects();
    final ServiceAccountTokens tokens;
    String token;

    World(KeyPair keys, List<String> audiences) {
      tokens = new ServiceAccountTokens(keys, API, List.of(API), clock, objects);
      objects.put("serviceaccounts", "default", "bot", "sa-1");
      objects.put("pods", "default", "web", "pod-1");
      objects.put("nodes", "", "n1", "node-1");
      token = tokens.issue(new Subject("default", new ObjectRef("ServiceAccount", "bot", "sa-1"), new ObjectRef("Pod", "web", "pod-1"),
          new ObjectRef("Node", "n1", "node-1")), audiences, Duration.ofHours(1)).token();
    }
  }

  record Case(String name, KeyPair keys, List<String> audiences, Consumer<World> change, String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("valid", RSA, List.of(API), w -> { }, null),
        new Case("valid with an EC key", EC, List.of(API), w -> { }, null),
        new Case("valid within the minute of leeway after expiry", RSA, List.of(API), w -> w.clock.now = w.clock.now.plusSeconds(3600 + 30), null),
        new Case("expired", RSA, List.of(API), w -> w.clock.now = w.clock.now.plusSeconds(3600 + 61), "service account token has expired"),
        new Case("not valid yet", RSA, List.of(API), w -> w.clock.now = w.clock.now.minusSeconds(120), "not valid yet"),
        new Case("wrong audience", RSA, List.of("vault"), w -> { }, "token audiences [vault] is invalid for the target audiences [" + API + "]"),
        new Case("signed by another key", RSA, List.of(API), w -> w.token = reSign(w.token, OTHER_RSA), "invalid signature"),
        new Case("claims changed after signing", RSA, List.of(API), w -> w.token = withClaim(w.token, "sub", "system:serviceaccount:default:admin"),
            "invalid signature"),
        new Case("service account deleted", RSA, List.of(API), w -> w.objects.remove("serviceaccounts", "default", "bot"),
            "serviceaccount default/bot has been deleted"),
        new Case("service account recreated with a new uid", RSA, List.of(API), w -> w.objects.put("serviceaccounts", "default", "bot", "sa-2"),
            "serviceaccount UID (sa-2) does not match claim (sa-1)"),
        new Case("bound pod deleted", RSA, List.of(API), w -> w.objects.remove("pods", "default", "web"), "pod default/web has been deleted"),
        new Case("bound pod recreated", RSA, List.of(API), w -> w.objects.put("pods", "default", "web", "pod-2"),
            "pod UID (pod-2) does not match claim (pod-1)"),
        new Case("node of the pod gone", RSA, List.of(API), w -> w.objects.remove("nodes", "", "n1"), "node n1 has been deleted"),
        new Case("not a JWT", RSA, List.of(API), w -> w.token = "abc.def", "token is not a JWT"),
        new Case("another issuer", RSA, List.of(API), w -> w.token = withClaim(w.token, "iss", "https://elsewhere"), "not issued by"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifies(Case c) throws Exception {
    var world = new World(c.keys(), c.audiences());
    c.change().accept(world);
    if (c.error() == null) {
      var verified = world.tokens.verify(world.token, List.of(API));
      assertThat(verified.user().name()).isEqualTo("system:serviceaccount:default:bot");
      assertThat(verified.user().uid()).isEqualTo("sa-1");
      assertThat(verified.user().groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:default");
      assertThat(verified.user().extra()).containsEntry("authentication.kubernetes.io/pod-name", List.of("web"))
          .containsEntry("authentication.kubernetes.io/pod-uid", List.of("pod-1"))
          .containsEntry("authentication.kubernetes.io/node-name", List.of("n1"))
          .containsKey("authentication.kubernetes.io/credential-id");
      assertThat(verified.audiences()).containsExactly(API);
      assertThat(world.tokens.authenticate(world.token)).isEqualTo(verified.user());
    } else {
      assertThatThrownBy(() -> world.tokens.verify(world.token, List.of(API)))
          .isInstanceOf(ServiceAccountTokens.InvalidToken.class)
          .hasMessageContaining(c.error());
      assertThat(world.tokens.authenticate(world.token)).isNull();
    }
  }

  @Test
  void claimsAreUpstreams() throws Exception {
    var world = new World(RSA, List.of(API, "vault"));
    var parts = world.token.split("\\.");
    var header = Json.parse(Base64.getUrlDecoder().decode(parts[0]));
    var claims = Json.parse(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).isEqualTo(ServiceAccountTokens.keyId(RSA)).isNotEmpty();
    assertThat(claims.path("iss").asText()).isEqualTo(API);
    assertThat(claims.path("sub").asText()).isEqualTo("system:serviceaccount:default:bot");
    assertThat(claims.path("aud").toString()).isEqualTo("[\"" + API + "\",\"vault\"]");
    var now = world.clock.now.getEpochSecond();
    assertThat(claims.path("iat").asLong()).isEqualTo(now);
    assertThat(claims.path("nbf").asLong()).isEqualTo(now);
    assertThat(claims.path("exp").asLong()).isEqualTo(now + 3600);
    assertThat(claims.path("jti").asText()).isNotEmpty();
    var k8s = claims.path("kubernetes.io");
    assertThat(k8s.path("namespace").asText()).isEqualTo("default");
    assertThat(k8s.path("serviceaccount").toString()).isEqualTo("{\"name\":\"bot\",\"uid\":\"sa-1\"}");
    assertThat(k8s.path("pod").toString()).isEqualTo("{\"name\":\"web\",\"uid\":\"pod-1\"}");
    assertThat(k8s.path("node").toString()).isEqualTo("{\"name\":\"n1\",\"uid\":\"node-1\"}");
    // a token for two audiences verifies for either, and reports which one matched
    assertThat(world.tokens.verify(world.token, List.of("vault", "other")).audiences()).containsExactly("vault");
  }

  @Test
  void publishedKeysVerifyIssuedTokens() throws Exception {
    for (var keys : List.of(RSA, EC)) {
      var world = new World(keys, List.of(API));
      var jwk = world.tokens.jwks().path("keys").get(0);
      assertThat(jwk.path("kid").asText()).isEqualTo(ServiceAccountTokens.keyId(keys));
      java.security.PublicKey published;
      String algorithm;
      if (jwk.path("kty").asText().equals("RSA")) {
        published = java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(
            new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
            new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()))));
        algorithm = "SHA256withRSA";
      } else {
        var params = ((java.security.interfaces.ECPublicKey) keys.getPublic()).getParams();
        published = java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(new java.security.spec.ECPoint(
            new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("x").asText())),
            new java.math.BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("y").asText()))), params));
        algorithm = "SHA256withECDSAinP1363Format";
      }
      var parts = world.token.split("\\.");
      var verifier = java.security.Signature.getInstance(algorithm);
      verifier.initVerify(published);
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).as(jwk.toString()).isTrue();
      assertThat(world.tokens.openIdConfiguration("https://h/openid/v1/jwks").path("issuer").asText()).isEqualTo(API);
    }
  }

  /** The token with its signature replaced by one from {@code other}: same header and claims, foreign key. */
  static String reSign(String token, KeyPair other) {
    var parts = token.split("\\.");
    try {
      var signer = java.security.Signature.getInstance("SHA256withRSA");
      signer.initSign(other.getPrivate());
      signer.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** The token with one claim changed and the original signature kept. */
  static String withClaim(String token, String claim, String value) {
    var parts = token.split("\\.");
    try {
      var claims = (ObjectNode) Json.parse(Base64.getUrlDecoder().decode(parts[1]));
      claims.put(claim, value);
      return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(claims)) + "." + parts[2];
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair keys(String algorithm) {
    try {
      var generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
