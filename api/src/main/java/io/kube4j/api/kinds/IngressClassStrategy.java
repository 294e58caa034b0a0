package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/** networking.k8s.io/v1 IngressClasses: a domain-prefixed controller name that never changes. */
final class IngressClassStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");

  IngressClassStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var controller = Json.text(spec, "controller");
    var p = SPEC.child("controller");
    if (controller.isEmpty()) {
      errs.add(FieldError.required(p.value(), ""));
    } else if (controller.length() > 250) {
      errs.add(FieldError.tooLong(p.value(), "", 250));
    } else {
      int slash = controller.indexOf('/');
      var domain = slash < 0 ? controller : controller.substring(0, slash);
      for (String msg : Names.dns1123Subdomain(domain)) {
        errs.add(FieldError.invalid(p.value(), controller, msg));
      }
    }
    var parameters = Json.object(spec, "parameters");
    if (parameters != null) {
      var pp = SPEC.child("parameters");
      Checks.required(parameters, "kind", pp, errs);
      Checks.required(parameters, "name", pp, errs);
      var scope = Json.text(parameters, "scope");
      if (!scope.isEmpty()) {
        Checks.oneOf(parameters, "scope", pp, List.of("Cluster", "Namespace"), errs);
        if (scope.equals("Namespace") && Json.text(parameters, "namespace").isEmpty()) {
          errs.add(FieldError.required(pp.child("namespace").value(), "`parameters.scope` is set to 'Namespace'"));
        }
      }
    }
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Checks.immutable(Json.get(Json.object(object, "spec"), "controller"), Json.get(Json.object(old, "spec"), "controller"),
        SPEC.child("controller"), errs);
  }
}
