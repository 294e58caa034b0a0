package io.kube4j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.kube4j.machinery.selection.LabelSelector;
import java.util.Set;

/**
 * A pod (anti-)affinity term made ready to match: its label selector parsed and its namespaces
 * resolved (the owner's namespace when none are named; every namespace for an empty namespaceSelector).
 */
public record AffinityTerm(LabelSelector selector, Set<String> namespaces, boolean allNamespaces, String topologyKey, int weight) {

  public static AffinityTerm of(Pod owner, PodAffinityTerm term) {
    return of(owner, term, 1);
  }

  public static AffinityTerm of(Pod owner, PodAffinityTerm term, int weight) {
    var namespaces = term.getNamespaces() == null || term.getNamespaces().isEmpty()
        ? Set.of(owner.getMetadata().getNamespace()) : Set.copyOf(term.getNamespaces());
    // A namespaceSelector is only honoured in its match-all form: matching namespace labels would need a namespace informer.
    var all = term.getNamespaceSelector() != null && Selectors.isEmpty(term.getNamespaceSelector());
    return new AffinityTerm(Selectors.of(term.getLabelSelector()), namespaces, all, term.getTopologyKey(), weight);
  }

  /** Whether {@code pod} is selected by this term. */
  public boolean matches(Pod pod) {
    return matches(pod.getMetadata().getNamespace(), labels(pod));
  }

  /** Whether pods with these labels are selected by this term. */
  public boolean matches(PodLabels pods) {
    return matches(pods.namespace(), pods.labels());
  }

  private boolean matches(String namespace, java.util.Map<String, String> labels) {
    return (allNamespaces || namespaces.contains(namespace)) && selector.matches(labels);
  }

  static java.util.Map<String, String> labels(Pod pod) {
    var labels = pod.getMetadata().getLabels();
    return labels == null ? java.util.Map.of() : labels;
  }
}
