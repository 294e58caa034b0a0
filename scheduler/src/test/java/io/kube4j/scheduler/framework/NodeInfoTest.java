package io.kube4j.scheduler.framework;

import static io.kube4j.scheduler.Fixtures.node;
import static io.kube4j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeInfoTest {

  static final Map<String, String> WEB = Map.of("app", "web");

  @Test
  void podsAreGroupedByNamespaceLabelsAndTerminationAndTheGroupsFollowAddsAndRemoves() {
    var info = NodeInfo.of(node("n1", Map.of()));
    var web1 = PodInfo.of(pod("web-1", WEB));
    var web2 = PodInfo.of(pod("web-2", new java.util.HashMap<>(WEB)));
    var elsewhere = PodInfo.of(pod("web-3", b -> b.editMetadata().withNamespace("other").withLabels(WEB).endMetadata()));
    var leaving = PodInfo.of(pod("web-4", b -> b.editMetadata().withLabels(WEB).withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata()));
    var unlabelled = PodInfo.of(pod("bare", Map.of()));
    for (var pod : new PodInfo[] {web1, web2, elsewhere, leaving, unlabelled}) {
      info.addPod(pod);
    }
    assertThat(groups(info)).containsOnly(
        Map.entry(web1.selectable(), 2),
        Map.entry(elsewhere.selectable(), 1),
        Map.entry(leaving.selectable(), 1),
        Map.entry(unlabelled.selectable(), 1));
    assertThat(leaving.selectable().terminating()).isTrue();
    assertThat(elsewhere.selectable()).isNotEqualTo(web1.selectable());

    assertThat(info.removePod(web1.key())).isTrue();
    assertThat(groups(info)).containsEntry(web2.selectable(), 1);
    assertThat(info.removePod(web2.key())).isTrue();
    assertThat(info.removePod(web2.key())).isFalse();
    assertThat(groups(info)).doesNotContainKey(web2.selectable()).hasSize(3);
    info.removePod(elsewhere.key());
    info.removePod(leaving.key());
    info.removePod(unlabelled.key());
    assertThat(info.podGroups()).isEmpty();
    assertThat(info.pods()).isEmpty();
  }

  private static Map<PodLabels, Integer> groups(NodeInfo info) {
    var groups = new java.util.HashMap<PodLabels, Integer>();
    for (var group : info.podGroups()) {
      assertThat(groups.put(group.labels(), group.count())).as("one group per labels").isNull();
    }
    return groups;
  }
}
