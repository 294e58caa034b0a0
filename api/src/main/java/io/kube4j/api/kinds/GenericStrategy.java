package io.kube4j.api.kinds;

import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.NameRule;

/**
 * The strategy of kinds kube4j does not specialise: metadata validation with the kind's scope and name rule, no
 * defaults, and generation tracking as upstream does for that kind.
 */
final class GenericStrategy extends KindStrategy {

  /** Whether upstream keeps {@code metadata.generation} for the kind. */
  enum Generation {
    TRACKED,
    NOT_TRACKED
  }

  private final Generation generation;

  GenericStrategy(ResourceDefinition definition, NameRule nameRule, Generation generation) {
    super(definition, nameRule);
    this.generation = generation;
  }

  @Override
  public boolean tracksGeneration() {
    return generation == Generation.TRACKED;
  }
}
