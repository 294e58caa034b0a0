package io.kube4j.controllers.garbagecollector;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the graph asks the collector to look at, for each kind of informer event. */
class DependencyGraphTest {

  static final class Recorder implements DependencyGraph.Actions {
    final List<String> calls = new ArrayList<>();

    @Override
    public void attemptToDelete(String uid) {
      calls.add("delete " + uid);
    }

    @Override
    public void attemptToOrphan(String uid) {
      calls.add("orphan " + uid);
    }

    @Override
    public void invalidOwnerNamespace(ObjectIdentity dependent, OwnerReference owner) {
      calls.add("invalid " + dependent.uid() + " -> " + owner.getUid());
    }
  }

  static OwnerReference ref(String name, String uid, boolean blocks) {
    return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName(name).withUid(uid)
        .withBlockOwnerDeletion(blocks).build();
  }

  static ObjectMeta cm(String ns, String name, String uid, OwnerReference... owners) {
    return new ObjectMetaBuilder().withNamespace(ns).withName(name).withUid(uid).withResourceVersion("1")
        .withOwnerReferences(List.of(owners)).build();
  }

  static ObjectMeta deleting(ObjectMeta meta, String... finalizers) {
    return new ObjectMetaBuilder(meta).withDeletionTimestamp("2026-01-01T00:00:00Z").withFinalizers(List.of(finalizers)).build();
  }

  static Consumer<DependencyGraph> add(ObjectMeta meta) {
    return g -> g.observe("v1", "ConfigMap", null, meta);
  }

  static Consumer<DependencyGraph> update(ObjectMeta old, ObjectMeta meta) {
    return g -> g.observe("v1", "ConfigMap", old, meta);
  }

  static Consumer<DependencyGraph> remove(ObjectMeta meta) {
    return g -> g.observeDeletion("v1", "ConfigMap", meta);
  }

  static final ObjectMeta OWNER = cm("ns", "owner", "o");
  static final ObjectMeta DEPENDENT = cm("ns", "dep", "d", ref("owner", "o", true));

