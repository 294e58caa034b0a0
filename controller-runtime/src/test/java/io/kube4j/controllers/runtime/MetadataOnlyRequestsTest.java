package io.kube4j.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataOnlyRequestsTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      GET    | /api/v1/configmaps                                        | list
      GET    | /api/v1/configmaps?limit=500&resourceVersion=0            | list
      GET    | /apis/apps/v1/replicasets?watch=true&resourceVersion=17   | watch
      GET    | /api/v1/configmaps?allowWatchBookmarks=true&watch=1       | watch
      GET    | /api/v1/configmaps?watchful=true                          | list
      DELETE | /api/v1/namespaces/a/configmaps/b                         | unchanged
      PATCH  | /api/v1/namespaces/a/configmaps/b                         | unchanged
      """)
  void asksForMetadataOnListsAndWatchesOnly(String method, String path, String expected) {
    var request = new StandardHttpRequest.Builder().uri("https://127.0.0.1:6443" + path)
        .method(method, "application/json", method.equals("GET") ? null : "{}").setHeader("Accept", "application/json").build();
    var rewritten = new StandardHttpRequest.Builder((StandardHttpRequest) request);
    new MetadataOnlyRequests().before(rewritten, request, null);
    var accept = rewritten.build().header("Accept");
    assertThat(accept).isEqualTo(switch (expected) {
      case "list" -> "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
      case "watch" -> "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
      default -> "application/json";
    });
  }
}
