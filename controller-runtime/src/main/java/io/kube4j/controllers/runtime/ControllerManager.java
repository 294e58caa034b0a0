package io.kube4j.controllers.runtime;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs controllers: starts the shared informers, waits for their first list, then runs each
 * controller's workers on virtual threads until {@link #close}, which shuts the queues down and lets
 * in-flight syncs finish.
 */
public final class ControllerManager implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

  private record Registration(Controller controller, int workers) {}

  private final SharedInformers informers;
  private final List<Registration> registrations = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private boolean started;

  public ControllerManager(SharedInformers informers) {
    this.informers = informers;
  }

  /** Adds a controller run by {@code workers} concurrent workers; call before {@link #start}. */
  public synchronized ControllerManager register(Controller controller, int workers) {
    if (started) {
      throw new IllegalStateException("register controllers before starting the manager");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("a controller needs at least one worker, got " + workers);
    }
    registrations.add(new Registration(controller, workers));
    return this;
  }

  /** Closes {@code closeable} (an event recorder, say) after the workers have stopped. */
  public synchronized ControllerManager closeOnStop(AutoCloseable closeable) {
    closeables.add(closeable);
    return this;
  }

  /** Starts the informers, waits up to {@code syncTimeout} for their first list, then the workers. */
  public synchronized void start(Duration syncTimeout) throws Exception {
    if (started) {
      throw new IllegalStateException("the controller manager is already started");
    }
    started = true;
    informers.start(syncTimeout);
    for (var registration : registrations) {
      var controller = registration.controller();
      for (int i = 0; i < registration.workers(); i++) {
        threads.add(Thread.ofVirtual().name(controller.name() + "-worker-" + i).start(() -> work(controller)));
      }
    }
  }

  private static void work(Controller controller) {
    var queue = controller.queue();
    while (true) {
      String key;
      try {
        key = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (key == null) {
        return;
      }
      try {
        controller.sync(key);
        queue.forget(key);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // Level-triggered: the next sync recomputes everything, so a retry with backoff is the recovery.
        if (e instanceof KubernetesClientException k && k.getCode() == 409) {
          // optimistic concurrency at work: the object changed since the cache saw it
          LOG.debug("{}: sync of {} conflicted (retry {}): {}", controller.name(), key, queue.numRequeues(key) + 1, ApiErrors.describe(e));
        } else {
          LOG.info("{}: sync of {} failed (retry {}): {}", controller.name(), key, queue.numRequeues(key) + 1, ApiErrors.describe(e));
          LOG.debug("{}: sync of {} failed", controller.name(), key, e);
        }
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }

  /**
   * Stops the workers (waiting up to 10 s for in-flight syncs), then closes what {@link #closeOnStop} named.
   * The informers stay: whoever made them stops them, since other components may share them.
   */
  @Override
  public void close() throws Exception {
    List<Thread> toJoin;
    synchronized (this) {
      registrations.forEach(r -> r.controller().queue().shutDown());
      toJoin = List.copyOf(threads);
    }
    for (var thread : toJoin) {
      if (!thread.join(Duration.ofSeconds(10))) {
        thread.interrupt();
      }
    }
    for (var closeable : closeables) {
      closeable.close();
    }
  }
}
