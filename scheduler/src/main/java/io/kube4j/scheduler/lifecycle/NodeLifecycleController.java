package io.kube4j.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.scheduler.ApiCalls;
import io.kube4j.scheduler.framework.Tolerations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node lifecycle controller: a node whose Lease in {@code kube-node-lease} has not been renewed
 * for the grace period gets {@code Ready=Unknown} and the {@code node.kubernetes.io/unreachable}
 * NoSchedule and NoExecute taints; pods on it are deleted once their toleration of the NoExecute taint
 * runs out (immediately without one, never with a toleration without {@code tolerationSeconds}). A pod
 * with no toleration for the taint at all is given upstream's admission default of 300 s, since kube4j
 * does not add default tolerations. When the lease is renewed again the taints are removed.
 *
 * <p>Lease renewals are timed by this controller's own clock when it observes them (as upstream does),
 * so clock skew between nodes and controller does not matter. {@link #sync()} is one level-triggered pass;
 * {@link #start} runs it every {@code period} on a virtual thread.
 */
public final class NodeLifecycleController implements AutoCloseable {

  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  static final long DEFAULT_TOLERATION_SECONDS = 300;

  /** Settings: how long a lease may go unrenewed, and how often the controller looks. */
  public record Config(Duration gracePeriod, Duration period, Clock clock) {
    public static Config defaults() {
      return new Config(Duration.ofSeconds(40), Duration.ofSeconds(1), Clock.systemUTC());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);
  /** The pod index by {@code spec.nodeName} ("" for pods not bound). */
  static final String BY_NODE = "spec.nodeName";

  private final KubernetesClient client;
  private final ApiCalls api;
  private final Config config;
  private final SharedIndexInformer<Node> nodes;
  private final SharedIndexInformer<Lease> leases;
  private final SharedIndexInformer<Pod> pods;
  /** The informers this controller made for itself and stops on close, or {@code null} when they are shared. */
  private final SharedInformers ownInformers;
  /** Per node: the last renewTime seen and the controller-clock instant it was first seen. */
  private final Map<String, Observed> observed = new ConcurrentHashMap<>();
  /** Per node: when this controller saw it become unreachable (the start of every pod's toleration period). */
  private final Map<String, Instant> unreachableSince = new HashMap<>();
  private final Map<String, Boolean> deleted = new ConcurrentHashMap<>();
  private volatile Thread loop;
  private volatile boolean running = true;

  private record Observed(String renewTime, Instant at) {
  }

  /**
   * A controller reading nodes, Leases and pods from {@code informers} (it indexes pods by node); call
   * {@link #run} once they have synced.
   */
  public NodeLifecycleController(KubernetesClient client, SharedInformers informers, Config config) {
    this(client, informers, config, null);
  }

  private NodeLifecycleController(KubernetesClient client, SharedInformers informers, Config config, SharedInformers ownInformers) {
    this.client = client;
    this.api = new ApiCalls(client);
    this.config = config;
    this.ownInformers = ownInformers;
    this.nodes = informers.forType(Node.class);
    this.leases = informers.forType(Lease.class);
    this.pods = informers.withIndex(Pod.class, BY_NODE, p -> List.of(p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName()));
  }

  /**
   * Creates the controller with informers of its own, waits until they have synced and runs {@link #sync()}
   * every {@code config.period()} until closed.
   */
  public static NodeLifecycleController start(KubernetesClient client, Config config) {
    var informers = new SharedInformers(client);
    return informers.startFor(new NodeLifecycleController(client, informers, config, informers), "node lifecycle controller").run();
  }

  /** Runs {@link #sync()} every {@code config.period()}, on a thread of its own, until closed. */
  public NodeLifecycleController run() {
    loop = Thread.ofVirtual().name("node-lifecycle").start(this::syncLoop);
    return this;
  }

  private void syncLoop() {
    while (running) {
      try {
        sync();
        Thread.sleep(config.period());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("node lifecycle pass failed", e);
      }
    }
  }

  /** One pass over every node: mark, taint, untaint, evict. */
  public synchronized void sync() {
    var now = config.clock().instant();
    for (var node : nodes.getStore().list()) {
      var name = node.getMetadata().getName();
      var lastSeen = lastRenewal(name, node, now);
      var healthy = !lastSeen.plus(config.gracePeriod()).isBefore(now);
      var tainted = hasTaint(node, "NoExecute");
      if (healthy) {
        unreachableSince.remove(name);
        if (tainted || hasTaint(node, "NoSchedule")) {
          setTaints(node, false);
        }
        continue;
      }
      unreachableSince.putIfAbsent(name, tainted ? taintTime(node, now) : now);
      if (!readyUnknown(node)) {
        markUnknown(name);
      }
      if (!tainted || !hasTaint(node, "NoSchedule")) {
        setTaints(node, true);
      }
      evict(name, unreachableSince.get(name), now);
    }
  }

  private Instant lastRenewal(String name, Node node, Instant now) {
    var lease = leases.getStore().getByKey("kube-node-lease/" + name);
    var renewTime = lease == null || lease.getSpec() == null ? null : lease.getSpec().getRenewTime();
    var renew = renewTime == null ? null : renewTime.toString();
    if (renew == null) {
      // No lease yet: count from the first time this controller saw the node.
      return observed.computeIfAbsent(name, n -> new Observed("", now)).at();
    }
    var seen = observed.get(name);
    if (seen == null || !renew.equals(seen.renewTime())) {
      seen = new Observed(renew, now);
      observed.put(name, seen);
    }
    return seen.at();
  }

  private void evict(String node, Instant since, Instant now) {
    var taint = new Taint("NoExecute", UNREACHABLE, null, null);
    for (var pod : pods.getIndexer().byIndex(BY_NODE, node)) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      var toleration = Tolerations.find(pod.getSpec().getTolerations(), taint);
      long seconds;
      if (toleration == null) {
        seconds = hasAnyUnreachableToleration(pod) ? 0 : DEFAULT_TOLERATION_SECONDS;
      } else if (toleration.getTolerationSeconds() == null) {
        continue;
      } else {
        seconds = Math.max(0, toleration.getTolerationSeconds());
      }
      if (!since.plusSeconds(seconds).isAfter(now) && deleted.putIfAbsent(pod.getMetadata().getUid(), true) == null) {
        LOG.info("evicting {}/{} from unreachable node {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node);
        try {
          client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        } catch (RuntimeException e) {
          deleted.remove(pod.getMetadata().getUid());
          throw e;
        }
      }
    }
  }

  private static boolean hasAnyUnreachableToleration(Pod pod) {
    var tolerations = pod.getSpec().getTolerations();
    return tolerations != null && tolerations.stream().anyMatch(t -> UNREACHABLE.equals(t.getKey()) || t.getKey() == null || t.getKey().isEmpty());
  }

  private static boolean hasTaint(Node node, String effect) {
    var taints = node.getSpec() == null ? null : node.getSpec().getTaints();
    return taints != null && taints.stream().anyMatch(t -> UNREACHABLE.equals(t.getKey()) && effect.equals(t.getEffect()));
  }

  private static Instant taintTime(Node node, Instant fallback) {
    for (var t : node.getSpec().getTaints()) {
      if (UNREACHABLE.equals(t.getKey()) && "NoExecute".equals(t.getEffect()) && t.getTimeAdded() != null) {
        return Instant.parse(t.getTimeAdded());
      }
    }
    return fallback;
  }

  private static boolean readyUnknown(Node node) {
    var conditions = node.getStatus() == null ? null : node.getStatus().getConditions();
    return conditions != null && conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "Unknown".equals(c.getStatus()));
  }

  private void markUnknown(String name) {
    var patch = ApiCalls.object();
    var now = ApiCalls.now();
    patch.putObject("status").putArray("conditions").addObject().put("type", "Ready").put("status", "Unknown")
        .put("reason", "NodeStatusUnknown").put("message", "Kubelet stopped posting node status.")
        .put("lastTransitionTime", now);
    api.patch("/api/v1/nodes/" + name + "/status", ApiCalls.STRATEGIC, patch).join();
  }

  private void setTaints(Node node, boolean unreachable) {
    var taints = new ArrayList<Taint>();
    if (node.getSpec().getTaints() != null) {
      for (var t : node.getSpec().getTaints()) {
        if (!UNREACHABLE.equals(t.getKey())) {
          taints.add(t);
        }
      }
    }
    if (unreachable) {
      var now = ApiCalls.now();
      taints.add(new Taint("NoSchedule", UNREACHABLE, now, null));
      taints.add(new Taint("NoExecute", UNREACHABLE, now, null));
    }
    client.nodes().withName(node.getMetadata().getName()).edit(n -> {
      n.getSpec().setTaints(taints);
      return n;
    });
  }

  @Override
  public void close() {
    running = false;
    if (loop != null) {
      loop.interrupt();
    }
    if (ownInformers != null) {
      ownInformers.close();
    }
  }
}
