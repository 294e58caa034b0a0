package io.kube4j.apiserver.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.apiserver.ApiServer;
import io.kube4j.apiserver.auth.User;
import io.kube4j.apiserver.core.ServiceNetwork;
import io.kube4j.apiserver.http.ApiRequest;
import io.kube4j.apiserver.http.ResponseSink;
import io.kube4j.apiserver.json.Json;
import io.kube4j.storage.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The review APIs and TokenRequests through the API server's request path, as a client sees them. */
class ReviewEndpointsTest {

  static final User ADMIN = new User("system:admin", "", List.of(User.MASTERS, User.AUTHENTICATED));
  static final User JANE = new User("jane", "", List.of(User.AUTHENTICATED));
  static ApiServer api;

  record Response(int status, JsonNode body) {}

  @BeforeAll
  static void cluster() {
    api = new ApiServer(new MemoryStorage(), Clock.systemUTC(), new ApiServer.Settings("127.0.0.1", ServiceNetwork.of("10.43.0.0/16", 30000, 32767), "v1.32.0"));
    api.bootstrap(6443);
    post(ADMIN, "/api/v1/namespaces/default/serviceaccounts", "{\"metadata\":{\"name\":\"bot\"}}", Map.of());
    post(ADMIN, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", """
        {"metadata":{"name":"bot-view"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
         "subjects":[{"kind":"ServiceAccount","name":"bot","namespace":"default"}]}""", Map.of());
  }

  static Response post(User user, String path, String body, Map<String, String> headers) {
    var all = new HashMap<>(headers);
    all.put("content-type", "application/json");
    var request = new ApiRequest("POST", path, Map.of(), all, body.getBytes(StandardCharsets.UTF_8), user, "127.0.0.1");
    var out = new Response[1];
    api.handler().handle(request, new ResponseSink() {
      @Override
      public void send(int status, String contentType, byte[] bytes, Map<String, String> responseHeaders) {
        try {
          out[0] = new Response(status, Json.parse(bytes));
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      }

      @Override
      public Stream stream(int status, String contentType, Map<String, String> responseHeaders) {
        throw new AssertionError("a review is not streamed");
      }
    });
    return out[0];
  }

  /** user | impersonated user | path | body | expected status | JSON pointer | expected value at it */
  @ParameterizedTest(name = "{0} as ''{1}'' {2} -> {4} {5}")
  @CsvSource(delimiter = '|', textBlock = """
      admin | ''                                | /apis/authentication.k8s.io/v1/selfsubjectreviews | {}                                                                                              | 201 | /status/userInfo/username | system:admin
      admin | system:serviceaccount:default:bot | /apis/authentication.k8s.io/v1/selfsubjectreviews | {}                                                                                              | 201 | /status/userInfo/groups/1 | system:serviceaccounts:default
      admin | ''                                | /apis/authorization.k8s.io/v1/selfsubjectaccessreviews | {"spec":{"resourceAttributes":{"verb":"delete","resource":"nodes"}}}                       | 201 | /status/allowed           | true
      jane  | ''                                | /apis/authorization.k8s.io/v1/selfsubjectaccessreviews | {"spec":{"resourceAttributes":{"verb":"list","resource":"pods","namespace":"default"}}}    | 201 | /status/allowed           | false
      jane  | ''                                | /apis/authorization.k8s.io/v1/selfsubjectaccessreviews | {"spec":{"nonResourceAttributes":{"verb":"get","path":"/healthz"}}}                        | 201 | /status/allowed           | true
      jane  | ''                                | /apis/authorization.k8s.io/v1/selfsubjectaccessreviews | {"spec":{}}                                                                                 | 422 | /reason                   | Invalid
      admin | ''                                | /apis/authorization.k8s.io/v1/subjectaccessreviews | {"spec":{"user":"system:serviceaccount:default:bot","resourceAttributes":{"verb":"list","resource":"pods","namespace":"default"}}} | 201 | /status/allowed | true
      admin | ''                                | /apis/authorization.k8s.io/v1/subjectaccessreviews | {"spec":{"user":"system:serviceaccount:default:bot","resourceAttributes":{"verb":"list","resource":"pods","namespace":"kube-system"}}} | 201 | /status/allowed | false
      admin | ''                                | /apis/authorization.k8s.io/v1/subjectaccessreviews | {"spec":{"user":"system:serviceaccount:default:bot","resourceAttributes":{"verb":"list","resource":"pods","namespace":"default"}}} | 201 | /status/reason | RBAC: allowed by RoleBinding "bot-view/default" of ClusterRole "view" to ServiceAccount "bot/default"
      admin | ''                                | /apis/authorization.k8s.io/v1/subjectaccessreviews | {"spec":{"user":"jane","groups":["system:authenticated"],"nonResourceAttributes":{"verb":"get","path":"/version"}}} | 201 | /status/reason | RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"
      admin | ''                                | /apis/authorization.k8s.io/v1/subjectaccessreviews | {"spec":{"groups":["system:masters"],"resourceAttributes":{"verb":"*","resource":"*"}}}     | 201 | /status/allowed           | true
      admin | ''                                | /apis/authorization.k8s.io/v1/subjectaccessreviews | {"spec":{"resourceAttributes":{"verb":"list","resource":"pods"}}}                          | 422 | /message                  | SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified
      jane  | ''                                | /apis/authorization.k8s.io/v1/subjectaccessreviews | {"spec":{"user":"x","resourceAttributes":{"verb":"list","resource":"pods"}}}               | 403 | /reason                   | Forbidden
      admin | ''                                | /apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews | {"spec":{"user":"system:serviceaccount:default:bot","resourceAttributes":{"verb":"get","resource":"pods"}}} | 201 | /spec/resourceAttributes/namespace | default
      admin | ''                                | /apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews | {"spec":{"user":"system:serviceaccount:default:bot","resourceAttributes":{"verb":"get","resource":"pods"}}} | 201 | /status/allowed | true
      admin | ''                                | /apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews | {"spec":{"user":"bot","resourceAttributes":{"verb":"get","resource":"pods","namespace":"other"}}} | 400 | /message | spec.resourceAttributes.namespace must match namespace: default
      admin | system:serviceaccount:default:bot | /apis/authorization.k8s.io/v1/selfsubjectrulesreviews | {"spec":{"namespace":"default"}}                                                         | 201 | /status/incomplete        | false
      admin | ''                                | /apis/authentication.k8s.io/v1/tokenreviews       | {"spec":{"token":"abc"}}                                                                       | 201 | /status/error             | [invalid bearer token, token is not a JWT]
      admin | ''                                | /apis/authentication.k8s.io/v1/tokenreviews       | {"spec":{}}                                                                                    | 400 | /message                  | token is required for TokenReview in authentication
      admin | ''                                | /api/v1/namespaces/default/serviceaccounts/bot/token | {"spec":{"expirationSeconds":599}}                                                          | 422 | /message                  | TokenRequest.authentication.k8s.io "bot" is invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes
      admin | ''                                | /api/v1/namespaces/default/serviceaccounts/nobody/token | {}                                                                                        | 404 | /message                  | serviceaccounts "nobody" not found
      admin | ''                                | /api/v1/namespaces/default/serviceaccounts/bot/token | {"spec":{"boundObjectRef":{"kind":"ConfigMap","apiVersion":"v1","name":"x"}}}                | 400 | /message                  | cannot bind token for serviceaccount "bot" to object of type v1, Kind=ConfigMap
      admin | ''                                | /api/v1/namespaces/default/serviceaccounts/bot/token | {"spec":{"boundObjectRef":{"kind":"Pod","apiVersion":"v1","name":"missing"}}}                | 404 | /message                  | pods "missing" not found
      admin | ''                                | /api/v1/namespaces/default/serviceaccounts/bot/token | {"spec":{"boundObjectRef":{"kind":"Node","apiVersion":"v1","name":"missing"}}}               | 404 | /message                  | nodes "missing" not found
      admin | ''                                | /api/v1/namespaces/default/serviceaccounts/bot/token | {}                                                                                          | 201 | /spec/expirationSeconds   | 3600
      admin | ''                                | /api/v1/namespaces/default/serviceaccounts/bot/token | {}                                                                                          | 201 | /spec/audiences/0         | https://kubernetes.default.svc.cluster.local
      """)
  void answers(String user, String impersonate, String path, String body, int status, String pointer, String expected) {
    var headers = impersonate.isEmpty() ? Map.<String, String>of() : Map.of("impersonate-user", impersonate);
    var response = post(user.equals("admin") ? ADMIN : JANE, path, body, headers);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.body().at(pointer).asText()).as(response.body().toString()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void issuedTokensPassTheirOwnTokenReview() {
    var token = post(ADMIN, "/api/v1/namespaces/default/serviceaccounts/bot/token", "{}", Map.of()).body().at("/status/token").asText();
    var review = post(ADMIN, "/apis/authentication.k8s.io/v1/tokenreviews", "{\"spec\":{\"token\":\"" + token + "\"}}", Map.of()).body();
    assertThat(review.at("/status/authenticated").asBoolean()).isTrue();
    assertThat(review.at("/status/user/username").asText()).isEqualTo("system:serviceaccount:default:bot");
    assertThat(review.at("/status/audiences/0").asText()).isEqualTo("https://kubernetes.default.svc.cluster.local");
    assertThat(api.serviceAccountTokens().authenticate(token).name()).isEqualTo("system:serviceaccount:default:bot");
  }
}
