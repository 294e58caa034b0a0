package io.kube4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.apiserver.auth.User;
import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InFlightLimitTest {

  private static final User ALICE = new User("alice", "", List.of(User.AUTHENTICATED));
  private static final User ADMIN = new User("system:admin", "", List.of(User.MASTERS, User.AUTHENTICATED));

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
    var first = limit.acquire(request(method, path), ALICE);
    assertThatThrownBy(() -> limit.acquire(request(method, path), ALICE))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(429);
          assertThat(e.details().retryAfterSeconds()).isEqualTo(1);
        });
    var other = kind.equals("read") ? request("POST", "/api/v1/namespaces/a/pods") : request("GET", "/api/v1/pods");
    limit.acquire(other, ALICE).close();
    first.close();
    limit.acquire(request(method, path), ALICE).close();
  }

  @ParameterizedTest
  @CsvSource({"/api/v1/pods?watch=true", "/api/v1/watch/pods"})
  void watchesAreNotCounted(String path) {
    var limit = new InFlightLimit(1, 1);
    var query = path.contains("watch=true") ? Map.of("watch", java.util.List.of("true")) : Map.<String, java.util.List<String>>of();
    var watch = RequestInfo.parse("GET", path.replace("?watch=true", ""), query);
    for (int i = 0; i < 5; i++) {
      limit.acquire(watch, ALICE);
    }
    limit.acquire(request("GET", "/api/v1/pods"), ALICE).close();
  }

  @ParameterizedTest(name = "{0} {1} by system:masters is exempt")
  @CsvSource({"GET, /api/v1/pods", "POST, /api/v1/namespaces/a/pods", "PATCH, /api/v1/namespaces/a/pods/x/status"})
  void mastersAreExemptAsInUpstreamPriorityAndFairness(String method, String path) {
    var limit = new InFlightLimit(1, 1);
    var held = limit.acquire(request(method, path), ALICE);
    for (int i = 0; i < 5; i++) {
      limit.acquire(request(method, path), ADMIN);
    }
    assertThatThrownBy(() -> limit.acquire(request(method, path), ALICE)).isInstanceOf(ApiException.class);
    held.close();
    limit.acquire(request(method, path), ALICE).close();
  }
}
