package io.kube4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestInfoTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      // method | path | query watch | resource? | verb | group | version | namespace | resource | name | subresource
      "GET    | /api/v1/pods                                   | -    | true  | list             | ''   | v1 | ''     | pods        | ''    | ''",
      "GET    | /api/v1/namespaces/a/pods                      | -    | true  | list             | ''   | v1 | a      | pods        | ''    | ''",
      "GET    | /api/v1/namespaces/a/pods/web                  | -    | true  | get              | ''   | v1 | a      | pods        | web   | ''",
      "GET    | /api/v1/namespaces/a/pods/web/log              | -    | true  | get              | ''   | v1 | a      | pods        | web   | log",
      "GET    | /api/v1/namespaces/a/pods                      | true | true  | watch            | ''   | v1 | a      | pods        | ''    | ''",
      "GET    | /api/v1/watch/namespaces/a/pods                | -    | true  | watch            | ''   | v1 | a      | pods        | ''    | ''",
      "POST   | /apis/apps/v1/namespaces/a/deployments         | -    | true  | create           | apps | v1 | a      | deployments | ''    | ''",
      "PUT    | /apis/apps/v1/namespaces/a/deployments/d/scale | -    | true  | update           | apps | v1 | a      | deployments | d     | scale",
      "PATCH  | /apis/apps/v1/namespaces/a/deployments/d       | -    | true  | patch            | apps | v1 | a      | deployments | d     | ''",
      "DELETE | /api/v1/namespaces/a/configmaps                | -    | true  | deletecollection | ''   | v1 | a      | configmaps  | ''    | ''",
      "DELETE | /api/v1/namespaces/a/configmaps/c              | -    | true  | delete           | ''   | v1 | a      | configmaps  | c     | ''",
      "GET    | /api/v1/namespaces                             | -    | true  | list             | ''   | v1 | ''     | namespaces  | ''    | ''",
      "GET    | /api/v1/namespaces/doomed                      | -    | true  | get              | ''   | v1 | doomed | namespaces  | doomed| ''",
      "PUT    | /api/v1/namespaces/doomed/finalize             | -    | true  | update           | ''   | v1 | doomed | namespaces  | doomed| finalize",
      "PUT    | /api/v1/namespaces/doomed/status               | -    | true  | update           | ''   | v1 | doomed | namespaces  | doomed| status",
      "GET    | /api/v1/nodes/n1/status                        | -    | true  | get              | ''   | v1 | ''     | nodes       | n1    | status",
      "GET    | /apis/apps/v1                                  | -    | false | get              | ''   | '' | ''     | ''          | ''    | ''",
      "GET    | /api                                           | -    | false | get              | ''   | '' | ''     | ''          | ''    | ''",
      "GET    | /healthz                                       | -    | false | get              | ''   | '' | ''     | ''          | ''    | ''",
  })
  void readsPathsAsUpstreamDoes(String method, String path, String watch, boolean resourceRequest, String verb, String group, String version,
      String namespace, String resource, String name, String subresource) {
    var query = watch == null ? Map.<String, List<String>>of() : Map.of("watch", List.of(watch));
    var info = RequestInfo.parse(method, path, query);
    assertThat(info.resourceRequest()).isEqualTo(resourceRequest);
    assertThat(info.verb()).isEqualTo(verb);
    if (resourceRequest) {
      assertThat(List.of(info.group(), info.version(), info.namespace(), info.resource(), info.name(), info.subresource()))
          .containsExactly(group, version, namespace, resource, name, subresource);
    }
  }
}
