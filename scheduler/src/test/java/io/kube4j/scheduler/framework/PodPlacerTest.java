package io.kube4j.scheduler.framework;

import static io.kube4j.scheduler.Fixtures.node;
import static io.kube4j.scheduler.Fixtures.nodeInfo;
import static io.kube4j.scheduler.Fixtures.pod;
import static io.kube4j.scheduler.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.scheduler.plugins.Plugins;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scheduling cycle: sampling, filtering, scoring and the failure explanation. */
class PodPlacerTest {

  @ParameterizedTest(name = "{0} nodes at {1}% -> {2}")
  @CsvSource({"5,0,5", "99,0,99", "100,0,100", "1000,0,420", "5000,0,500", "6000,0,300", "20000,0,1000", "1000,10,100", "1000,100,1000",
      "300,20,100"})
  void feasibleNodesToFind(int nodes, int percentage, int expected) {
    assertThat(PodPlacer.feasibleNodesToFind(nodes, percentage)).isEqualTo(expected);
  }

  @Test
  void picksTheLeastAllocatedFeasibleNode() {
    var nodes = List.of(
        nodeInfo(node("busy", "4", "8Gi", 110, Map.of()), pod("o", "3", "1Gi")),
        nodeInfo(node("tainted", Map.of(), taint("k", "v", "NoSchedule"))),
        nodeInfo(node("idle", "4", "8Gi", 110, Map.of())));
    var placer = new PodPlacer(Plugins.defaults(), 0, new Random(1));
    var outcome = placer.place(PodInfo.of(pod("p", "500m", "1Gi")), ClusterSnapshot.of(nodes));
    assertThat(outcome).isEqualTo(new PodPlacer.Placed("idle", 3, 2));
  }

  @Test
  void explainsEveryNodesFirstFailure() {
    var nodes = List.of(
        nodeInfo(node("n1", "1", "8Gi", 110, Map.of())),
        nodeInfo(node("n2", "1", "8Gi", 110, Map.of(), taint("key", "value", "NoExecute"))),
        nodeInfo(node("n3", "1", "8Gi", 110, Map.of())));
    var placer = new PodPlacer(Plugins.defaults(), 0, new Random(1));
    var outcome = placer.place(PodInfo.of(pod("p", "2", "1Gi")), ClusterSnapshot.of(nodes));
    assertThat(outcome).isInstanceOf(PodPlacer.Unschedulable.class);
    var failed = (PodPlacer.Unschedulable) outcome;
    assertThat(FailureMessage.filters(failed.totalNodes(), failed.rejections()))
        .isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint {key: value}, 2 Insufficient cpu.");
  }

  @Test
  void samplesAPartOfALargeClusterAndRotatesTheStart() {
    var nodes = new ArrayList<NodeInfo>();
    for (int i = 0; i < 1000; i++) {
      nodes.add(nodeInfo(node(String.format("n%04d", i), Map.of())));
    }
    var placer = new PodPlacer(Plugins.defaults(), 0, new Random(1));
    var first = (PodPlacer.Placed) placer.place(PodInfo.of(pod("a", Map.of())), ClusterSnapshot.of(nodes));
    var second = (PodPlacer.Placed) placer.place(PodInfo.of(pod("b", Map.of())), ClusterSnapshot.of(nodes));
    assertThat(first.evaluatedNodes()).isEqualTo(420);
    assertThat(first.feasibleNodes()).isEqualTo(420);
    assertThat(Integer.parseInt(first.node().substring(1))).isLessThan(420);
    assertThat(Integer.parseInt(second.node().substring(1))).isBetween(420, 839);
  }
}
