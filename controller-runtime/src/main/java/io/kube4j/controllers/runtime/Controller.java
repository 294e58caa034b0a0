package io.kube4j.controllers.runtime;

/**
 * One reconcile loop: informer handlers put object keys ({@code namespace/name}) on {@link #queue()},
 * and the {@link ControllerManager}'s workers call {@link #sync} for each, level-triggered and
 * idempotent. A sync that throws is retried with the queue's backoff; one that returns normally
 * resets the key's backoff.
 */
public interface Controller {

  /** A short name for logs and thread names, e.g. {@code "replicaset"}. */
  String name();

  WorkQueue queue();

  /** Brings the object named by {@code key} (and what it owns) towards its desired state. */
  void sync(String key) throws Exception;
}
