package io.kube4j.scheduler;

import static io.kube4j.scheduler.Fixtures.node;
import static io.kube4j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.controllers.runtime.FakeClock;
import io.kube4j.scheduler.framework.PodInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

  @Test
  void labelValuesFollowTheNodeListAndLabelChanges() {
    var cache = new SchedulerCache(new FakeClock(java.time.Instant.parse("2026-01-01T00:00:00Z")));
    cache.upsertNode(node("b", Map.of("zone", "z2")));
    cache.upsertNode(node("a", Map.of("zone", "z1")));
    assertThat(cache.labelValues("zone")).containsExactly("z1", "z2");
    assertThat(cache.labelValues("rack")).containsExactly(null, null);

    cache.upsertNode(node("b", Map.of("zone", "z3", "rack", "r1")));
    assertThat(cache.labelValues("zone")).containsExactly("z1", "z3");
    assertThat(cache.labelValues("rack")).containsExactly(null, "r1");

    cache.upsertNode(node("c", Map.of("zone", "z1")));
    assertThat(cache.labelValues("zone")).containsExactly("z1", "z3", "z1");
    cache.removeNode("a");
    assertThat(cache.labelValues("zone")).containsExactly("z3", "z1");

    // pods come and go without touching node labels; the cached values stay right
    cache.upsertBoundPod(PodInfo.of(pod("p", b -> b.editSpec().withNodeName("b").endSpec())));
    assertThat(cache.labelValues("zone")).containsExactly("z3", "z1");
    assertThat(cache.nodes()).extracting(n -> n.name()).containsExactly("b", "c");
  }
}
