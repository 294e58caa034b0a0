package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/** ResourceQuotas: qualified resource names with non-negative amounts, known scopes; status starts empty. */
final class ResourceQuotaStrategy extends KindStrategy {
  private static final FieldPath SPEC = FieldPath.root("spec");
  private static final List<String> SCOPES = List.of("BestEffort", "CrossNamespacePodAffinity", "NotBestEffort",
      "NotTerminating", "PriorityClass", "Terminating");

  ResourceQuotaStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    Quantities.canonicalizeList(Json.object(object, "spec"), "hard");
    Quantities.canonicalizeList(Json.object(object, "status"), "hard");
    Quantities.canonicalizeList(Json.object(object, "status"), "used");
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    object.putObject("status");
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    for (var e : Json.entries(spec, "hard")) {
      var p = SPEC.child("hard").key(e.getKey());
      Checks.format(e.getKey(), p, Names::qualifiedName, errs);
      Checks.nonNegativeQuantity(Json.get(Json.get(spec, "hard"), e.getKey()), p, errs);
    }
    var scopes = Json.strings(spec, "scopes");
    for (String s : scopes) {
      if (!SCOPES.contains(s)) {
        errs.add(FieldError.notSupported(SPEC.child("scopes").value(), s, SCOPES));
      }
    }
    if (scopes.contains("BestEffort") && scopes.contains("NotBestEffort")) {
      errs.add(FieldError.invalid(SPEC.child("scopes").value(), new Json.Rendered(scopes.toString()),
          "conflicting scopes"));
    }
    if (scopes.contains("Terminating") && scopes.contains("NotTerminating")) {
      errs.add(FieldError.invalid(SPEC.child("scopes").value(), new Json.Rendered(scopes.toString()),
          "conflicting scopes"));
    }
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var status = Json.object(object, "status");
    for (String list : List.of("hard", "used")) {
      for (var e : Json.entries(status, list)) {
        Checks.nonNegativeQuantity(Json.get(Json.get(status, list), e.getKey()),
            FieldPath.root("status").child(list).key(e.getKey()), errs);
      }
    }
  }
}
