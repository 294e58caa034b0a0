package io.kube4j.controllers.garbagecollector;

import static io.kube4j.controllers.garbagecollector.FakeCluster.CONFIG_MAPS;
import static io.kube4j.controllers.garbagecollector.FakeCluster.WIDGETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kube4j.controllers.runtime.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collector's decisions against an in-memory API server whose changes reach the graph at once:
 * each case sets objects up, lets the collector settle, acts, lets it settle again, and checks which
 * objects are left and what the collector wrote.
 */
class GarbageCollectorTest {

  /** A test world: the fake API server, the collector, and the failures of its syncs. */
  static final class World {
    final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    final FakeCluster cluster = new FakeCluster();
    final GarbageCollector gc;
    final List<String> failures = new ArrayList<>();
    final List<String> monitors = new ArrayList<>();

    World() {
      gc = new GarbageCollector(cluster, new ResourceMonitors() {
        @Override
        public void watch(ResourceType type, DependencyGraph graph) {
          monitors.add("watch " + type.plural());
          cluster.connect(graph);
        }

        @Override
        public void unwatch(ResourceType type) {
          monitors.add("unwatch " + type.plural());
        }
      }, clock);
    }

    /** Runs every ready key until none is left (delayed keys wait for the fake clock). */
    void settle() {
      var queue = gc.queue();
      for (int i = 0; i < 10_000; i++) {
        var key = queue.poll();
        if (key == null) {
          return;
        }
        try {
          gc.sync(key);
          queue.forget(key);
        } catch (Exception e) {
          failures.add(key + ": " + e.getMessage());
          queue.addRateLimited(key);
        } finally {
          queue.done(key);
        }
      }
      throw new AssertionError("the collector never settled");
    }

    ObjectMeta cm(String ns, String name, String uid, OwnerReference... owners) {
      return cluster.create(CONFIG_MAPS, meta(ns, name, uid, owners));
    }

    void delete(ResourceType type, String ns, String name, String policy) {
      var meta = cluster.stored(type, ns, name);
      cluster.delete(type, type.namespaced() ? ns : "", name, meta.getUid(), null, policy);
    }

    List<String> configMaps(String ns) {
      var names = new ArrayList<String>();
      for (var name : List.of("owner", "owner-2", "dep", "dep-2", "grandchild", "real", "far")) {
        if (cluster.stored(CONFIG_MAPS, ns, name) != null) {
          names.add(name);
        }
      }
      return names;
    }

    List<String> ownerUids(String ns, String name) {
      var refs = cluster.stored(CONFIG_MAPS, ns, name).getOwnerReferences();
      return refs == null ? List.of() : refs.stream().map(OwnerReference::getUid).toList();
    }
  }

  static ObjectMeta meta(String ns, String name, String uid, OwnerReference... owners) {
    return new ObjectMetaBuilder().withNamespace(ns).withName(name).withUid(uid).withOwnerReferences(List.of(owners)).build();
  }

  static OwnerReference owner(String name, String uid) {
    return ref("v1", "ConfigMap", name, uid, true);
  }

  static OwnerReference ref(String apiVersion, String kind, String name, String uid, boolean blocks) {
    return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
        .withBlockOwnerDeletion(blocks).build();
  }

  interface Step {
    void run(World world);
  }

