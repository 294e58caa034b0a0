package io.kube4j.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutArithmeticTest {

  static IntOrString value(String text) {
    return text.endsWith("%") ? new IntOrString(text) : new IntOrString(Integer.parseInt(text));
  }

  /** Surge rounds up, unavailable rounds down, both zero → one unavailable (upstream's ResolveFenceposts). */
  @ParameterizedTest(name = "surge {0} unavailable {1} of {2} → {3}/{4}")
  @CsvSource({
      "25%, 25%, 10, 3, 2",
      "25%, 25%, 4, 1, 1",
      "25%, 25%, 1, 1, 0",
      "25%, 25%, 3, 1, 0",
      "0, 0, 5, 0, 1",
      "0%, 0%, 5, 0, 1",
      "10%, 10%, 5, 1, 0",
      "30%, 20%, 10, 3, 2",
      "2, 1, 10, 2, 1",
      "100%, 0, 3, 3, 0",
      "0, 100%, 3, 0, 3",
      "1%, 99%, 0, 0, 0"})
  void fenceposts(String surge, String unavailable, int replicas, int expectedSurge, int expectedUnavailable) {
    var f = RolloutArithmetic.resolve(value(surge), value(unavailable), replicas);
    if (replicas == 0) {
      // Upstream resolves to 0/0 → unavailable 1; maxUnavailable(d) then clamps to the replica count.
      assertThat(f).isEqualTo(new RolloutArithmetic.Fenceposts(0, 1));
      return;
    }
    assertThat(f).isEqualTo(new RolloutArithmetic.Fenceposts(expectedSurge, expectedUnavailable));
  }

  static Deployment deployment(int replicas, String surge, String unavailable) {
    return new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate().withMaxSurge(value(surge)).withMaxUnavailable(value(unavailable))
        .endRollingUpdate().endStrategy().endSpec().build();
  }

  static ReplicaSet rs(int replicas) {
    return new ReplicaSetBuilder().withNewMetadata().withName("rs" + replicas).endMetadata().withNewSpec().withReplicas(replicas).endSpec()
        .build();
  }

  @ParameterizedTest(name = "replicas {0}, surge {1}: old {2} new {3} → new {4}")
  @CsvSource({
      "10, 25%, 10, 0, 3",
      "10, 25%, 9, 3, 4",
      "10, 25%, 10, 3, 3",
      "10, 25%, 0, 8, 10",
      "4, 1, 4, 0, 1",
      "4, 0, 4, 0, 0",
      "4, 0, 3, 0, 1",
      "3, 100%, 3, 0, 3"})
  void newReplicaSetGrowsWithinSurge(int replicas, String surge, int oldReplicas, int newReplicas, int expected) {
    var d = deployment(replicas, surge, "25%");
    var newRs = rs(newReplicas);
    assertThat(RolloutArithmetic.newReplicaSetReplicas(d, List.of(rs(oldReplicas), newRs), newRs)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "all {0}, replicas {1}, maxUnavailable {2}, new {3}/{4} available → {5}")
  @CsvSource({
      "13, 10, 2, 3, 0, 2",
      "13, 10, 2, 3, 3, 5",
      "12, 10, 2, 2, 1, 3",
      "10, 10, 0, 1, 0, -1"})
  void oldScaleDownKeepsMinimumAvailable(int all, int replicas, int maxUnavailable, int newSpec, int newAvailable, int expected) {
    assertThat(RolloutArithmetic.maxOldScaleDown(all, replicas, maxUnavailable, newSpec, newAvailable)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "Recreate or zero replicas → 0 ({0} replicas, {1})")
  @CsvSource({"0, RollingUpdate", "5, Recreate"})
  void maxUnavailableIsZeroWithoutRollingReplicas(int replicas, String strategy) {
    var d = deployment(replicas, "25%", "25%");
    d.getSpec().getStrategy().setType(strategy);
    if (strategy.equals("Recreate")) {
      d.getSpec().getStrategy().setRollingUpdate(null);
    }
    assertThat(RolloutArithmetic.maxUnavailable(d)).isZero();
    assertThat(RolloutArithmetic.maxSurge(d)).isZero();
  }

  @ParameterizedTest(name = "spec {0}, status available {1} → counted {2}")
  @CsvSource({
      "10, 10, 10",
      "8, 10, 8",   // just scaled down: the two pods about to be deleted do not count
      "0, 3, 0",
      "5, 2, 2",
      "5, , 0"})
  void availabilityNeverCountsMoreThanTheSpec(int spec, Integer statusAvailable, int expected) {
    var set = rs(spec);
    if (statusAvailable != null) {
      set.setStatus(new io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder().withAvailableReplicas(statusAvailable).build());
    }
    assertThat(RolloutArithmetic.availableWithinSpec(set)).isEqualTo(expected);
  }
}
