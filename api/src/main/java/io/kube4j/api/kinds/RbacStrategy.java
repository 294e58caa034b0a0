package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.LabelSelectorValidation;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/**
 * RBAC kinds (Role, ClusterRole, RoleBinding, ClusterRoleBinding): path-segment names, rule shape (verbs required,
 * API groups for resource rules, non-resource URLs only cluster-wide), binding subjects and an immutable roleRef.
 */
final class RbacStrategy extends KindStrategy {
  static final String GROUP = "rbac.authorization.k8s.io";

  private final String kind;

  RbacStrategy(ResourceDefinition definition) {
    super(definition, NameRule.PATH_SEGMENT);
    this.kind = definition.kind();
  }

  private boolean isBinding() {
    return kind.endsWith("Binding");
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    if (!isBinding()) {
      return;
    }
    var roleRef = Json.object(object, "roleRef");
    if (roleRef != null) {
      Json.putIfEmpty(roleRef, "apiGroup", GROUP);
    }
    for (ObjectNode subject : Json.objects(object, "subjects")) {
      if (!Json.has(subject, "apiGroup")) {
        switch (Json.text(subject, "kind")) {
          case "ServiceAccount" -> subject.put("apiGroup", "");
          case "User", "Group" -> subject.put("apiGroup", GROUP);
          default -> { }
        }
      }
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    if (isBinding()) {
      validateBinding(object, errs);
      return;
    }
    var rules = Json.objects(object, "rules");
    for (int i = 0; i < rules.size(); i++) {
      var r = rules.get(i);
      var p = FieldPath.root("rules").index(i);
      if (Json.size(r, "verbs") == 0) {
        errs.add(FieldError.required(p.child("verbs").value(), "verbs must contain at least one value"));
      }
      boolean nonResource = Json.size(r, "nonResourceURLs") > 0;
      if (nonResource) {
        if (kind.equals("Role")) {
          errs.add(FieldError.invalid(p.child("nonResourceURLs").value(), new Json.Rendered(Json.get(r, "nonResourceURLs").toString()),
              "namespaced rules cannot apply to non-resource URLs"));
        }
        if (Json.size(r, "apiGroups") > 0 || Json.size(r, "resources") > 0 || Json.size(r, "resourceNames") > 0) {
          errs.add(FieldError.invalid(p.child("nonResourceURLs").value(), new Json.Rendered(Json.get(r, "nonResourceURLs").toString()),
              "rules cannot apply to both regular resources and non-resource URLs"));
        }
        continue;
      }
      if (Json.size(r, "apiGroups") == 0) {
        errs.add(FieldError.required(p.child("apiGroups").value(), "resource rules must supply at least one api group"));
      }
      if (Json.size(r, "resources") == 0) {
        errs.add(FieldError.required(p.child("resources").value(), "resource rules must supply at least one resource"));
      }
    }
    var aggregation = Json.object(object, "aggregationRule");
    if (aggregation != null) {
      var selectors = Json.objects(aggregation, "clusterRoleSelectors");
      for (int i = 0; i < selectors.size(); i++) {
        errs.addAll(LabelSelectorValidation.validate(selectors.get(i),
            FieldPath.root("aggregationRule").child("clusterRoleSelectors").index(i)));
      }
    }
  }

  private void validateBinding(ObjectNode object, List<FieldError> errs) {
    var roleRef = Json.object(object, "roleRef");
    var rp = FieldPath.root("roleRef");
    var apiGroup = Json.text(roleRef, "apiGroup");
    if (!apiGroup.equals(GROUP)) {
      errs.add(FieldError.notSupported(rp.child("apiGroup").value(), apiGroup, List.of(GROUP)));
    }
    var refKinds = kind.equals("RoleBinding") ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
    var refKind = Json.text(roleRef, "kind");
    if (!refKinds.contains(refKind)) {
      errs.add(FieldError.notSupported(rp.child("kind").value(), refKind, refKinds));
    }
    var refName = Json.text(roleRef, "name");
    if (refName.isEmpty()) {
      errs.add(FieldError.required(rp.child("name").value(), ""));
    } else {
      Checks.format(refName, rp.child("name"), Names::pathSegmentName, errs);
    }
    var subjects = Json.objects(object, "subjects");
    for (int i = 0; i < subjects.size(); i++) {
      var s = subjects.get(i);
      var p = FieldPath.root("subjects").index(i);
      var name = Json.text(s, "name");
      if (name.isEmpty()) {
        errs.add(FieldError.required(p.child("name").value(), ""));
      }
      var subjectGroup = Json.text(s, "apiGroup");
      switch (Json.text(s, "kind")) {
        case "ServiceAccount" -> {
          if (!name.isEmpty()) {
            Checks.format(name, p.child("name"), Names::dns1123Subdomain, errs);
          }
          if (!subjectGroup.isEmpty()) {
            errs.add(FieldError.notSupported(p.child("apiGroup").value(), subjectGroup, List.of("")));
          }
          if (kind.equals("ClusterRoleBinding") && Json.text(s, "namespace").isEmpty()) {
            errs.add(FieldError.required(p.child("namespace").value(), ""));
          }
        }
        case "User", "Group" -> {
          if (!subjectGroup.equals(GROUP)) {
            errs.add(FieldError.notSupported(p.child("apiGroup").value(), subjectGroup, List.of(GROUP)));
          }
        }
        default -> errs.add(FieldError.notSupported(p.child("kind").value(), Json.text(s, "kind"),
            List.of("ServiceAccount", "User", "Group")));
      }
    }
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    if (isBinding() && !Checks.sameJson(Json.get(object, "roleRef"), Json.get(old, "roleRef"))) {
      errs.add(FieldError.invalid("roleRef", new Json.Rendered(String.valueOf(Json.get(object, "roleRef"))), "cannot change roleRef"));
    }
  }
}
