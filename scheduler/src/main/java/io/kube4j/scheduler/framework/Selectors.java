package io.kube4j.scheduler.framework;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.kube4j.machinery.selection.LabelSelector;
import io.kube4j.machinery.selection.LabelSelector.Operator;
import io.kube4j.machinery.selection.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;

/** Converts fabric8's typed selectors into kube4j's {@link LabelSelector}, with upstream's null/empty rules. */
public final class Selectors {

  private Selectors() {
  }

  /** A {@code metav1.LabelSelector}: null selects nothing, an empty one selects everything. */
  public static LabelSelector of(io.fabric8.kubernetes.api.model.LabelSelector selector) {
    if (selector == null) {
      return LabelSelector.nothing();
    }
    var reqs = new ArrayList<Requirement>();
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> reqs.add(new Requirement(k, Operator.EQUALS, List.of(v))));
    }
    if (selector.getMatchExpressions() != null) {
      for (var e : selector.getMatchExpressions()) {
        reqs.add(new Requirement(e.getKey(), operator(e.getOperator()), values(e.getValues())));
      }
    }
    return reqs.isEmpty() ? LabelSelector.everything() : LabelSelector.of(reqs);
  }

  static boolean isEmpty(io.fabric8.kubernetes.api.model.LabelSelector selector) {
    return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
        && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
  }

  /** The node selector requirements of one term (matchExpressions), AND-ed. */
  public static LabelSelector ofNodeRequirements(List<NodeSelectorRequirement> requirements) {
    var reqs = new ArrayList<Requirement>();
    for (var e : requirements) {
      reqs.add(new Requirement(e.getKey(), operator(e.getOperator()), values(e.getValues())));
    }
    return LabelSelector.of(reqs);
  }

  private static List<String> values(List<String> values) {
    return values == null ? List.of() : values;
  }

  private static Operator operator(String op) {
    return switch (op) {
      case "In" -> Operator.IN;
      case "NotIn" -> Operator.NOT_IN;
      case "Exists" -> Operator.EXISTS;
      case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
      case "Gt" -> Operator.GREATER_THAN;
      case "Lt" -> Operator.LESS_THAN;
      default -> throw new IllegalArgumentException("unknown selector operator " + op);
    };
  }
}
