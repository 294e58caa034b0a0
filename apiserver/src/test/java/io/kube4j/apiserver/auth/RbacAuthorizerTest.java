package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.ApiServer;
import io.kube4j.apiserver.core.ServiceNetwork;
import io.kube4j.apiserver.http.RequestInfo;
import io.kube4j.apiserver.json.Json;
import io.kube4j.apiserver.registry.WriteOptions;
import io.kube4j.storage.MemoryStorage;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacAuthorizerTest {

  static ApiServer api;
  static RbacAuthorizer rbac;
  static final User BOT = new User("system:serviceaccount:default:bot", "u1", List.of("system:serviceaccounts", "system:serviceaccounts:default",
      User.AUTHENTICATED));

  @BeforeAll
  static void cluster() throws Exception {
    api = new ApiServer(new MemoryStorage(), Clock.systemUTC(), new ApiServer.Settings("127.0.0.1", ServiceNetwork.of("10.43.0.0/16", 30000, 32767), "v1.32.0"));
    api.bootstrap(6443);
    rbac = new RbacAuthorizer(api.store("rbac.authorization.k8s.io", "roles"), api.store("rbac.authorization.k8s.io", "clusterroles"),
        api.store("rbac.authorization.k8s.io", "rolebindings"), api.store("rbac.authorization.k8s.io", "clusterrolebindings"));
    var binding = (ObjectNode) Json.parse("""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"bot-view","namespace":"default"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
         "subjects":[{"kind":"ServiceAccount","name":"bot","namespace":"default"}]}
        """.getBytes());
    api.store("rbac.authorization.k8s.io", "rolebindings").create("default", binding, new WriteOptions(false, "test", false, false));
  }

  /** One rule against one request: verbs|groups|resources|resourceNames|nonResourceURLs (';'-separated lists), then the request. */
  @ParameterizedTest(name = "{0} {1}/{2}/{3} name={4} path={5}: {6}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # request verb | group | resource | subresource | name | path | allowed | rule verbs | groups | resources | names | urls
      get    | ''   | pods        | ''     | web | -          | true  | get;list | ''    | pods        | -      | -
      delete | ''   | pods        | ''     | web | -          | false | get;list | ''    | pods        | -      | -
      get    | apps | pods        | ''     | web | -          | false | get      | ''    | pods        | -      | -
      get    | apps | deployments | ''     | web | -          | true  | *        | *     | *           | -      | -
      get    | ''   | pods        | log    | web | -          | false | get      | ''    | pods        | -      | -
      get    | ''   | pods        | log    | web | -          | true  | get      | ''    | pods/log    | -      | -
      get    | ''   | pods        | log    | web | -          | true  | get      | ''    | */log       | -      | -
      get    | ''   | pods        | status | web | -          | false | get      | ''    | */log       | -      | -
      get    | ''   | pods        | log    | web | -          | true  | get      | ''    | *           | -      | -
      get    | ''   | pods        | log    | web | -          | false | get      | ''    | pods/*      | -      | -
      get    | ''   | secrets     | ''     | a   | -          | true  | get      | ''    | secrets     | a;b    | -
      get    | ''   | secrets     | ''     | c   | -          | false | get      | ''    | secrets     | a;b    | -
      list   | ''   | secrets     | ''     | ''  | -          | false | list     | ''    | secrets     | a      | -
      get    | -    | -           | -      | -   | /healthz   | true  | get      | -     | -           | -      | /healthz
      get    | -    | -           | -      | -   | /apis/apps | true  | get      | -     | -           | -      | /apis/*
      get    | -    | -           | -      | -   | /api       | false | get      | -     | -           | -      | /apis/*
      post   | -    | -           | -      | -   | /healthz   | false | get      | -     | -           | -      | /healthz
      get    | -    | -           | -      | -   | /healthz   | false | get      | ''    | pods        | -      | -
      get    | ''   | pods        | ''     | web | -          | false | get      | -     | -           | -      | *
      """)
  void ruleMatching(String verb, String group, String resource, String subresource, String name, String path, boolean allowed,
      String verbs, String groups, String resources, String names, String urls) {
    var rule = Json.object();
    list(rule, "verbs", verbs);
    list(rule, "apiGroups", groups);
    list(rule, "resources", resources);
    list(rule, "resourceNames", names);
    list(rule, "nonResourceURLs", urls);
    var request = path != null
        ? new RequestInfo(false, verb, path, "", "", "", "", "", "", "")
        : new RequestInfo(true, verb, "", "api", group, "v1", "default", resource, name, subresource);
    assertThat(RbacAuthorizer.ruleAllows(rule, request)).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0} {1} {2} in \"{3}\": {4}")
  @CsvSource(delimiter = '|', textBlock = """
      list   | ''                    | pods                     | default     | true
      list   | ''                    | pods                     | kube-system | false
      delete | ''                    | pods                     | default     | false
      get    | ''                    | secrets                  | default     | false
      create | authorization.k8s.io  | selfsubjectaccessreviews | ''          | true
      create | authentication.k8s.io | selfsubjectreviews       | ''          | true
      create | authentication.k8s.io | tokenreviews             | ''          | false
      """)
  void boundServiceAccount(String verb, String group, String resource, String namespace, boolean allowed) {
    var request = new RequestInfo(true, verb, "", "api", group, "v1", namespace, resource, "", "");
    assertThat(rbac.authorize(BOT, request).allowed()).isEqualTo(allowed);
  }

  @Test
  void rulesForJoinClusterAndNamespaceBindings() {
    var inDefault = rbac.rulesFor(BOT, "default").stream().map(Object::toString).toList();
    assertThat(inDefault).anyMatch(r -> r.contains("\"selfsubjectaccessreviews\""))
        .anyMatch(r -> r.contains("\"nonResourceURLs\"") && r.contains("/healthz"))
        .anyMatch(r -> r.contains("\"pods\"") && r.contains("\"list\""));
    var inKubeSystem = rbac.rulesFor(BOT, "kube-system").stream().map(Object::toString).toList();
    assertThat(inKubeSystem).noneMatch(r -> r.contains("\"pods\""));
    assertThat(inKubeSystem.size()).isLessThan(inDefault.size());
    var stranger = new User("jane", "", List.of("devs"));
    assertThat(rbac.rulesFor(stranger, "default")).isEmpty();
  }

  private static void list(ObjectNode rule, String field, String value) {
    if (value == null) {
      return;
    }
    var array = rule.putArray(field);
    for (var v : value.split(";", -1)) {
      array.add(v);
    }
  }
}
