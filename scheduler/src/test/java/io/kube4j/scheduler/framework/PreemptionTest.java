package io.kube4j.scheduler.framework;

import static io.kube4j.scheduler.Fixtures.node;
import static io.kube4j.scheduler.Fixtures.pod;
import static io.kube4j.scheduler.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.plugins.Plugins;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Preemption: which node and which victims, or none. */
class PreemptionTest {

  static PodInfo p(String name, String cpu, int priority) {
    return PodInfo.of(pod(name, cpu, "1Mi"), priority);
  }

  record Case(String name, PodInfo pod, List<NodeInfo> nodes, String node, List<String> victims) {
    @Override
    public String toString() {
      return name;
    }
  }

  static NodeInfo twoCpu(String name, PodInfo... pods) {
    return NodeInfo.of(node(name, "2", "8Gi", 110, Map.of()), pods);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("evicts the lower-priority pod", p("high", "2", 100), List.of(twoCpu("n1", p("low", "1500m", 0))), "n1", List.of("low")),
        new Case("no lower-priority pods: nothing to do", p("mid", "2", 0), List.of(twoCpu("n1", p("same", "1500m", 0))), null, null),
        new Case("keeps pods that can stay (reprieve, highest priority first)", p("high", "1", 100),
            List.of(twoCpu("n1", p("a", "1", 10), p("b", "500m", 5), p("c", "500m", 1))), "n1", List.of("b", "c")),
        new Case("prefers the node whose victims have the lowest priority", p("high", "2", 100),
            List.of(twoCpu("n1", p("x", "1", 50)), twoCpu("n2", p("y", "1", 10))), "n2", List.of("y")),
        new Case("a tainted node is not a candidate", p("high", "1", 100),
            List.of(NodeInfo.of(node("n1", "2", "8Gi", 110, Map.of(), taint("k", "v", "NoSchedule")), p("low", "2", 0))), null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void preempt(Case c) {
    var snapshot = ClusterSnapshot.of(c.nodes);
    var outcome = new PodPlacer(Plugins.defaults(), 0, new Random(1)).place(c.pod, snapshot);
    assertThat(outcome).isInstanceOf(PodPlacer.Unschedulable.class);
    var candidate = new Preemption(Plugins.defaults()).find(c.pod, snapshot, ((PodPlacer.Unschedulable) outcome).rejections());
    if (c.node == null) {
      assertThat(candidate).isNull();
    } else {
      assertThat(candidate.node()).isEqualTo(c.node);
      assertThat(candidate.victims().stream().map(PodInfo::name)).containsExactlyInAnyOrderElementsOf(c.victims);
    }
  }
}