  static Arguments graphCase(String name, List<Consumer<DependencyGraph>> setup, Consumer<DependencyGraph> act, List<String> expected) {
    return Arguments.of(Named.of(name, setup), act, expected);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        graphCase("a dependent seen before its owner makes a virtual owner to verify",
            List.of(), add(DEPENDENT), List.of("delete o")),
        graphCase("a dependent of an observed owner needs nothing",
            List.of(add(OWNER)), add(DEPENDENT), List.of()),
        graphCase("an observed owner of a virtual node needs nothing more",
            List.of(add(DEPENDENT)), add(OWNER), List.of()),
        graphCase("a deleted owner sends its dependents to be checked",
            List.of(add(OWNER), add(DEPENDENT)), remove(OWNER), List.of("delete d")),
        graphCase("a deleted dependent of an owner deleting in foreground re-checks the owner",
            List.of(add(OWNER), add(DEPENDENT), update(OWNER, deleting(OWNER, "foregroundDeletion"))), remove(DEPENDENT),
            List.of("delete o")),
        graphCase("a deleted dependent of an ordinary owner re-checks nothing",
            List.of(add(OWNER), add(DEPENDENT)), remove(DEPENDENT), List.of()),
        graphCase("deletion with the orphan finalizer starts orphaning",
            List.of(add(OWNER), add(DEPENDENT)), update(OWNER, deleting(OWNER, "orphan")), List.of("orphan o")),
        graphCase("an owner already being orphaned on the first list is orphaned (a restart)",
            List.of(), add(deleting(OWNER, "orphan")), List.of("orphan o")),
        graphCase("orphaning starts once, not on every later update",
            List.of(add(OWNER), update(OWNER, deleting(OWNER, "orphan"))), update(deleting(OWNER, "orphan"), deleting(OWNER, "orphan")),
            List.of()),
        graphCase("deletion with the foreground finalizer sends dependents, then the owner",
            List.of(add(OWNER), add(DEPENDENT)), update(OWNER, deleting(OWNER, "foregroundDeletion")), List.of("delete d", "delete o")),
        graphCase("dropping a blocking reference re-checks that owner",
            List.of(add(OWNER), add(DEPENDENT)), update(DEPENDENT, cm("ns", "dep", "d")), List.of("delete o")),
        graphCase("unsetting blockOwnerDeletion re-checks that owner",
            List.of(add(OWNER), add(DEPENDENT)), update(DEPENDENT, cm("ns", "dep", "d", ref("owner", "o", false))), List.of("delete o")),
        graphCase("dropping a non-blocking reference re-checks nothing",
            List.of(add(OWNER), add(cm("ns", "dep", "d", ref("owner", "o", false)))),
            update(cm("ns", "dep", "d", ref("owner", "o", false)), cm("ns", "dep", "d")), List.of()),
        graphCase("a new reference to an unknown owner makes a virtual owner",
            List.of(add(OWNER), add(DEPENDENT)),
            update(DEPENDENT, cm("ns", "dep", "d", ref("owner", "o", true), ref("other", "x", false))), List.of("delete x")),
        graphCase("a dependent naming an observed owner of another namespace is reported and checked",
            List.of(add(cm("elsewhere", "owner", "o"))), add(DEPENDENT), List.of("invalid d -> o", "delete d")),
        graphCase("a dependent naming an observed owner by another name is checked",
            List.of(add(OWNER)), add(cm("ns", "dep", "d", ref("renamed", "o", true))), List.of("delete d")),
        graphCase("an owner observed with coordinates its dependent did not give sends the dependent to be checked",
            List.of(add(cm("ns", "dep", "d", ref("guess", "o", true)))), add(OWNER), List.of("delete d")),
        graphCase("an owner observed in another namespace than its virtual node is reported",
            List.of(add(DEPENDENT)), add(cm("elsewhere", "owner", "o")), List.of("invalid d -> o", "delete d")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsWhatToCheck(List<Consumer<DependencyGraph>> setup, Consumer<DependencyGraph> act, List<String> expected) {
    var recorder = new Recorder();
    var graph = new DependencyGraph(recorder);
    setup.forEach(step -> step.accept(graph));
    recorder.calls.clear();
    act.accept(graph);
    assertThat(recorder.calls).containsExactlyElementsOf(expected);
  }

  @org.junit.jupiter.api.Test
  void confirmingAVirtualOwnerAbsentForgetsItAndChecksItsDependents() {
    var recorder = new Recorder();
    var graph = new DependencyGraph(recorder);
    graph.observe("v1", "ConfigMap", null, DEPENDENT);
    recorder.calls.clear();

    graph.confirmAbsent(new ObjectIdentity("v1", "ConfigMap", "ns", "owner", "o"));

    assertThat(recorder.calls).containsExactly("delete d");
    assertThat(graph.node("o")).isEmpty();
    assertThat(graph.knownAbsent(new ObjectIdentity("v1", "ConfigMap", "ns", "owner", "o"))).isTrue();
  }

  @org.junit.jupiter.api.Test
  void aVirtualOwnerNamedTwoWaysIsCheckedUnderTheOtherNameBeforeItIsForgotten() {
    var recorder = new Recorder();
    var graph = new DependencyGraph(recorder);
    graph.observe("v1", "ConfigMap", null, cm("ns", "a", "d1", ref("first", "o", true)));
    graph.observe("v1", "ConfigMap", null, cm("ns", "b", "d2", ref("second", "o", true)));
    recorder.calls.clear();

    graph.confirmAbsent(new ObjectIdentity("v1", "ConfigMap", "ns", "first", "o"));

    // d1 named the absent coordinates; the node now carries d2's, to be verified in turn
    assertThat(recorder.calls).containsExactly("delete d1", "delete o");
    assertThat(graph.node("o")).hasValueSatisfying(n -> assertThat(n.identity().name()).isEqualTo("second"));
    assertThat(graph.node("o").orElseThrow().dependents()).hasSize(2);
  }

  @org.junit.jupiter.api.Test
  void snapshotsTellWhichDependentsBlockTheirOwner() {
    var graph = new DependencyGraph(new Recorder());
    graph.observe("v1", "ConfigMap", null, OWNER);
    graph.observe("v1", "ConfigMap", null, cm("ns", "blocker", "b", ref("owner", "o", true)));
    graph.observe("v1", "ConfigMap", null, cm("ns", "bystander", "s", ref("owner", "o", false)));

    var owner = graph.node("o").orElseThrow();

    assertThat(owner.observed()).isTrue();
    assertThat(owner.dependents()).extracting(d -> d.identity().uid() + "=" + d.blocksOwnerDeletion())
        .containsExactlyInAnyOrder("b=true", "s=false");
  }
}
