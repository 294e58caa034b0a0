package io.kube4j.scheduler.plugins;

import static io.kube4j.scheduler.Fixtures.node;
import static io.kube4j.scheduler.Fixtures.nodeInfo;
import static io.kube4j.scheduler.Fixtures.pod;
import static io.kube4j.scheduler.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTermBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;
import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.ScorePlugin;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Score plugin on its own: a pod, some nodes, and the normalized scores (0..100) expected per node. */
class ScorePluginsTest {

  record Case(String name, ScorePlugin<?> plugin, Pod pod, List<NodeInfo> nodes, long[] expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case of(String name, ScorePlugin<?> plugin, Pod pod, List<NodeInfo> nodes, long... expected) {
    return new Case(name, plugin, pod, nodes, expected);
  }

  static final Map<String, String> WEB = Map.of("app", "web");

  static Pod preferNode(String key, String value, int weight) {
    return pod("p", b -> b.editSpec().withNewAffinity().withNewNodeAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(
        new PreferredSchedulingTermBuilder().withWeight(weight).withNewPreference().withMatchExpressions(
            new NodeSelectorRequirementBuilder().withKey(key).withOperator("In").withValues(value).build()).endPreference().build())
        .endNodeAffinity().endAffinity().endSpec());
  }

  static Pod preferPods(boolean anti, int weight) {
    var term = new WeightedPodAffinityTermBuilder().withWeight(weight).withPodAffinityTerm(new PodAffinityTermBuilder()
        .withTopologyKey("kubernetes.io/hostname").withNewLabelSelector().withMatchLabels(WEB).endLabelSelector().build()).build();
    return pod("p", b -> {
      var affinity = b.editSpec().withNewAffinity();
      var done = anti ? affinity.withNewPodAntiAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(term).endPodAntiAffinity()
          : affinity.withNewPodAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(term).endPodAffinity();
      return done.endAffinity().endSpec();
    });
  }

  static Pod softSpread() {
    return pod("p", b -> b.editMetadata().withLabels(WEB).endMetadata().editSpec().addNewTopologySpreadConstraint().withMaxSkew(1)
        .withTopologyKey("zone").withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector().withMatchLabels(WEB).endLabelSelector()
        .endTopologySpreadConstraint().endSpec());
  }

  static Stream<Case> cases() {
    var n4 = node("a", "4", "8Gi", 110, Map.of());
    return Stream.of(
        of("least allocated: emptier node scores higher", new NodeResourcesFit.LeastAllocated(), pod("p", "1", "2Gi"),
            List.of(nodeInfo(n4), nodeInfo(node("b", "4", "8Gi", 110, Map.of()), pod("o", "2", "4Gi"))), 75, 25),
        of("least allocated: pods without requests count as 100m/200Mi", new NodeResourcesFit.LeastAllocated(), pod("p", Map.of()),
            List.of(nodeInfo(node("c", "1", "1000Mi", 110, Map.of()))), 85),
        of("node affinity: preferred term weight, scaled to 100", new NodeAffinity.Score(), preferNode("disk", "ssd", 30),
            List.of(nodeInfo(node("a", Map.of("disk", "ssd"))), nodeInfo(node("b", Map.of()))), 100, 0),
        of("taints: fewer untolerated PreferNoSchedule is better", new TaintToleration.Score(), pod("p", Map.of()),
            List.of(nodeInfo(node("a", Map.of(), taint("x", "1", "PreferNoSchedule"), taint("y", "1", "PreferNoSchedule"))),
                nodeInfo(node("b", Map.of(), taint("x", "1", "PreferNoSchedule"))), nodeInfo(node("c", Map.of()))), 0, 50, 100),
        of("taints: tolerated PreferNoSchedule does not count", new TaintToleration.Score(),
            pod("p", b -> b.editSpec().withTolerations(new TolerationBuilder().withKey("x").withOperator("Exists").build()).endSpec()),
            List.of(nodeInfo(node("a", Map.of(), taint("x", "1", "PreferNoSchedule"))), nodeInfo(node("b", Map.of()))), 100, 100),
        of("pod affinity: preferred towards web pods", new InterPodAffinity.Score(), preferPods(false, 10),
            List.of(nodeInfo(node("a", Map.of()), pod("w", WEB)), nodeInfo(node("b", Map.of()))), 100, 0),
        of("pod anti-affinity: preferred away from web pods", new InterPodAffinity.Score(), preferPods(true, 10),
            List.of(nodeInfo(node("a", Map.of()), pod("w", WEB)), nodeInfo(node("b", Map.of()))), 0, 100),
        of("pod anti-affinity: each matching pod weighs", new InterPodAffinity.Score(), preferPods(true, 10),
            List.of(nodeInfo(node("a", Map.of()), pod("w1", WEB), pod("w2", WEB)), nodeInfo(node("b", Map.of()), pod("w3", WEB)),
                nodeInfo(node("c", Map.of()))), 0, 50, 100),
        of("soft spread: fewer matching pods in the zone is better", new PodTopologySpread.Score(), softSpread(),
            List.of(nodeInfo(node("a", Map.of("zone", "1")), pod("w1", WEB), pod("w2", WEB)), nodeInfo(node("b", Map.of("zone", "2"))),
                nodeInfo(node("c", Map.of("zone", "2")), pod("w3", WEB)), nodeInfo(node("d", Map.of()))), 0, 100, 100, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void score(Case c) {
    var pod = PodInfo.of(c.pod);
    var plugin = (ScorePlugin) c.plugin;
    var state = plugin.prepare(pod, ClusterSnapshot.of(c.nodes), c.nodes);
    assertThat(state).isNotNull();
    var scores = new long[c.nodes.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = plugin.score(pod, state, c.nodes.get(i));
    }
    plugin.normalize(scores);
    assertThat(scores).containsExactly(c.expected);
  }

  static Pod softSpreadOn(String key) {
    return pod("p", b -> b.editMetadata().withLabels(WEB).endMetadata().editSpec().addNewTopologySpreadConstraint().withMaxSkew(1)
        .withTopologyKey(key).withWhenUnsatisfiable("ScheduleAnyway").withNewLabelSelector().withMatchLabels(WEB).endLabelSelector()
        .endTopologySpreadConstraint().endSpec());
  }

  /** Only some nodes are scored: a domain's count still includes its unscored nodes, a hostname's only its own pods. */
  @ParameterizedTest(name = "soft spread on {0}, scoring {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "zone, 'b,d', '0,100'",
      "kubernetes.io/hostname, 'a,d', '0,100'",
      "kubernetes.io/hostname, 'c,a', '100,0'",
  })
  @SuppressWarnings({"unchecked", "rawtypes"})
  void softSpreadScoresTheFeasibleNodesByTheirWholeDomain(String key, String scored, String expected) {
    var all = List.of(
        nodeInfo(node("a", Map.of("zone", "1", "kubernetes.io/hostname", "a")), pod("w1", WEB), pod("w2", WEB)),
        nodeInfo(node("b", Map.of("zone", "1", "kubernetes.io/hostname", "b"))),
        nodeInfo(node("c", Map.of("zone", "2", "kubernetes.io/hostname", "c")), pod("w3", WEB)),
        nodeInfo(node("d", Map.of("zone", "2", "kubernetes.io/hostname", "d"))));
    var feasible = java.util.Arrays.stream(scored.split(","))
        .map(name -> all.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow()).toList();
    var pod = PodInfo.of(softSpreadOn(key));
    var plugin = (ScorePlugin) new PodTopologySpread.Score();
    var state = plugin.prepare(pod, ClusterSnapshot.of(all), feasible);
    var scores = new long[feasible.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = plugin.score(pod, state, feasible.get(i));
    }
    plugin.normalize(scores);
    assertThat(scores).containsExactly(java.util.Arrays.stream(expected.split(",")).mapToLong(Long::parseLong).toArray());
  }
}
