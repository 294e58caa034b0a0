package io.kube4j.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodDeletionOrderTest {

  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  /** A scheduled, running, ready pod created an hour ago and ready since then. */
  record P(String uid, String node, String phase, boolean ready, Duration readyFor, int restarts, Duration age, Integer cost) {
    static P base(String uid) {
      return new P(uid, "node-1", "Running", true, Duration.ofHours(1), 0, Duration.ofHours(1), null);
    }

    P node(String n) { return new P(uid, n, phase, ready, readyFor, restarts, age, cost); }
    P phase(String p) { return new P(uid, node, p, ready, readyFor, restarts, age, cost); }
    P notReady() { return new P(uid, node, phase, false, readyFor, restarts, age, cost); }
    P readyFor(Duration d) { return new P(uid, node, phase, ready, d, restarts, age, cost); }
    P restarts(int r) { return new P(uid, node, phase, ready, readyFor, r, age, cost); }
    P age(Duration a) { return new P(uid, node, phase, ready, readyFor, restarts, a, cost); }
    P cost(int c) { return new P(uid, node, phase, ready, readyFor, restarts, age, c); }

    Pod pod() {
      var b = new PodBuilder().withNewMetadata().withName(uid).withUid(uid).withCreationTimestamp(NOW.minus(age).toString())
          .endMetadata().withNewSpec().withNodeName(node).endSpec()
          .withNewStatus().withPhase(phase)
          .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
              .withLastTransitionTime(NOW.minus(readyFor).toString()).build())
          .withContainerStatuses(new ContainerStatusBuilder().withName("c").withRestartCount(restarts).withReady(ready).build())
          .endStatus();
      if (cost != null) {
        b.editMetadata().addToAnnotations(PodDeletionOrder.DELETION_COST, cost.toString()).endMetadata();
      }
      return b.build();
    }
  }

  record Case(String name, P first, P second) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    UnaryOperator<P> same = p -> p;
    return Stream.of(
        new Case("unscheduled before scheduled", P.base("a").node(null), P.base("b")),
        new Case("pending before running", P.base("a").phase("Pending"), P.base("b")),
        new Case("unknown before running", P.base("a").phase("Unknown"), P.base("b")),
        new Case("pending before unknown", P.base("a").phase("Pending"), P.base("b").phase("Unknown")),
        new Case("not ready before ready", P.base("a").notReady(), P.base("b")),
        new Case("lower deletion cost first", P.base("a").cost(-5), P.base("b")),
        new Case("lower deletion cost beats newer", P.base("a").cost(1).age(Duration.ofDays(9)), P.base("b").cost(2).age(Duration.ofSeconds(3))),
        new Case("ready for less time first", P.base("a").readyFor(Duration.ofSeconds(10)), P.base("b")),
        new Case("more restarts first", P.base("a").restarts(3), P.base("b").restarts(1)),
        new Case("newer first", P.base("a").age(Duration.ofMinutes(1)).readyFor(Duration.ofSeconds(30)),
            P.base("b").age(Duration.ofHours(5)).readyFor(Duration.ofSeconds(30))),
        new Case("unscheduled beats everything else", P.base("a").node(null).age(Duration.ofDays(3)), P.base("b").notReady().phase("Pending")),
        new Case("same age bucket: uid decides", P.base("a").age(Duration.ofSeconds(100)).readyFor(Duration.ofSeconds(100)),
            P.base("b").age(Duration.ofSeconds(101)).readyFor(Duration.ofSeconds(101))))
        .map(c -> Arguments.of(c, same));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void firstIsDeletedBeforeSecond(Case c, UnaryOperator<P> unused) {
    var first = c.first().pod();
    var second = c.second().pod();
    var comparator = PodDeletionOrder.comparator(List.of(), NOW);
    assertThat(comparator.compare(first, second)).as(c.name()).isNegative();
    assertThat(comparator.compare(second, first)).as(c.name() + " (reversed)").isPositive();
  }

  @Test
  void podsDoubledUpOnANodeGoFirst() {
    var crowdedA = P.base("a").node("crowded").pod();
    var crowdedB = P.base("b").node("crowded").pod();
    var alone = P.base("c").node("alone").age(Duration.ofSeconds(5)).readyFor(Duration.ofSeconds(5)).pod();
    var chosen = PodDeletionOrder.podsToDelete(List.of(alone, crowdedA, crowdedB), List.of(alone, crowdedA, crowdedB), 1, NOW);
    assertThat(chosen).extracting(p -> p.getMetadata().getName()).containsExactly("a");
  }

  @Test
  void podsToDeleteTakesTheFirstInOrder() {
    var pods = List.of(P.base("old").pod(), P.base("pending").phase("Pending").pod(), P.base("unscheduled").node(null).pod(),
        P.base("notready").notReady().pod());
    var chosen = PodDeletionOrder.podsToDelete(pods, pods, 3, NOW);
    assertThat(chosen).extracting(p -> p.getMetadata().getName()).containsExactly("unscheduled", "pending", "notready");
  }
}
