package io.kube4j.scheduler.plugins;

import static io.kube4j.scheduler.Fixtures.node;
import static io.kube4j.scheduler.Fixtures.nodeInfo;
import static io.kube4j.scheduler.Fixtures.pod;
import static io.kube4j.scheduler.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.kube4j.scheduler.framework.ClusterSnapshot;
import io.kube4j.scheduler.framework.FilterPlugin;
import io.kube4j.scheduler.framework.FilterResult;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Filter plugin on its own: a pod, a node, and the expected verdict (null: fits). */
class FilterPluginsTest {

  record Case(String name, FilterPlugin<?> plugin, Pod pod, NodeInfo node, List<NodeInfo> others, String expected, boolean unresolvable) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case fits(String name, FilterPlugin<?> plugin, Pod pod, NodeInfo node) {
    return new Case(name, plugin, pod, node, List.of(), null, false);
  }

  static Case rejects(String name, FilterPlugin<?> plugin, Pod pod, NodeInfo node, String reason, boolean unresolvable) {
    return new Case(name, plugin, pod, node, List.of(), reason, unresolvable);
  }

  static Case withOthers(Case c, NodeInfo... others) {
    return new Case(c.name, c.plugin, c.pod, c.node, List.of(others), c.expected, c.unresolvable);
  }

  static final Map<String, String> ZONE_A = Map.of("zone", "a");
  static final Map<String, String> ZONE_B = Map.of("zone", "b");

  static Pod withInit(String cpu) {
    return pod("init", b -> b.editSpec().addToInitContainers(new ContainerBuilder().withName("i").withImage("x").withNewResources()
        .addToRequests("cpu", new Quantity(cpu)).endResources().build()).endSpec());
  }

  static Pod hostPort(String name, int port, String ip) {
    return pod(name, b -> b.editSpec().editFirstContainer().withPorts(new ContainerPortBuilder().withContainerPort(80).withHostPort(port)
        .withHostIP(ip).withProtocol("TCP").build()).endContainer().endSpec());
  }

  static Pod requiredAffinity(String name, Map<String, String> labels, boolean anti, String key, Map<String, String> selector) {
    return pod(name, b -> {
      var spec = b.editMetadata().withLabels(labels).endMetadata().editSpec().withNewAffinity();
      var term = new io.fabric8.kubernetes.api.model.PodAffinityTermBuilder().withTopologyKey(key)
          .withNewLabelSelector().withMatchLabels(selector).endLabelSelector().build();
      if (anti) {
        return spec.withNewPodAntiAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(term).endPodAntiAffinity().endAffinity().endSpec();
      }
      return spec.withNewPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(term).endPodAffinity().endAffinity().endSpec();
    });
  }

  static Pod spread(String name, Map<String, String> labels, int maxSkew, String key) {
    return pod(name, b -> b.editMetadata().withLabels(labels).endMetadata().editSpec().addNewTopologySpreadConstraint()
        .withMaxSkew(maxSkew).withTopologyKey(key).withWhenUnsatisfiable("DoNotSchedule")
        .withNewLabelSelector().withMatchLabels(labels).endLabelSelector().endTopologySpreadConstraint().endSpec());
  }

  static Pod nodeAffinity(String key, String op, String... values) {
    return pod("na", b -> b.editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .withNodeSelectorTerms(new NodeSelectorTermBuilder().withMatchExpressions(new NodeSelectorRequirementBuilder().withKey(key)
            .withOperator(op).withValues(values).build()).build())
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec());
  }

  static final Map<String, String> WEB = Map.of("app", "web");

  static Pod revision(String name, String hash) {
    return pod(name, Map.of("app", "web", "pod-template-hash", hash));
  }

  /** A DoNotSchedule zone spread over app=web pods, narrowed by matchLabelKeys to its own pod-template-hash. */
  static Pod spreadByRevision(String name, String hash) {
    return pod(name, b -> b.editMetadata().withLabels(Map.of("app", "web", "pod-template-hash", hash)).endMetadata().editSpec()
        .addNewTopologySpreadConstraint().withMaxSkew(1).withTopologyKey("zone").withWhenUnsatisfiable("DoNotSchedule")
        .withNewLabelSelector().withMatchLabels(WEB).endLabelSelector().withMatchLabelKeys("pod-template-hash")
        .endTopologySpreadConstraint().endSpec());
  }

  static Pod terminating(String name, Map<String, String> labels) {
    return pod(name, b -> b.editMetadata().withLabels(labels).withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata());
  }

