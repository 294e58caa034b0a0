package io.kube4j.nodesim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of simulated nodes that behave, through the API, like kubelets whose containers start
 * instantly: each registers its Node (capacity, allocatable, Ready, nodeInfo, addresses, pod CIDR),
 * renews its Lease in {@code kube-node-lease} and posts node status periodically; pods bound to it
 * become Running with an IP from its pod CIDR and ready containers; pods deleted with a grace period are
 * finished (deleted with grace 0). Nothing runs. All nodes share one heartbeat virtual thread, one pod
 * informer (indexed by node name) and one writer with a bounded number of requests in flight, which is
 * what lets one process simulate thousands of nodes. A node whose heartbeat is stopped does nothing at
 * all, like a dead kubelet, until resumed.
 */
public final class SimulatedNodes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedNodes.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_IN_FLIGHT = 128;

  private final KubernetesClient client;
  private final NodeTemplate template;
  private final String base;
  private final Map<String, SimNode> nodes = new LinkedHashMap<>();
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final LinkedBlockingQueue<Runnable> podWork = new LinkedBlockingQueue<>();
  /** Pods this simulation already started or is finishing, by uid. */
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> finishing = ConcurrentHashMap.newKeySet();
  private final Thread heartbeat;
  private final Thread writer;
  private SharedIndexInformer<Pod> pods;
  private volatile boolean running = true;

  private static final class SimNode {
    final String name;
    final int index;
    volatile boolean alive = true;
    long nextLease;
    long nextStatus;
    int nextIp = 2;

    SimNode(String name, int index) {
      this.name = name;
      this.index = index;
    }
  }

  private SimulatedNodes(KubernetesClient client, NodeTemplate template) {
    this.client = client;
    this.template = template;
    var url = client.getMasterUrl().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    for (int i = template.first(); i < template.first() + template.count(); i++) {
      nodes.put(template.nodeName(i), new SimNode(template.nodeName(i), i));
    }
    this.heartbeat = Thread.ofVirtual().name("nodesim-heartbeat").unstarted(this::heartbeatLoop);
    this.writer = Thread.ofVirtual().name("nodesim-pods").unstarted(this::podLoop);
  }

  /**
   * Registers the nodes (and their leases), then starts heartbeating and serving pods; returns when
   * every Node exists.
   */
  public static SimulatedNodes start(KubernetesClient client, NodeTemplate template) {
    var sim = new SimulatedNodes(client, template);
    sim.register();
    // like a kubelet's spec.nodeName=<node> watch: pods not yet bound are nothing to a node, and not watching
    // them spares the server and this process one event per created pod
    sim.pods = client.pods().inAnyNamespace().withoutField("spec.nodeName", "").runnableInformer(0);
    sim.pods.addIndexers(Map.of("node", p -> List.of(p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName())));
    sim.pods.addEventHandler(sim.new PodEvents());
    sim.pods.start().toCompletableFuture().join();
    sim.heartbeat.start();
    sim.writer.start();
    return sim;
  }

  public List<String> nodeNames() {
    return List.copyOf(nodes.keySet());
  }

  /** Stops the node's lease renewals, status posts and pod handling, as if its kubelet died. */
  public void stopHeartbeat(String node) {
    simNode(node).alive = false;
  }

  /** Resumes a stopped node: renews its lease and posts Ready at once, then catches up with its pods. */
  public void resumeHeartbeat(String node) {
    var n = simNode(node);
    n.alive = true;
    synchronized (n) {
      n.nextLease = 0;
      n.nextStatus = 0;
    }
    for (var pod : pods.getIndexer().byIndex("node", node)) {
      handle(pod);
    }
  }

  private SimNode simNode(String name) {
    var n = nodes.get(name);
    if (n == null) {
      throw new IllegalArgumentException("no simulated node named " + name + "; nodes are " + template.namePrefix() + "-N");
    }
    return n;
  }

  private void register() {
    // Each node registers on its own virtual thread: send() blocks for an in-flight permit, which must
    // never happen on the HTTP client's event loop (a completion callback), or the loop deadlocks.
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var n : nodes.values()) {
        executor.submit(() -> {
          send("POST", "/api/v1/nodes", nodeObject(n), Set.of(409)).join();
          send("PATCH", "/api/v1/nodes/" + n.name + "/status", statusPatch(), Set.of()).join();
          send("POST", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases", leaseObject(n), Set.of(409)).join();
          return null;
        });
      }
    }
    // Spread renewals over the interval, as independent kubelets would be.
    var now = System.nanoTime();
    var lease = template.leaseRenewInterval().toNanos();
    var status = template.statusInterval().toNanos();
    int i = 0;
    for (var n : nodes.values()) {
      n.nextLease = now + lease * i / nodes.size();
      n.nextStatus = now + status * i / nodes.size();
      i++;
    }
  }

  private void heartbeatLoop() {
    while (running) {
      try {
        heartbeatOnce();
      } catch (RuntimeException e) {
        if (!running) {
          return; // the client was closed under us while stopping
        }
        LOG.warn("simulated heartbeat failed", e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void heartbeatOnce() {
    var now = System.nanoTime();
    for (var n : nodes.values()) {
      if (!n.alive || !running) {
        continue;
      }
      boolean renew;
      boolean post;
      synchronized (n) {
        renew = n.nextLease <= now;
        post = n.nextStatus <= now;
        if (renew) {
          n.nextLease = now + template.leaseRenewInterval().toNanos();
        }
        if (post) {
          n.nextStatus = now + template.statusInterval().toNanos();
        }
      }
      if (renew) {
        var patch = JSON.createObjectNode();
        patch.putObject("spec").put("renewTime", microTime());
        send("PATCH", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + n.name, patch, Set.of());
      }
      if (post) {
        send("PATCH", "/api/v1/nodes/" + n.name + "/status", statusPatch(), Set.of());
      }
    }
  }

  private void podLoop() {
    while (running) {
      try {
        var work = podWork.poll(1, TimeUnit.SECONDS);
        if (work != null) {
          work.run();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return; // the client was closed under us while stopping
        }
        LOG.warn("simulated pod work failed", e);
      }
    }
  }

  private void handle(Pod pod) {
    var nodeName = pod.getSpec().getNodeName();
    var node = nodeName == null ? null : nodes.get(nodeName);
    if (node == null || !node.alive) {
      return;
    }
    var uid = pod.getMetadata().getUid();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      if (finishing.add(uid)) {
        podWork.add(() -> finishDeletion(pod));
      }
      return;
    }
    var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (("Pending".equals(phase) || phase == null) && started.add(uid)) {
      podWork.add(() -> startPod(node, pod));
    }
  }

  private void startPod(SimNode node, Pod pod) {
    String ip;
    synchronized (node) {
      ip = podIp(node.index, node.nextIp);
      node.nextIp = node.nextIp >= 254 ? 2 : node.nextIp + 1;
    }
    var meta = pod.getMetadata();
    send("PATCH", "/api/v1/namespaces/" + meta.getNamespace() + "/pods/" + meta.getName() + "/status", runningStatus(node, pod, ip), Set.of(404))
        .whenComplete((r, e) -> {
          if (e != null || (!r.isSuccessful() && r.code() != 404)) {
            // A kubelet retries its status sync; so do we, a second later, off the HTTP event loop.
            started.remove(meta.getUid());
            Thread.ofVirtual().start(() -> {
              try {
                Thread.sleep(1000);
              } catch (InterruptedException interrupted) {
                return;
              }
              var current = pods.getStore().get(pod);
              if (current != null && running) {
                handle(current);
              }
            });
          }
        });
  }

  private void finishDeletion(Pod pod) {
    var meta = pod.getMetadata();
    var body = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "DeleteOptions").put("gracePeriodSeconds", 0);
    body.putObject("preconditions").put("uid", meta.getUid());
    send("DELETE", "/api/v1/namespaces/" + meta.getNamespace() + "/pods/" + meta.getName(), body, Set.of(404, 409));
  }

  static String podIp(int nodeIndex, int host) {
    var cidr = NodeTemplate.podCidr(nodeIndex);
    return cidr.substring(0, cidr.lastIndexOf('.')) + "." + host;
  }

  /** Sends one request, waiting for an in-flight permit first; call only from the simulation's own (virtual) threads. */
  private CompletableFuture<HttpResponse<String>> send(String method, String path, ObjectNode body, Set<Integer> acceptable) {
    inFlight.acquireUninterruptibly();
    var http = client.getHttpClient();
    var builder = http.newHttpRequestBuilder().uri(base + path);
    var request = switch (method) {
      case "POST" -> builder.post("application/json", body.toString()).build();
      case "PATCH" -> builder.patch(path.endsWith("/status") && path.contains("/pods/") ? "application/merge-patch+json"
          : "application/strategic-merge-patch+json", body.toString()).build();
      case "DELETE" -> builder.delete("application/json", body.toString()).build();
      default -> throw new IllegalArgumentException(method);
    };
    return http.sendAsync(request, String.class).whenComplete((response, error) -> {
      inFlight.release();
      if (error != null) {
        if (running) {
          LOG.warn("{} {} failed", method, path, error);
        }
      } else if (!response.isSuccessful() && !acceptable.contains(response.code())) {
        LOG.warn("{} {} failed: {} {}", method, path, response.code(), response.body());
      }
    });
  }

  private ObjectNode nodeObject(SimNode n) {
    var node = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Node");
    var labels = node.putObject("metadata").put("name", n.name).putObject("labels");
    labels.put("kubernetes.io/hostname", n.name).put("kubernetes.io/os", "linux").put("kubernetes.io/arch", template.arch())
        .put("beta.kubernetes.io/os", "linux").put("beta.kubernetes.io/arch", template.arch())
        .put("node.kubernetes.io/instance-type", "kube4j-sim");
    template.labels().forEach(labels::put);
    if (template.zones() > 0) {
      labels.put("topology.kubernetes.io/zone", "zone-" + (n.index % template.zones())).put("topology.kubernetes.io/region", "kube4j");
    }
    node.withObjectProperty("metadata").putObject("annotations").put("node.alpha.kubernetes.io/ttl", "0")
        .put("kube4j.io/simulated", "true");
    var spec = node.putObject("spec").put("podCIDR", NodeTemplate.podCidr(n.index)).put("providerID", "kube4j-sim://" + n.name);
    spec.putArray("podCIDRs").add(NodeTemplate.podCidr(n.index));
    node.set("status", statusPatch().get("status"));
    var addresses = node.withObjectProperty("status").putArray("addresses");
    addresses.addObject().put("type", "InternalIP").put("address", NodeTemplate.nodeIp(n.index));
    addresses.addObject().put("type", "Hostname").put("address", n.name);
    var info = node.withObjectProperty("status").putObject("nodeInfo");
    info.put("machineID", String.format("%032x", n.index)).put("systemUUID", String.format("00000000-0000-0000-0000-%012x", n.index))
        .put("bootID", String.format("%032x", n.index)).put("kernelVersion", System.getProperty("os.version"))
        .put("osImage", "kube4j simulated node").put("containerRuntimeVersion", "kube4j-sim://1.0.0")
        .put("kubeletVersion", "v1.32.0").put("kubeProxyVersion", "v1.32.0").put("operatingSystem", "linux")
        .put("architecture", template.arch());
    node.withObjectProperty("status").putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
    return node;
  }

  private ObjectNode statusPatch() {
    var now = nowSeconds();
    var patch = JSON.createObjectNode();
    var status = patch.putObject("status");
    var capacity = status.putObject("capacity");
    capacity.put("cpu", template.cpu()).put("memory", template.memory()).put("ephemeral-storage", template.ephemeralStorage())
        .put("pods", Integer.toString(template.maxPods()));
    status.set("allocatable", capacity.deepCopy());
    var conditions = status.putArray("conditions");
    condition(conditions.addObject(), "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now);
    condition(conditions.addObject(), "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now);
    condition(conditions.addObject(), "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now);
    condition(conditions.addObject(), "Ready", "True", "KubeletReady", "kubelet is posting ready status", now);
    status.put("phase", "Running");
    return patch;
  }

  private static void condition(ObjectNode c, String type, String status, String reason, String message, String now) {
    c.put("type", type).put("status", status).put("lastHeartbeatTime", now).put("lastTransitionTime", now).put("reason", reason)
        .put("message", message);
  }

  private ObjectNode leaseObject(SimNode n) {
    var lease = JSON.createObjectNode().put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
    lease.putObject("metadata").put("name", n.name).put("namespace", "kube-node-lease");
    lease.putObject("spec").put("holderIdentity", n.name).put("leaseDurationSeconds", 40).put("renewTime", microTime());
    return lease;
  }

  private ObjectNode runningStatus(SimNode node, Pod pod, String ip) {
    var now = nowSeconds();
    var patch = JSON.createObjectNode();
    var status = patch.putObject("status").put("phase", "Running").put("podIP", ip).put("hostIP", NodeTemplate.nodeIp(node.index))
        .put("startTime", now);
    status.putArray("podIPs").addObject().put("ip", ip);
    status.putArray("hostIPs").addObject().put("ip", NodeTemplate.nodeIp(node.index));
    var conditions = status.putArray("conditions");
    for (var type : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")) {
      conditions.addObject().put("type", type).put("status", "True").putNull("lastProbeTime").put("lastTransitionTime", now);
    }
    var spec = pod.getSpec();
    if (spec.getInitContainers() != null && !spec.getInitContainers().isEmpty()) {
      var inits = status.putArray("initContainerStatuses");
      for (var c : spec.getInitContainers()) {
        var s = inits.addObject().put("name", c.getName()).put("image", c.getImage()).put("imageID", "")
            .put("containerID", "kube4j-sim://" + pod.getMetadata().getUid() + "/" + c.getName())
            .put("ready", true).put("started", false).put("restartCount", 0);
        s.putObject("state").putObject("terminated").put("exitCode", 0).put("reason", "Completed").put("startedAt", now).put("finishedAt", now);
      }
    }
    var containers = status.putArray("containerStatuses");
    for (var c : spec.getContainers()) {
      var s = containers.addObject().put("name", c.getName()).put("image", c.getImage()).put("imageID", "")
          .put("containerID", "kube4j-sim://" + pod.getMetadata().getUid() + "/" + c.getName())
          .put("ready", true).put("started", true).put("restartCount", 0);
      s.putObject("state").putObject("running").put("startedAt", now);
    }
    return patch;
  }

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static String microTime() {
    return MICRO_TIME.format(Instant.now());
  }

  private static String nowSeconds() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private final class PodEvents implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      handle(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      handle(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      started.remove(pod.getMetadata().getUid());
      finishing.remove(pod.getMetadata().getUid());
    }
  }

  @Override
  public void close() {
    running = false;
    heartbeat.interrupt();
    writer.interrupt();
    if (pods != null) {
      pods.close();
    }
  }
}
