package io.kube4j.bench;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kube4j.nodesim.NodeTemplate;
import io.kube4j.nodesim.SimulatedNodes;
import io.kube4j.scheduler.Scheduler;
import io.kube4j.scheduler.SchedulerCache;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.PodPlacer;
import io.kube4j.scheduler.plugins.Plugins;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.kube4j.server.Kube4jServer;
import io.kube4j.server.LoopbackClient;
import io.kube4j.server.ServerConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scheduler throughput: an in-process kube4j server, N simulated nodes and the scheduler, then P
 * pods created by 32 concurrent clients; reports pods scheduled per second from the first create to
 * the last successful binding, for each node count and workload. Workloads: {@code plain} (requests
 * only), {@code spread} (a zone topology spread constraint, DoNotSchedule, plus a ScheduleAnyway one
 * on hostname) and {@code affinity} (preferred pod anti-affinity on hostname). Prints a Markdown table.
 *
 * <p>Usage: {@code SchedulerBench [nodes,...] [pods] [workload,...] [live|static] [warm-up rounds]}, default
 * {@code 1000,5000 10000 plain,spread,affinity live 2}; the warm-up rounds run the first node count and
 * workload and are reported but not tabled. With {@code live} kubelets the simulated nodes keep
 * renewing their Leases every 10 s and report each bound pod Running, as a real cluster's kubelets do; with
 * {@code static} they stop once registered, so the server only serves the pod creates, bindings and events,
 * which is what upstream's scheduler_perf measures (its nodes are API objects with no kubelet behind them).
 * Two other modes: {@code algorithm} (placement without the API server, see {@link #algorithm}) and
 * {@code deployment} (the time from {@code kubectl apply} of a big Deployment to all its pods Running, see
 * {@link #deployment}).
 */
public final class SchedulerBench {

  private SchedulerBench() {
  }

  /** {@code cpuMillisPerPod}: the whole process's CPU time (user + system) from first create to last bind, per pod. */
  record Result(int nodes, int pods, String workload, double seconds, double podsPerSecond, double createPerSecond, long setupMillis,
      double cpuMillisPerPod) {
  }

  /** CPU time this process has used, all threads. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("algorithm")) {
      algorithm(args);
      return;
    }
    if (args.length > 0 && args[0].equals("deployment")) {
      deployment(args);
      return;
    }
    if (args.length > 0 && args[0].equals("remote")) {
      remote(args);
      return;
    }
    var nodeCounts = args.length > 0 ? List.of(args[0].split(",")).stream().map(Integer::parseInt).toList() : List.of(1000, 5000);
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    var workloads = args.length > 2 ? List.of(args[2].split(",")) : List.of("plain", "spread", "affinity");
    boolean liveKubelets = args.length <= 3 || switch (args[3]) {
      case "live" -> true;
      case "static" -> false;
      default -> throw new IllegalArgumentException("kubelets are live or static, not " + args[3]);
    };
    int warmupRounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    // Each round is a fresh server in this JVM; the first rounds pay for JIT compilation (about half the
    // CPU of a first 10,000-pod round on 2 cores), which a running server has long done.
    for (int i = 1; i <= warmupRounds; i++) {
      var r = run(nodeCounts.getFirst(), pods, workloads.getFirst(), liveKubelets);
      System.out.printf(Locale.ROOT, "warm-up %d: %d nodes, %d pods, %s: %.1f s, %.0f pods/s scheduled (%.2f ms CPU per pod)%n", i, r.nodes(),
          r.pods(), r.workload(), r.seconds(), r.podsPerSecond(), r.cpuMillisPerPod());
    }
    var results = new ArrayList<Result>();
    for (var n : nodeCounts) {
      for (var w : workloads) {
        var r = run(n, pods, w, liveKubelets);
        System.out.printf(Locale.ROOT, "%d nodes, %d pods, %s: %.1f s, %.0f pods/s scheduled (creates %.0f/s; cluster setup %d ms; %.2f ms CPU per pod)%n",
            r.nodes(), r.pods(), r.workload(), r.seconds(), r.podsPerSecond(), r.createPerSecond(), r.setupMillis(), r.cpuMillisPerPod());
        results.add(r);
      }
    }
    System.out.println();
    System.out.println("| nodes | pods | workload | kubelets | first create → last bind | pods/s scheduled | creates/s | CPU ms per pod |");
    System.out.println("|---:|---:|---|---|---:|---:|---:|---:|");
    for (var r : results) {
      System.out.printf(Locale.ROOT, "| %d | %d | %s | %s | %.1f s | %.0f | %.0f | %.2f |%n", r.nodes(), r.pods(), r.workload(),
          liveKubelets ? "live" : "static", r.seconds(), r.podsPerSecond(), r.createPerSecond(), r.cpuMillisPerPod());
    }
  }

  static Result run(int nodeCount, int podCount, String workload, boolean liveKubelets) throws Exception {
    var dataDir = Files.createTempDirectory("kube4j-schedbench-");
    var setupStart = System.nanoTime();
    try (var server = Kube4jServer.start(new ServerConfig(dataDir, "127.0.0.1", 0, "bench", "10.43.0.0/16", "127.0.0.1"));
         var client = client(server)) {
      try (var nodes = SimulatedNodes.start(client, NodeTemplate.of(nodeCount).withZones(10));
           var scheduler = Scheduler.start(client, Scheduler.Config.defaults())) {
        if (!liveKubelets) {
          nodes.nodeNames().forEach(nodes::stopHeartbeat);
        }
        var setupMillis = (System.nanoTime() - setupStart) / 1_000_000;
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        int created = createPods(client, "default", podCount, workload);
        long createdAt = System.nanoTime();
        while (scheduler.scheduledCount() < podCount) {
          Thread.sleep(5);
          if (System.nanoTime() - t0 > 1_800_000_000_000L) {
            throw new IllegalStateException("only " + scheduler.scheduledCount() + " of " + podCount + " pods scheduled after 30 minutes");
          }
        }
        long t1 = System.nanoTime();
        var cpuPerPod = (processCpuNanos() - cpu0) / 1e6 / podCount;
        var seconds = (t1 - t0) / 1e9;
        return new Result(nodeCount, podCount, workload, seconds, podCount / seconds, created / ((createdAt - t0) / 1e9), setupMillis,
            cpuPerPod);
      }
    } finally {
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The scheduler's own CPU cost without the API server: the same PodPlacer and cache, nodes and pods
   * built in memory, each placed pod assumed on its node. Usage: {@code algorithm [nodes,...] [pods] [workload,...]}.
   */
  static void algorithm(String[] args) {
    var nodeCounts = args.length > 1 ? List.of(args[1].split(",")).stream().map(Integer::parseInt).toList() : List.of(1000, 5000);
    int pods = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    var workloads = args.length > 3 ? List.of(args[3].split(",")) : List.of("plain", "spread", "affinity");
    System.out.println("| nodes | pods | workload | placement only | pods/s |");
    System.out.println("|---:|---:|---|---:|---:|");
    for (int round = 0; round < 2; round++) {
      for (var n : nodeCounts) {
        for (var w : workloads) {
          var cache = new SchedulerCache(java.time.Clock.systemUTC());
          for (int i = 0; i < n; i++) {
            var resources = Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"), "pods", new Quantity("110"),
                "ephemeral-storage", new Quantity("100Gi"));
            cache.upsertNode(new NodeBuilder().withNewMetadata().withName("kube4j-sim-" + i)
                .withLabels(Map.of("kubernetes.io/hostname", "kube4j-sim-" + i, "topology.kubernetes.io/zone", "zone-" + (i % 10)))
                .endMetadata().withNewSpec().endSpec().withNewStatus().withCapacity(resources).withAllocatable(resources).endStatus().build());
          }
          var placer = new PodPlacer(Plugins.defaults(), 0, new java.util.Random(1));
          var infos = new ArrayList<PodInfo>();
          for (int i = 0; i < pods; i++) {
            var pod = pod(i, w);
            pod.getMetadata().setNamespace("default");
            infos.add(PodInfo.of(pod));
          }
          long t0 = System.nanoTime();
          for (var info : infos) {
            synchronized (cache) {
              if (placer.place(info, cache) instanceof PodPlacer.Placed placed) {
                cache.assume(info, placed.node());
              } else {
                throw new IllegalStateException(info.key() + " did not fit");
              }
            }
          }
          var seconds = (System.nanoTime() - t0) / 1e9;
          if (round == 1) {
            System.out.printf(Locale.ROOT, "| %d | %d | %s | %.2f s | %.0f |%n", n, pods, w, seconds, pods / seconds);
          }
        }
      }
    }
  }

  /**
   * A whole control plane (controllers, scheduler, N simulated nodes) in one server; the real kubectl applies
   * a Deployment of R replicas, and the clock runs until a pod informer has seen all R pods Running. Usage:
   * {@code deployment [nodes] [replicas] [rounds]}, default {@code 100 1000 3}; each round uses a new namespace
   * on the same server, so later rounds run with a warm JIT.
   */
  static void deployment(String[] args) throws Exception {
    int nodeCount = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    var dataDir = Files.createTempDirectory("kube4j-deploybench-");
    var config = new ServerConfig(dataDir, "127.0.0.1", 0, "bench", "10.43.0.0/16", "127.0.0.1", ServerConfig.Datastore.EMBEDDED,
        new ServerConfig.Components(true, true, nodeCount));
    try (var server = Kube4jServer.start(config); var client = client(server)) {
      System.out.println("| round | nodes | replicas | apply → all created | → all bound | → all Running | pods Running/s | CPU (s) | CPU per wall second |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (int round = 1; round <= rounds; round++) {
        var namespace = "bench-" + round;
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace)
            .endMetadata().build()).create();
        var running = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        var seen = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        var bound = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
        var allSeenAt = new java.util.concurrent.atomic.AtomicLong();
        var allBoundAt = new java.util.concurrent.atomic.AtomicLong();
        var done = new java.util.concurrent.CountDownLatch(1);
        var start = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        var createdTimeline = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        var informer = client.pods().inNamespace(namespace).inform(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            onUpdate(null, pod);
          }

          @Override
          public void onUpdate(Pod old, Pod pod) {
            if (seen.add(pod.getMetadata().getName())) {
              if (seen.size() % 100 == 0) {
                createdTimeline.add(seen.size() + " at " + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start.get()) / 1e9));
              }
              if (seen.size() == replicas) {
                allSeenAt.set(System.nanoTime());
              }
            }
            if (pod.getSpec().getNodeName() != null && bound.add(pod.getMetadata().getName()) && bound.size() == replicas) {
              allBoundAt.set(System.nanoTime());
            }
            if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()) && pod.getMetadata().getDeletionTimestamp() == null) {
              running.add(pod.getMetadata().getName());
              if (running.size() >= replicas) {
                done.countDown();
              }
            }
          }

          @Override
          public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            running.remove(pod.getMetadata().getName());
          }
        });
        var manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: big}
            spec:
              replicas: %d
              selector: {matchLabels: {app: big}}
              template:
                metadata: {labels: {app: big}}
                spec:
                  containers:
                  - name: app
                    image: registry.k8s.io/pause:3.10
                    resources: {requests: {cpu: 10m, memory: 16Mi}}
            """.formatted(replicas);
        long t0 = System.nanoTime();
        start.set(t0);
        long cpu0 = processCpuNanos();
        var kubectl = new ProcessBuilder("kubectl", "--kubeconfig", server.kubeconfig().toString(), "apply", "-n", namespace, "-f", "-")
            .redirectErrorStream(true).start();
        try (var in = kubectl.getOutputStream()) {
          in.write(manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        var output = new String(kubectl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (kubectl.waitFor() != 0) {
          throw new IllegalStateException("kubectl apply failed: " + output);
        }
        if (!done.await(10, java.util.concurrent.TimeUnit.MINUTES)) {
          throw new IllegalStateException("only " + running.size() + " of " + replicas + " pods Running after 10 minutes");
        }
        var seconds = (System.nanoTime() - t0) / 1e9;
        var cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        informer.close();
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %.2f s | %.2f s | %.2f s | %.0f | %.1f | %.2f |%n", round, nodeCount, replicas,
            (allSeenAt.get() - t0) / 1e9, (allBoundAt.get() - t0) / 1e9, seconds, replicas / seconds, cpuSeconds, cpuSeconds / seconds);
        System.out.println("  pods created: " + String.join(", ", createdTimeline));
      }
    } finally {
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The scheduler of a server running in another process, as the launcher starts it (its own simulated nodes,
   * controllers, JVM flags and AOT cache): {@code remote KUBECONFIG [pods] [init pods] [server pid]}, default
   * {@code 10000 1000}. As upstream's scheduler_perf does, it first creates the init pods and waits until
   * all are bound (not measured), then measures from the first create of the measured pods to the last one
   * bound, seen through a pod watch. With the server's pid it also reports the server process's CPU per pod.
   */
  static void remote(String[] args) throws Exception {
    var kubeconfig = java.nio.file.Path.of(args[1]);
    int pods = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int initPods = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
    long serverPid = args.length > 4 ? Long.parseLong(args[4]) : 0;
    try (var client = LoopbackClient.connect(kubeconfig, 60_000)) {
      var nodes = client.nodes().list().getItems().size();
      if (initPods > 0) {
        scheduleAll(client, "bench-init", initPods);
      }
      long cpu0 = serverPid > 0 ? processCpuNanos(serverPid) : 0;
      long ownCpu0 = processCpuNanos();
      var seconds = scheduleAll(client, "bench", pods);
      var cpuPerPod = serverPid > 0 ? (processCpuNanos(serverPid) - cpu0) / 1e6 / pods : Double.NaN;
      var ownCpuPerPod = (processCpuNanos() - ownCpu0) / 1e6 / pods;
      System.out.printf(Locale.ROOT, "%d nodes, %d init pods, %d measured pods: %.1f s, %.0f pods/s scheduled; CPU per pod: server %.2f ms,"
          + " this client %.2f ms%n", nodes, initPods, pods, seconds, pods / seconds, cpuPerPod, ownCpuPerPod);
    }
  }

  /** Creates {@code count} plain pods in a new namespace and returns the seconds from the first create until a watch saw all bound. */
  static double scheduleAll(KubernetesClient client, String namespace, int count) throws Exception {
    client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
        .build()).create();
    var bound = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
    var allBound = new java.util.concurrent.CountDownLatch(1);
    try (var watch = client.pods().inNamespace(namespace).watch(new io.fabric8.kubernetes.client.Watcher<Pod>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        if (pod.getSpec().getNodeName() != null && bound.add(pod.getMetadata().getName()) && bound.size() == count) {
          allBound.countDown();
        }
      }

      @Override
      public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
      }
    })) {
      long t0 = System.nanoTime();
      createPods(client, namespace, count, "plain");
      if (!allBound.await(30, java.util.concurrent.TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + bound.size() + " of " + count + " pods bound in " + namespace + " after 30 minutes");
      }
      return (System.nanoTime() - t0) / 1e9;
    }
  }

  /** CPU time (user + system) of another process on this Linux machine, from /proc. */
  static long processCpuNanos(long pid) throws java.io.IOException {
    var stat = Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14 and 15 of proc(5) (utime, stime), in clock ticks of 1/100 s on Linux; the list here starts at field 3.
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
  }

  /** Creates {@code count} pods of a workload in a namespace from 32 concurrent clients; returns how many it created. */
  static int createPods(KubernetesClient client, String namespace, int count, String workload) throws InterruptedException {
    var created = new AtomicInteger();
    var permits = new Semaphore(32);
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        var pod = pod(i, workload);
        permits.acquire();
        executor.submit(() -> {
          try {
            create(client, namespace, pod);
            created.incrementAndGet();
          } finally {
            permits.release();
          }
          return null;
        });
      }
    }
    return created.get();
  }

  /** Creates a pod, retrying when the connection breaks (a retry that finds it already there counts). */
  static void create(KubernetesClient client, String namespace, Pod pod) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        client.pods().inNamespace(namespace).resource(pod).create();
        return;
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() == 409) {
          return;
        }
        if (attempt == 5) {
          throw e;
        }
        Thread.sleep(100L * attempt);
      }
    }
  }

  static KubernetesClient client(Kube4jServer server) throws Exception {
    return LoopbackClient.connect(server.kubeconfig(), 60_000);
  }

  static Pod pod(int i, String workload) {
    var app = "bench-" + (i % 100);
    var labels = Map.of("app", app);
    var builder = new PodBuilder().withNewMetadata().withName("pod-" + i).withLabels(labels).endMetadata()
        .withNewSpec().withContainers(new ContainerBuilder().withName("app").withImage("registry.k8s.io/pause:3.10")
            .withNewResources().addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("128Mi")).endResources()
            .build()).endSpec();
    switch (workload) {
      case "plain" -> { }
      case "spread" -> builder.editSpec().withTopologySpreadConstraints(
          new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("DoNotSchedule")
              .withNewLabelSelector().withMatchLabels(labels).endLabelSelector().build(),
          new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey("kubernetes.io/hostname").withWhenUnsatisfiable("ScheduleAnyway")
              .withNewLabelSelector().withMatchLabels(labels).endLabelSelector().build()).endSpec();
      case "affinity" -> builder.editSpec().withNewAffinity().withNewPodAntiAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(
          new WeightedPodAffinityTermBuilder().withWeight(100).withPodAffinityTerm(new PodAffinityTermBuilder()
              .withTopologyKey("kubernetes.io/hostname").withNewLabelSelector().withMatchLabels(labels).endLabelSelector().build()).build())
          .endPodAntiAffinity().endAffinity().endSpec();
      default -> throw new IllegalArgumentException("unknown workload " + workload + "; use plain, spread or affinity");
    }
    return builder.build();
  }
}