  static Stream<Case> cases() {
    var fit = new NodeResourcesFit.Filter();
    var small = node("n1", "1", "1Gi", 2, Map.of());
    var taints = new TaintToleration.Filter();
    var affinity = new NodeAffinity.Filter();
    var ports = new NodePorts();
    var ipa = new InterPodAffinity.Filter();
    var spreadPlugin = new PodTopologySpread.Filter();
    return Stream.of(
        fits("resources: requests fit", fit, pod("p", "500m", "512Mi"), nodeInfo(small, pod("o", "500m", "256Mi"))),
        rejects("resources: cpu short", fit, pod("p", "600m", "1Mi"), nodeInfo(small, pod("o", "500m", "1Mi")), "Insufficient cpu", false),
        rejects("resources: memory short", fit, pod("p", "1m", "2Gi"), nodeInfo(small), "Insufficient memory", false),
        rejects("resources: pods slots used up", fit, pod("p", "1m", "1Mi"), nodeInfo(small, pod("a", Map.of()), pod("b", Map.of())),
            "Too many pods", false),
        rejects("resources: init container max counts", fit, withInit("1500m"), nodeInfo(small), "Insufficient cpu", false),
        fits("resources: init container below the sum", fit, withInit("900m"), nodeInfo(small)),
        fits("node name: same node", new NodeName(), pod("p", b -> b.editSpec().withNodeName("n1").endSpec()), nodeInfo(small)),
        rejects("node name: other node", new NodeName(), pod("p", b -> b.editSpec().withNodeName("n2").endSpec()), nodeInfo(small),
            NodeName.REASON, true),
        rejects("unschedulable: cordoned", new NodeUnschedulable(), pod("p", Map.of()),
            nodeInfo(new io.fabric8.kubernetes.api.model.NodeBuilder(small).editSpec().withUnschedulable(true).endSpec().build()),
            NodeUnschedulable.REASON, true),
        fits("unschedulable: cordoned but tolerated", new NodeUnschedulable(),
            pod("p", b -> b.editSpec().withTolerations(new TolerationBuilder().withKey("node.kubernetes.io/unschedulable")
                .withOperator("Exists").withEffect("NoSchedule").build()).endSpec()),
            nodeInfo(new io.fabric8.kubernetes.api.model.NodeBuilder(small).editSpec().withUnschedulable(true).endSpec().build())),
        rejects("taint: untolerated NoSchedule", taints, pod("p", Map.of()), nodeInfo(node("n1", Map.of(), taint("gpu", "yes", "NoSchedule"))),
            "node(s) had untolerated taint {gpu: yes}", true),
        fits("taint: PreferNoSchedule does not filter", taints, pod("p", Map.of()),
            nodeInfo(node("n1", Map.of(), taint("gpu", "yes", "PreferNoSchedule")))),
        fits("taint: tolerated by Equal", taints,
            pod("p", b -> b.editSpec().withTolerations(new TolerationBuilder().withKey("gpu").withValue("yes").withEffect("NoSchedule").build())
                .endSpec()), nodeInfo(node("n1", Map.of(), taint("gpu", "yes", "NoSchedule")))),
        rejects("taint: Equal with another value", taints,
            pod("p", b -> b.editSpec().withTolerations(new TolerationBuilder().withKey("gpu").withValue("no").build()).endSpec()),
            nodeInfo(node("n1", Map.of(), taint("gpu", "yes", "NoExecute"))), "node(s) had untolerated taint {gpu: yes}", true),
        fits("taint: Exists with empty key tolerates all", taints,
            pod("p", b -> b.editSpec().withTolerations(new TolerationBuilder().withOperator("Exists").build()).endSpec()),
            nodeInfo(node("n1", Map.of(), taint("gpu", "yes", "NoExecute")))),
        fits("affinity: nodeSelector matches", affinity, pod("p", b -> b.editSpec().withNodeSelector(Map.of("disk", "ssd")).endSpec()),
            nodeInfo(node("n1", Map.of("disk", "ssd")))),
        rejects("affinity: nodeSelector misses", affinity, pod("p", b -> b.editSpec().withNodeSelector(Map.of("disk", "ssd")).endSpec()),
            nodeInfo(node("n1", Map.of("disk", "hdd"))), NodeAffinity.REASON, true),
        fits("affinity: In matches", affinity, nodeAffinity("zone", "In", "a", "b"), nodeInfo(node("n1", ZONE_B))),
        rejects("affinity: NotIn excludes", affinity, nodeAffinity("zone", "NotIn", "a"), nodeInfo(node("n1", ZONE_A)),
            NodeAffinity.REASON, true),
        fits("affinity: Gt on a number", affinity, nodeAffinity("cores", "Gt", "3"), nodeInfo(node("n1", Map.of("cores", "8")))),
        rejects("ports: host port taken", ports, hostPort("p", 8080, ""), nodeInfo(small, hostPort("o", 8080, "10.0.0.1")),
            NodePorts.REASON, false),
        fits("ports: other IPs do not conflict", ports, hostPort("p", 8080, "10.0.0.2"), nodeInfo(small, hostPort("o", 8080, "10.0.0.1"))),
        fits("ports: other port", ports, hostPort("p", 8081, ""), nodeInfo(small, hostPort("o", 8080, ""))),
        withOthers(rejects("pod affinity: no matching pod in this zone", ipa, requiredAffinity("p", Map.of(), false, "zone", WEB),
            nodeInfo(node("n1", ZONE_A)), InterPodAffinity.AFFINITY, true), nodeInfo(node("n2", ZONE_B), pod("w", WEB))),
        withOthers(fits("pod affinity: matching pod in this zone", ipa, requiredAffinity("p", Map.of(), false, "zone", WEB),
            nodeInfo(node("n1", ZONE_B))), nodeInfo(node("n2", ZONE_B), pod("w", WEB))),
        fits("pod affinity: first pod of a self-selecting group", ipa, requiredAffinity("p", WEB, false, "zone", WEB),
            nodeInfo(node("n1", ZONE_A))),
        rejects("pod affinity: node without the topology key", ipa, requiredAffinity("p", WEB, false, "zone", WEB),
            nodeInfo(node("n1", Map.of())), InterPodAffinity.AFFINITY, true),
        withOthers(rejects("anti-affinity: matching pod in the zone", ipa, requiredAffinity("p", Map.of(), true, "zone", WEB),
            nodeInfo(node("n1", ZONE_A)), InterPodAffinity.ANTI_AFFINITY, false), nodeInfo(node("n2", ZONE_A), pod("w", WEB))),
        withOthers(fits("anti-affinity: matching pod only in another zone", ipa, requiredAffinity("p", Map.of(), true, "zone", WEB),
            nodeInfo(node("n1", ZONE_A))), nodeInfo(node("n2", ZONE_B), pod("w", WEB))),
        withOthers(rejects("existing pod's anti-affinity", ipa, pod("p", WEB), nodeInfo(node("n1", ZONE_A)),
            InterPodAffinity.EXISTING_ANTI_AFFINITY, false),
            nodeInfo(node("n2", ZONE_A), requiredAffinity("guard", Map.of(), true, "zone", WEB))),
        withOthers(rejects("spread: skew would exceed 1", spreadPlugin, spread("p", WEB, 1, "zone"),
            nodeInfo(node("n1", ZONE_A), pod("w1", WEB)), PodTopologySpread.REASON, false), nodeInfo(node("n2", ZONE_B))),
        withOthers(fits("spread: the emptier zone", spreadPlugin, spread("p", WEB, 1, "zone"), nodeInfo(node("n2", ZONE_B))),
            nodeInfo(node("n1", ZONE_A), pod("w1", WEB))),
        withOthers(fits("spread: maxSkew 2 allows", spreadPlugin, spread("p", WEB, 2, "zone"), nodeInfo(node("n1", ZONE_A), pod("w1", WEB))),
            nodeInfo(node("n2", ZONE_B))),
        rejects("spread: node lacks the key", spreadPlugin, spread("p", WEB, 1, "zone"), nodeInfo(node("n1", Map.of())),
            PodTopologySpread.MISSING_LABEL, true),
        withOthers(rejects("spread: pods with the same labels on a node each count", spreadPlugin, spread("p", WEB, 1, "zone"),
            nodeInfo(node("n1", ZONE_A), pod("w1", WEB), pod("w2", WEB)), PodTopologySpread.REASON, false),
            nodeInfo(node("n2", ZONE_B), pod("w3", WEB))),
        withOthers(fits("spread: terminating pods do not count", spreadPlugin, spread("p", WEB, 1, "zone"),
            nodeInfo(node("n1", ZONE_A), terminating("w1", WEB))), nodeInfo(node("n2", ZONE_B))),
        withOthers(fits("spread: pods of another namespace do not count", spreadPlugin, spread("p", WEB, 1, "zone"),
            nodeInfo(node("n1", ZONE_A), pod("w1", b -> b.editMetadata().withNamespace("other").withLabels(WEB).endMetadata()))),
            nodeInfo(node("n2", ZONE_B))),
        withOthers(fits("spread: matchLabelKeys counts only pods with the incoming pod's value", spreadPlugin,
            spreadByRevision("p", "new"), nodeInfo(node("n1", ZONE_A), revision("old-1", "old"), revision("old-2", "old"))),
            nodeInfo(node("n2", ZONE_B))),
        withOthers(rejects("spread: matchLabelKeys still counts pods of the same value", spreadPlugin,
            spreadByRevision("p", "new"), nodeInfo(node("n1", ZONE_A), revision("new-1", "new")), PodTopologySpread.REASON, false),
            nodeInfo(node("n2", ZONE_B))),
        withOthers(rejects("anti-affinity: a terminating matching pod still counts", ipa, requiredAffinity("p", Map.of(), true, "zone", WEB),
            nodeInfo(node("n1", ZONE_A)), InterPodAffinity.ANTI_AFFINITY, false), nodeInfo(node("n2", ZONE_A), terminating("w", WEB))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void filter(Case c) {
    var nodes = Stream.concat(Stream.of(c.node), c.others.stream()).toList();
    var snapshot = ClusterSnapshot.of(nodes);
    var pod = PodInfo.of(c.pod);
    var plugin = (FilterPlugin) c.plugin;
    var state = plugin.prepare(pod, snapshot);
    FilterResult result = state == null ? FilterResult.FITS : plugin.filter(pod, state, c.node);
    if (c.expected == null) {
      assertThat(result).isEqualTo(FilterResult.FITS);
    } else {
      assertThat(result).isEqualTo(new FilterResult.Rejected(List.of(c.expected), c.unresolvable));
    }
  }

}
