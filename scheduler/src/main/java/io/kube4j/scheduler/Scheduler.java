package io.kube4j.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kube4j.controllers.runtime.SharedInformers;
import io.kube4j.scheduler.framework.FailureMessage;
import io.kube4j.scheduler.framework.PodInfo;
import io.kube4j.scheduler.framework.PodPlacer;
import io.kube4j.scheduler.framework.Preemption;
import io.kube4j.scheduler.plugins.Plugins;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod scheduler: watches pods and nodes through informers, takes pending pods whose
 * {@code schedulerName} is its own and that name no node, picks a node with the plugin framework,
 * assumes the pod in its cache and binds it ({@code POST pods/NAME/binding}) asynchronously. A pod no
 * node fits gets a {@code FailedScheduling} Warning event and {@code PodScheduled=False}
 * ({@code Unschedulable}) and waits until a node or pod change may help. One scheduling cycle at a time,
 * on its own thread; bindings and status writes overlap with the next cycles. In a server its informers
 * are the ones the controllers and the node lifecycle controller share, so each pod and node change is
 * watched and decoded once for all of them.
 */
public final class Scheduler implements AutoCloseable {

  /** How a scheduler is set up. {@code percentageOfNodesToScore} 0 means upstream's adaptive rule. */
  public record Config(String schedulerName, Plugins plugins, Clock clock, int percentageOfNodesToScore, int maxBindingsInFlight) {
    public static Config defaults() {
      return new Config("default-scheduler", Plugins.defaults(), Clock.systemUTC(), 0, 256);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final Config config;
  private final ApiCalls api;
  private final SchedulerCache cache;
  private final SchedulingQueue queue;
  private final PodPlacer placer;
  private final Preemption preemption;
  private final SharedIndexInformer<PriorityClass> priorityClasses;
  private final Semaphore bindings;
  private final AtomicLong scheduled = new AtomicLong();
  private final SharedIndexInformer<Node> nodeInformer;
  private final SharedIndexInformer<Pod> podInformer;
  private final PodEvents podEvents = new PodEvents();
  private final NodeEvents nodeEvents = new NodeEvents();
  /** The informers this scheduler made for itself and stops on close, or {@code null} when they are shared. */
  private final SharedInformers ownInformers;
  private final FailedSchedulingEvents failedScheduling;
  private volatile Thread loop;
  private volatile boolean running = true;

  /**
   * A scheduler on {@code informers}, which it adds its handlers to; it schedules once {@link #run} is called,
   * which should be after the informers have synced (else it sees pods before the nodes they could go to).
   */
  public Scheduler(KubernetesClient client, SharedInformers informers, Config config) {
    this(client, informers, config, null);
  }

  private Scheduler(KubernetesClient client, SharedInformers informers, Config config, SharedInformers ownInformers) {
    this.ownInformers = ownInformers;
    this.config = config;
    this.api = new ApiCalls(client);
    this.cache = new SchedulerCache(config.clock());
    this.queue = new SchedulingQueue(config.clock());
    this.placer = new PodPlacer(config.plugins(), config.percentageOfNodesToScore(), new Random());
    this.preemption = new Preemption(config.plugins());
    this.bindings = new Semaphore(config.maxBindingsInFlight());
    this.failedScheduling = new FailedSchedulingEvents(new FailedSchedulingEvents.Writer() {
      @Override
      public CompletableFuture<?> create(String namespace, ObjectNode event) {
        return api.post("/api/v1/namespaces/" + namespace + "/events", event)
            .whenComplete((r, e) -> logFailure("FailedScheduling event in " + namespace, r, e));
      }

      @Override
      public CompletableFuture<?> patch(String namespace, String name, ObjectNode patch) {
        return api.patch("/api/v1/namespaces/" + namespace + "/events/" + name, ApiCalls.MERGE, patch)
            .whenComplete((r, e) -> logFailure("FailedScheduling event " + namespace + "/" + name, r, e));
      }
    }, config.clock(), config.schedulerName());
    this.priorityClasses = informers.forType(PriorityClass.class);
    this.nodeInformer = informers.forType(Node.class).addEventHandler(nodeEvents);
    this.podInformer = informers.forType(Pod.class).addEventHandler(podEvents);
  }

  /**
   * Starts a scheduler with informers of its own against the API server behind {@code client}; returns once
   * they have synced and the scheduling loop runs.
   */
  public static Scheduler start(KubernetesClient client, Config config) {
    var informers = new SharedInformers(client);
    return informers.startFor(new Scheduler(client, informers, config, informers), "scheduler").run();
  }

  /** Starts the scheduling loop on its own thread. */
  public Scheduler run() {
    loop = Thread.ofPlatform().name("scheduler").daemon().start(this::schedulingLoop);
    return this;
  }

  /** Pods bound by this scheduler since it started. */
  public long scheduledCount() {
    return scheduled.get();
  }

  private void schedulingLoop() {
    long lastExpiry = System.nanoTime();
    while (running) {
      try {
        var entry = queue.pop(Duration.ofSeconds(1));
        if (System.nanoTime() - lastExpiry > 1_000_000_000L) {
          cache.expireAssumed();
          lastExpiry = System.nanoTime();
        }
        if (entry != null) {
          scheduleOne(entry);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("scheduling cycle failed", e);
      }
    }
  }

  private void scheduleOne(SchedulingQueue.Entry entry) {
    var pod = entry.pod();
    PodPlacer.Outcome outcome;
    synchronized (cache) {
      if (cache.isPlaced(pod.key())) {
        queue.done(entry);
        return;
      }
      outcome = placer.place(pod, cache);
      if (outcome instanceof PodPlacer.Placed placed) {
        cache.assume(pod, placed.node());
      }
    }
    switch (outcome) {
      case PodPlacer.Placed placed -> bind(entry, placed.node());
      case PodPlacer.Unschedulable failed -> {
        reportUnschedulable(pod, preempt(pod, failed));
        queue.unschedulable(entry);
      }
    }
  }

  /**
   * Upstream's PostFilter: tries to make room by evicting lower-priority pods; returns the
   * FailedScheduling message. The pod itself stays unschedulable until the victims' deletions move it.
   */
  private String preempt(PodInfo pod, PodPlacer.Unschedulable failed) {
    var filters = FailureMessage.filters(failed.totalNodes(), failed.rejections());
    if (failed.totalNodes() == 0) {
      return FailureMessage.of(0, failed.rejections());
    }
    if (!Preemption.eligible(pod)) {
      return filters + " preemption: not eligible due to preemptionPolicy=Never.";
    }
    Preemption.Candidate candidate;
    synchronized (cache) {
      candidate = preemption.find(pod, cache, failed.rejections());
    }
    if (candidate == null) {
      return FailureMessage.of(failed.totalNodes(), failed.rejections());
    }
    var meta = pod.pod().getMetadata();
    for (var victim : candidate.victims()) {
      LOG.info("preempting {} on {} for {}", victim.key(), candidate.node(), pod.key());
      api.podEvent(victim.namespace(), victim.name(), victim.pod().getMetadata().getUid(), "Normal", "Preempted",
          "Preempted by pod " + meta.getUid() + " on node " + candidate.node(), config.schedulerName())
          .whenComplete((r, e) -> logFailure("Preempted event for " + victim.key(), r, e));
      api.delete("/api/v1/namespaces/" + victim.namespace() + "/pods/" + victim.name())
          .whenComplete((r, e) -> logFailure("deleting victim " + victim.key(), r, e));
    }
    var patch = ApiCalls.object();
    patch.putObject("status").put("nominatedNodeName", candidate.node());
    api.patch("/api/v1/namespaces/" + meta.getNamespace() + "/pods/" + meta.getName() + "/status", ApiCalls.MERGE, patch)
        .whenComplete((r, e) -> logFailure("nominatedNodeName of " + pod.key(), r, e));
    return filters;
  }

  private void bind(SchedulingQueue.Entry entry, String node) {
    var pod = entry.pod();
    bindings.acquireUninterruptibly();
    api.bind(pod.namespace(), pod.name(), node).whenComplete((response, error) -> {
      bindings.release();
      // A retried binding whose first attempt went through (the connection broke after the write) is a success too.
      var alreadyOurs = error == null && response.code() == 409 && response.body() != null
          && response.body().contains("is already assigned to node \\\"" + node + "\\\"");
      if (error == null && (response.isSuccessful() || alreadyOurs)) {
        cache.finishBinding(pod.key());
        queue.done(entry);
        failedScheduling.forget(pod.pod().getMetadata().getUid());
        scheduled.incrementAndGet();
        api.podEvent(pod.namespace(), pod.name(), pod.pod().getMetadata().getUid(), "Normal", "Scheduled",
            "Successfully assigned " + pod.key() + " to " + node, config.schedulerName())
            .whenComplete((r, e) -> logFailure("Scheduled event for " + pod.key(), r, e));
        return;
      }
      cache.forget(pod.key());
      var code = response == null ? 0 : response.code();
      if (code == 404 || code == 409) {
        // The pod is gone or was bound by someone else; the informer will tell the rest.
        queue.done(entry);
        return;
      }
      LOG.warn("binding {} to {} failed: {}", pod.key(), node, error != null ? error.toString() : response.code() + " " + response.body());
      queue.retryAfterBackoff(entry);
    });
  }

  private void reportUnschedulable(PodInfo pod, String message) {
    var meta = pod.pod().getMetadata();
    failedScheduling.record(meta.getNamespace(), meta.getName(), meta.getUid(), message);
    var patch = ApiCalls.object();
    var condition = patch.putObject("status").putArray("conditions").addObject();
    condition.put("type", "PodScheduled").put("status", "False").put("reason", "Unschedulable").put("message", message)
        .putNull("lastProbeTime").put("lastTransitionTime", ApiCalls.now());
    api.patch("/api/v1/namespaces/" + meta.getNamespace() + "/pods/" + meta.getName() + "/status", ApiCalls.STRATEGIC, patch)
        .whenComplete((r, e) -> logFailure("PodScheduled condition of " + pod.key(), r, e));
  }

  private static void logFailure(String what, io.fabric8.kubernetes.client.http.HttpResponse<String> response, Throwable error) {
    if (error != null) {
      LOG.warn("{} failed", what, error);
    } else if (!response.isSuccessful() && response.code() != 404) {
      LOG.warn("{} failed: {} {}", what, response.code(), response.body());
    }
  }

  /**
   * The pod with its priority: {@code spec.priority} as admission set it, or, when kube4j's defaulting
   * left it 0 and the pod names a PriorityClass, that class's value.
   */
  private PodInfo info(Pod pod) {
    var priority = pod.getSpec().getPriority() == null ? 0 : pod.getSpec().getPriority();
    var className = pod.getSpec().getPriorityClassName();
    if (priority == 0 && className != null && !className.isEmpty()) {
      var pc = priorityClasses.getStore().getByKey(className);
      if (pc != null && pc.getValue() != null) {
        priority = pc.getValue();
      }
    }
    return PodInfo.of(pod, priority);
  }

  private boolean responsible(Pod pod) {
    return config.schedulerName().equals(pod.getSpec().getSchedulerName());
  }

  private static boolean terminal(Pod pod) {
    var phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static boolean bound(Pod pod) {
    return pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
  }

  private final class PodEvents implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      onUpdate(null, pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      var key = PodInfo.key(pod);
      if (bound(pod)) {
        queue.delete(key);
        if (terminal(pod)) {
          cache.removePod(key);
          queue.moveAllUnschedulable();
        } else {
          cache.upsertBoundPod(info(pod));
        }
      } else if (responsible(pod) && pod.getMetadata().getDeletionTimestamp() == null && !terminal(pod)) {
        // Status-only updates (our own PodScheduled condition) must not requeue the pod.
        if (old == null || !Objects.equals(old.getSpec(), pod.getSpec()) || !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())) {
          queue.addOrUpdate(info(pod));
        }
      } else {
        queue.delete(key);
      }
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      var key = PodInfo.key(pod);
      queue.delete(key);
      failedScheduling.forget(pod.getMetadata().getUid());
      if (bound(pod) || cache.isPlaced(key)) {
        cache.removePod(key);
        queue.moveAllUnschedulable();
      }
    }
  }

  private final class NodeEvents implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node node) {
      cache.upsertNode(node);
      queue.moveAllUnschedulable();
    }

    @Override
    public void onUpdate(Node old, Node node) {
      cache.upsertNode(node);
      // Heartbeats change only timestamps; only changes a filter looks at may make a pod fit.
      if (schedulingChange(old, node)) {
        queue.moveAllUnschedulable();
      }
    }

    @Override
    public void onDelete(Node node, boolean deletedFinalStateUnknown) {
      cache.removeNode(node.getMetadata().getName());
    }
  }

  static boolean schedulingChange(Node old, Node node) {
    return !Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels())
        || !Objects.equals(old.getSpec().getTaints(), node.getSpec().getTaints())
        || !Objects.equals(old.getSpec().getUnschedulable(), node.getSpec().getUnschedulable())
        || !Objects.equals(old.getStatus() == null ? null : old.getStatus().getAllocatable(),
            node.getStatus() == null ? null : node.getStatus().getAllocatable());
  }

  @Override
  public void close() {
    running = false;
    queue.close();
    nodeInformer.removeEventHandler(nodeEvents);
    podInformer.removeEventHandler(podEvents);
    if (ownInformers != null) {
      ownInformers.close();
    }
    var thread = loop;
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
