package io.kube4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.machinery.errors.ApiException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InFlightLimitTest {

  private static RequestInfo request(String method, String path) {
    return RequestInfo.parse(method, path, Map.of());
  }

  @ParameterizedTest(name = "{0} {1} is limited as {2}")
  @CsvSource({
      "GET, /api/v1/pods, read",
      "GET, /api/v1/namespaces/a/pods/x, read",
      "GET, /version, read",
      "POST, /api/v1/namespaces/a/pods, write",
      "PUT, /api/v1/namespaces/a/pods/x, write",
      "PATCH, /api/v1/namespaces/a/pods/x, write",
      "DELETE, /api/v1/namespaces/a/pods/x, write",
      "DELETE, /api/v1/namespaces/a/pods, write",
  })
  void theSecondRequestOfAKindOver429sAndFreedSlotsAreReused(String method, String path, String kind) {
    var limit = new InFlightLimit(1, 1);
    var first = limit.acquire(request(method, path));
    assertThatThrownBy(() -> limit.acquire(request(method, path)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(429);
          assertThat(e.details().retryAfterSeconds()).isEqualTo(1);
        });
    var other = kind.equals("read") ? request("POST", "/api/v1/namespaces/a/pods") : request("GET", "/api/v1/pods");
    limit.acquire(other).close();
    first.close();
    limit.acquire(request(method, path)).close();
  }

  @ParameterizedTest
  @CsvSource({"/api/v1/pods?watch=true", "/api/v1/watch/pods"})
  void watchesAreNotCounted(String path) {
    var limit = new InFlightLimit(1, 1);
    var query = path.contains("watch=true") ? Map.of("watch", java.util.List.of("true")) : Map.<String, java.util.List<String>>of();
    var watch = RequestInfo.parse("GET", path.replace("?watch=true", ""), query);
    for (int i = 0; i < 5; i++) {
      limit.acquire(watch);
    }
    limit.acquire(request("GET", "/api/v1/pods")).close();
  }
}
