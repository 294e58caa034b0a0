package io.kube4j.controllers.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpectationsTest {

  record Case(String name, BiConsumer<Expectations, FakeClock> steps, boolean satisfied) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("nothing recorded", (e, c) -> {}, true),
        new Case("creations pending", (e, c) -> e.expectCreations("k", 2), false),
        new Case("some creations observed", (e, c) -> {
          e.expectCreations("k", 2);
          e.creationObserved("k");
        }, false),
        new Case("all creations observed", (e, c) -> {
          e.expectCreations("k", 2);
          e.creationObserved("k");
          e.creationObserved("k");
        }, true),
        new Case("deletions pending", (e, c) -> e.expectDeletions("k", List.of("u1", "u2")), false),
        new Case("same deletion observed twice counts once", (e, c) -> {
          e.expectDeletions("k", List.of("u1", "u2"));
          e.deletionObserved("k", "u1");
          e.deletionObserved("k", "u1");
        }, false),
        new Case("all deletions observed", (e, c) -> {
          e.expectDeletions("k", List.of("u1", "u2"));
          e.deletionObserved("k", "u2");
          e.deletionObserved("k", "u1");
        }, true),
        new Case("unrelated deletion observed", (e, c) -> {
          e.expectDeletions("k", List.of("u1"));
          e.deletionObserved("k", "other");
        }, false),
        new Case("pending but within TTL", (e, c) -> {
          e.expectCreations("k", 1);
          c.advance(Duration.ofMinutes(5));
        }, false),
        new Case("pending past TTL", (e, c) -> {
          e.expectCreations("k", 1);
          c.advance(Duration.ofMinutes(5).plusSeconds(1));
        }, true),
        new Case("forgotten", (e, c) -> {
          e.expectCreations("k", 1);
          e.forget("k");
        }, true),
        new Case("other key pending", (e, c) -> e.expectCreations("other", 3), true))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void satisfied(Case c) {
    var clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    var expectations = new Expectations(clock);
    c.steps().accept(expectations, clock);
    assertThat(expectations.satisfied("k")).isEqualTo(c.satisfied());
  }
}
