package io.kube4j.scheduler.framework;

/**
 * A Filter plugin: decides whether a pod may run on a node. {@link #prepare} runs once per pod and
 * scheduling cycle (upstream's PreFilter) and may return {@code null} when the plugin has nothing to
 * check for this pod, in which case {@link #filter} is not called. {@link #filter} runs once per node,
 * possibly from several threads at once, and must not mutate anything.
 *
 * @param <S> the per-pod state computed by {@link #prepare}
 */
public interface FilterPlugin<S> {

  String name();

  S prepare(PodInfo pod, ClusterSnapshot cluster);

  FilterResult filter(PodInfo pod, S state, NodeInfo node);
}
