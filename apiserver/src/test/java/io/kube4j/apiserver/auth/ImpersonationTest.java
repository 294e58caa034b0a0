package io.kube4j.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.machinery.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImpersonationTest {

  static final User ADMIN = new User("system:admin", "", List.of(User.MASTERS, User.AUTHENTICATED));
  static final User DEV = new User("dev", "", List.of(User.AUTHENTICATED));

  /** Allows masters everything, and {@code dev} to impersonate only the service account default/bot and the group qa. */
  final List<String> asked = new ArrayList<>();
  final Impersonation impersonation = new Impersonation((user, request) -> {
    asked.add(request.verb() + " " + request.group() + "/" + request.resource() + (request.subresource().isEmpty() ? "" : "/" + request.subresource())
        + " " + request.namespace() + "/" + request.name());
    if (user.inGroup(User.MASTERS)) {
      return Authorizer.Decision.allow("masters");
    }
    var allowed = request.resource().equals("serviceaccounts") && request.namespace().equals("default") && request.name().equals("bot")
        || request.resource().equals("groups") && request.name().equals("qa");
    return allowed ? Authorizer.Decision.allow("test") : Authorizer.Decision.deny("test");
  });

  static Stream<Arguments> allowed() {
    return Stream.of(
        Arguments.of(ADMIN, Map.of(), ADMIN, List.of()),
        Arguments.of(ADMIN, Map.of("impersonate-user", "jane"), new User("jane", "", List.of(User.AUTHENTICATED)),
            List.of("impersonate /users /jane")),
        Arguments.of(ADMIN, Map.of("impersonate-user", "jane", "impersonate-group", "devs,ops"),
            new User("jane", "", List.of("devs", "ops", User.AUTHENTICATED)),
            List.of("impersonate /users /jane", "impersonate /groups /devs", "impersonate /groups /ops")),
        Arguments.of(DEV, Map.of("impersonate-user", "system:serviceaccount:default:bot"),
            new User("system:serviceaccount:default:bot", "", List.of("system:serviceaccounts", "system:serviceaccounts:default", User.AUTHENTICATED)),
            List.of("impersonate /serviceaccounts default/bot")),
        Arguments.of(DEV, Map.of("impersonate-user", "system:serviceaccount:default:bot", "impersonate-group", "qa"),
            new User("system:serviceaccount:default:bot", "", List.of("qa", User.AUTHENTICATED)),
            List.of("impersonate /serviceaccounts default/bot", "impersonate /groups /qa")),
        Arguments.of(ADMIN, Map.of("impersonate-user", "system:anonymous"), new User("system:anonymous", "", List.of("system:unauthenticated")),
            List.of("impersonate /users /system:anonymous")),
        Arguments.of(ADMIN, Map.of("impersonate-user", "jane", "impersonate-uid", "42", "impersonate-extra-scopes", "view,edit"),
            new User("jane", "42", List.of(User.AUTHENTICATED), Map.of("scopes", List.of("view", "edit"))),
            List.of("impersonate /users /jane", "impersonate authentication.k8s.io/uids /42",
                "impersonate authentication.k8s.io/userextras/scopes /view", "impersonate authentication.k8s.io/userextras/scopes /edit")));
  }

  @ParameterizedTest
  @MethodSource("allowed")
  void actsAsTheImpersonatedUserAfterCheckingEachAttribute(User requester, Map<String, String> headers, User expected, List<String> checks) {
    assertThat(impersonation.apply(requester, headers)).isEqualTo(expected);
    assertThat(asked).containsExactlyElementsOf(checks);
  }

  @Test
  void refusesWhatTheRequesterMayNotImpersonate() {
    assertThatThrownBy(() -> impersonation.apply(DEV, Map.of("impersonate-user", "system:admin")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(403))
        .hasMessage("users \"system:admin\" is forbidden: User \"dev\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
    assertThatThrownBy(() -> impersonation.apply(DEV, Map.of("impersonate-user", "system:serviceaccount:default:bot", "impersonate-group", "system:masters")))
        .hasMessage("groups \"system:masters\" is forbidden: User \"dev\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope");
    assertThatThrownBy(() -> impersonation.apply(DEV, Map.of("impersonate-user", "system:serviceaccount:kube-system:bot")))
        .hasMessage("serviceaccounts \"bot\" is forbidden: User \"dev\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"kube-system\"");
  }

  @Test
  void groupsWithoutAUserAreABadRequest() {
    assertThatThrownBy(() -> impersonation.apply(ADMIN, Map.of("impersonate-group", "devs")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
