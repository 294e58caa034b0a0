package io.kube4j.scheduler;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.kube4j.scheduler.framework.NodeInfo;
import io.kube4j.scheduler.framework.PodInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Small builders for the pods and nodes the scheduler tests use. */
public final class Fixtures {

  private Fixtures() {
  }

  public static Node node(String name, String cpu, String memory, int pods, Map<String, String> labels, Taint... taints) {
    var all = new HashMap<>(labels);
    all.put("kubernetes.io/hostname", name);
    var resources = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity(Integer.toString(pods)),
        "ephemeral-storage", new Quantity("100Gi"));
    return new NodeBuilder().withNewMetadata().withName(name).withLabels(all).endMetadata()
        .withNewSpec().withTaints(List.of(taints)).endSpec()
        .withNewStatus().withCapacity(resources).withAllocatable(resources).endStatus().build();
  }

  public static Node node(String name, Map<String, String> labels, Taint... taints) {
    return node(name, "4", "8Gi", 110, labels, taints);
  }

  public static Pod pod(String name, String cpu, String memory) {
    return pod(name, b -> b.editSpec().editFirstContainer().withNewResources()
        .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory)).endResources().endContainer().endSpec());
  }

  public static Pod pod(String name, Map<String, String> labels) {
    return pod(name, b -> b.editMetadata().withLabels(labels).endMetadata());
  }

  /** A pod in namespace default with one container and no requests, customised by {@code edit}. */
  public static Pod pod(String name, UnaryOperator<PodBuilder> edit) {
    var builder = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name).endMetadata()
        .withNewSpec().withSchedulerName("default-scheduler").withContainers(new ContainerBuilder().withName("c").withImage("busybox").build())
        .endSpec();
    return edit.apply(builder).build();
  }

  public static NodeInfo nodeInfo(Node node, Pod... pods) {
    return NodeInfo.of(node, java.util.Arrays.stream(pods).map(PodInfo::of).toArray(PodInfo[]::new));
  }

  public static Taint taint(String key, String value, String effect) {
    return new Taint(effect, key, null, value);
  }
}