  /** One case: what exists, what the user does, then the config maps left in "ns" and the writes (the user's first). */
  static Arguments scenario(String name, Step setup, Step act, List<String> left, List<String> writes) {
    return Arguments.of(Named.of(name, setup), act, left, writes);
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        scenario("a dependent of a deleted owner is deleted in background",
            w -> {
              w.cm("ns", "owner", "o");
              w.cm("ns", "dep", "d", owner("owner", "o"));
            },
            w -> w.delete(CONFIG_MAPS, "ns", "owner", "Background"),
            List.of(),
            List.of("delete configmaps owner Background", "delete configmaps dep Background")),
        scenario("a dependent keeps its live owner",
            w -> w.cm("ns", "owner", "o"),
            w -> w.cm("ns", "dep", "d", owner("owner", "o")),
            List.of("owner", "dep"),
            List.of()),
        scenario("a dependent whose owner's name now has another uid is deleted",
            w -> w.cm("ns", "real", "r"),
            w -> w.cm("ns", "dep", "d", owner("real", "gone")),
            List.of("real"),
            List.of("delete configmaps dep Background")),
        scenario("of two owners, only the deleted one's reference is removed",
            w -> {
              w.cm("ns", "owner", "o");
              w.cm("ns", "owner-2", "o2");
              w.cm("ns", "dep", "d", owner("owner", "o"), owner("owner-2", "o2"));
            },
            w -> w.delete(CONFIG_MAPS, "ns", "owner", "Background"),
            List.of("owner-2", "dep"),
            List.of("delete configmaps owner Background", "patch configmaps dep ownerReferences=[o2]")),
        scenario("an owner that exists but no informer reported yet keeps its dependent",
            w -> {
              w.cluster.unobserved.add("owner");
              w.cm("ns", "owner", "o");
            },
            w -> w.cm("ns", "dep", "d", owner("owner", "o")),
            List.of("owner", "dep"),
            List.of()),
        scenario("orphaning removes the owner's reference from every dependent, then the finalizer",
            w -> {
              w.cm("ns", "owner", "o");
              w.cm("ns", "owner-2", "o2");
              w.cm("ns", "dep", "d", owner("owner", "o"));
              w.cm("ns", "dep-2", "d2", owner("owner", "o"), owner("owner-2", "o2"));
            },
            w -> w.delete(CONFIG_MAPS, "ns", "owner", "Orphan"),
            List.of("owner-2", "dep", "dep-2"),
            List.of("delete configmaps owner Orphan", "patch configmaps dep ownerReferences=[]",
                "patch configmaps dep-2 ownerReferences=[o2]", "patch configmaps owner finalizers=[]")),
        scenario("foreground deletion deletes dependents first, dependents with dependents in foreground too",
            w -> {
              w.cm("ns", "owner", "o");
              w.cm("ns", "dep", "d", owner("owner", "o"));
              w.cm("ns", "grandchild", "g", owner("dep", "d"));
            },
            w -> w.delete(CONFIG_MAPS, "ns", "owner", "Foreground"),
            List.of(),
            List.of("delete configmaps owner Foreground", "delete configmaps dep Foreground", "delete configmaps grandchild Background",
                "patch configmaps dep finalizers=[]", "patch configmaps owner finalizers=[]")),
        scenario("a dependent without blockOwnerDeletion does not hold its owner's foreground deletion",
            w -> {
              w.cm("ns", "owner", "o");
              w.cm("ns", "dep", "d", ref("v1", "ConfigMap", "owner", "o", false));
            },
            w -> w.delete(CONFIG_MAPS, "ns", "owner", "Foreground"),
            List.of(),
            List.of("delete configmaps owner Foreground", "delete configmaps dep Background", "patch configmaps owner finalizers=[]")),
        scenario("a reference to an owner deleting in foreground is dropped when another owner remains",
            w -> {
              w.cm("ns", "owner", "o");
              w.cm("ns", "owner-2", "o2");
              w.cm("ns", "dep", "d", owner("owner", "o"), owner("owner-2", "o2"));
            },
            w -> w.delete(CONFIG_MAPS, "ns", "owner", "Foreground"),
            List.of("owner-2", "dep"),
            List.of("delete configmaps owner Foreground", "patch configmaps dep ownerReferences=[o2]", "patch configmaps owner finalizers=[]")),
        scenario("a namespaced owner in another namespace is not an owner",
            w -> w.cluster.create(CONFIG_MAPS, meta("elsewhere", "far", "f")),
            w -> w.cm("ns", "dep", "d", owner("far", "f")),
            List.of(),
            List.of("warn dep OwnerRefInvalidNamespace", "delete configmaps dep Background")),
        scenario("a cluster-scoped owner holds a namespaced dependent until it is deleted",
            w -> {
              w.cluster.create(WIDGETS, meta("", "cluster-owner", "w"));
              w.cm("ns", "dep", "d", ref("example.com/v1", "Widget", "cluster-owner", "w", true));
            },
            w -> w.delete(WIDGETS, "", "cluster-owner", "Background"),
            List.of(),
            List.of("delete widgets cluster-owner Background", "delete configmaps dep Background")),
        scenario("a dependent whose owner was deleted while nobody watched is collected (a restart, a missed event)",
            w -> {},
            w -> w.cm("ns", "dep", "d", owner("owner", "o")),
            List.of(),
            List.of("delete configmaps dep Background")),
        scenario("a cluster-scoped dependent naming a namespaced owner is left alone",
            w -> {},
            w -> w.cluster.create(WIDGETS, meta("", "stray-widget", "sw", owner("owner", "absent"))),
            List.of(),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void collects(Step setup, Step act, List<String> left, List<String> writes) {
    var world = new World();
    setup.run(world);
    world.settle();
    world.cluster.log.clear();

    act.run(world);
    world.settle();

    assertThat(world.failures).isEmpty();
    assertThat(world.configMaps("ns")).containsExactlyInAnyOrderElementsOf(left);
    assertThat(world.cluster.log).containsExactlyElementsOf(writes);
  }

  @Test
  void aDependentCreatedAfterItsOwnerWasOrphanedKeepsNoStaleReference() {
    var world = new World();
    world.cm("ns", "owner", "o");
    world.cm("ns", "dep", "d", owner("owner", "o"));
    world.settle();

    world.delete(CONFIG_MAPS, "ns", "owner", "Orphan");
    world.settle();

    assertThat(world.cluster.stored(CONFIG_MAPS, "ns", "owner")).isNull();
    assertThat(world.ownerUids("ns", "dep")).isEmpty();
    assertThat(world.failures).isEmpty();
  }

  @Test
  void anOwnerSeenLateIsRecheckedUntilAnInformerReportsIt() {
    var world = new World();
    world.cluster.unobserved.add("owner");
    world.cm("ns", "owner", "o");
    world.cm("ns", "dep", "d", owner("owner", "o"));
    world.settle();
    assertThat(world.gc.graph().node("o")).hasValueSatisfying(n -> assertThat(n.observed()).isFalse());

    // The owner is deleted before any informer saw it: only the periodic re-check can notice.
    world.delete(CONFIG_MAPS, "ns", "owner", "Background");
    world.settle();
    assertThat(world.configMaps("ns")).containsExactly("dep");

    world.clock.advance(GarbageCollector.UNOBSERVED_RECHECK);
    world.settle();

    assertThat(world.configMaps("ns")).isEmpty();
    assertThat(world.gc.graph().node("o")).isEmpty();
  }

  @Test
  void aDependentCheckedBeforeItsVirtualOwnerFindsTheUidMismatchItself() throws Exception {
    var world = new World();
    world.cm("ns", "real", "r");
    world.cm("ns", "dep", "d", owner("real", "gone"), owner("real", "r"));
    world.cluster.log.clear();

    // the owner reference to "r" is solid, the one to "gone" names an object that has another uid
    world.gc.sync(GarbageCollector.DELETE_PREFIX + "d");

    assertThat(world.cluster.log).containsExactly("patch configmaps dep ownerReferences=[r]");
  }

  @Test
  void anOwnerNoInformerReportsIsRecheckedLessAndLessOften() throws Exception {
    var world = new World();
    world.cluster.unobserved.add("owner");
    world.cm("ns", "owner", "o");
    world.cm("ns", "dep", "d", owner("owner", "o"));
    world.settle();
    var key = GarbageCollector.DELETE_PREFIX + "o";

    var seenAfter = new ArrayList<Long>();
    for (long second = 1; second <= 15; second++) {
      world.clock.advance(Duration.ofSeconds(1));
      var ready = world.gc.queue().poll();
      if (ready != null) {
        assertThat(ready).isEqualTo(key);
        world.gc.sync(ready);
        world.gc.queue().done(ready);
        seenAfter.add(second);
      }
    }

    assertThat(seenAfter).containsExactly(1L, 3L, 7L, 15L);
    assertThat(world.configMaps("ns")).containsExactly("owner", "dep");
  }

  @Test
  void discoveryIsReadAgainPeriodicallyToWatchNewResourcesAndStopWatchingGoneOnes() {
    var world = new World();
    world.settle();
    assertThat(world.monitors).containsExactly("watch configmaps", "watch widgets");
    var gadgets = new ResourceType("example.com", "v1", "gadgets", "Gadget", true);
    world.cluster.served = List.of(CONFIG_MAPS, gadgets);

    world.clock.advance(GarbageCollector.DISCOVERY_PERIOD.minusMillis(1));
    assertThat(world.gc.queue().poll()).isNull();
    world.clock.advance(Duration.ofMillis(1));
    world.settle();

    assertThat(world.monitors).containsExactly("watch configmaps", "watch widgets", "unwatch widgets", "watch gadgets");
    world.clock.advance(GarbageCollector.DISCOVERY_PERIOD);
    assertThat(world.gc.queue().poll()).as("the next round is scheduled").isEqualTo(GarbageCollector.DISCOVERY_KEY);
  }
}
