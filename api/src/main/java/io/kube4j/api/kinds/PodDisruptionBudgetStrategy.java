package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.IntOrString;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.LabelSelectorValidation;
import io.kube4j.api.validation.NameRule;
import java.util.List;

/** policy/v1 PodDisruptionBudgets: one of minAvailable/maxUnavailable, a valid selector, zeroed status on create. */
final class PodDisruptionBudgetStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");

  PodDisruptionBudgetStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    var status = object.putObject("status");
    status.put("currentHealthy", 0).put("desiredHealthy", 0).put("disruptionsAllowed", 0).put("expectedPods", 0);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var min = Json.get(spec, "minAvailable");
    var max = Json.get(spec, "maxUnavailable");
    if (min != null && max != null) {
      errs.add(FieldError.invalid(SPEC.value(), new Json.Rendered(String.valueOf(spec)),
          "minAvailable and maxUnavailable cannot be both set"));
    }
    for (String f : List.of("minAvailable", "maxUnavailable")) {
      var v = Json.get(spec, f);
      errs.addAll(IntOrString.validatePositiveOrPercent(v, SPEC.child(f)));
      errs.addAll(IntOrString.validateNotMoreThan100Percent(v, SPEC.child(f)));
    }
    errs.addAll(LabelSelectorValidation.validate(Json.get(spec, "selector"), SPEC.child("selector")));
    Checks.oneOf(spec, "unhealthyPodEvictionPolicy", SPEC, List.of("AlwaysAllow", "IfHealthyBudget"), errs);
  }
}
