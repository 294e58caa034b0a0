package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinitions, structure only: name is {@code <plural>.<group>}, names and
 * scope set, exactly one storage version, a schema per version; the singular and list kind and the conversion
 * strategy are defaulted, and {@code status.storedVersions} starts with the storage version. Schema structural
 * validation (and CEL) is not done here.
 */
final class CustomResourceDefinitionStrategy extends KindStrategy {

  @Override
  public boolean tracksGeneration() {
    return true;
  }

  private static final FieldPath SPEC = FieldPath.root("spec");

  CustomResourceDefinitionStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_SUBDOMAIN);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    var names = Json.objectOrCreate(spec, "names");
    var kind = Json.text(names, "kind");
    if (!kind.isEmpty()) {
      Json.putIfEmpty(names, "singular", kind.toLowerCase(Locale.ROOT));
      Json.putIfEmpty(names, "listKind", kind + "List");
    }
    Json.putIfEmpty(Json.objectOrCreate(spec, "conversion"), "strategy", "None");
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    var status = object.putObject("status");
    status.putObject("acceptedNames").put("kind", "").put("plural", "");
    var stored = status.putArray("storedVersions");
    for (ObjectNode v : Json.objects(Json.object(object, "spec"), "versions")) {
      if (Json.bool(v, "storage")) {
        stored.add(Json.text(v, "name"));
      }
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    var spec = Json.object(object, "spec");
    var group = Json.text(spec, "group");
    var names = Json.object(spec, "names");
    var plural = Json.text(names, "plural");
    var name = Json.text(Json.object(object, "metadata"), "name");
    if (!name.equals(plural + "." + group)) {
      errs.add(FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
    }
    if (group.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("group").value(), ""));
    } else {
      Checks.format(group, SPEC.child("group"), Names::dns1123Subdomain, errs);
      if (!group.contains(".")) {
        errs.add(FieldError.invalid(SPEC.child("group").value(), group, "should be a domain with at least one dot"));
      }
    }
    var np = SPEC.child("names");
    for (String f : List.of("plural", "singular", "kind", "listKind")) {
      var v = Json.text(names, f);
      if (v.isEmpty()) {
        errs.add(FieldError.required(np.child(f).value(), ""));
      } else if (f.equals("plural") || f.equals("singular")) {
        Checks.format(v, np.child(f), Names::dns1035Label, errs);
      } else if (!Names.dns1035Label(v.toLowerCase(Locale.ROOT)).isEmpty()) {
        errs.add(FieldError.invalid(np.child(f).value(), v, "may have mixed case, but should otherwise match: [a-z]([-a-z0-9]*[a-z0-9])?"));
      }
    }
    var scope = Json.text(spec, "scope");
    if (scope.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("scope").value(), ""));
    } else {
      Checks.oneOf(spec, "scope", SPEC, List.of("Cluster", "Namespaced"), errs);
    }
    var versions = Json.objects(spec, "versions");
    if (versions.isEmpty()) {
      errs.add(FieldError.invalid(SPEC.child("versions").value(), new Json.Rendered("[]apiextensions.CustomResourceDefinitionVersion(nil)"),
          "must have exactly one version marked as storage version"));
      return;
    }
    int storage = 0;
    var seen = new HashSet<String>();
    for (int i = 0; i < versions.size(); i++) {
      var v = versions.get(i);
      var vp = SPEC.child("versions").index(i);
      var vn = Json.text(v, "name");
      Checks.format(vn, vp.child("name"), Names::dns1035Label, errs);
      if (!seen.add(vn)) {
        errs.add(FieldError.invalid(vp.child("name").value(), vn, "must be unique"));
      }
      if (Json.bool(v, "storage")) {
        storage++;
      }
      if (!Json.has(Json.object(v, "schema"), "openAPIV3Schema")) {
        errs.add(FieldError.required(vp.child("schema", "openAPIV3Schema").value(), "schemas are required"));
      }
    }
    if (storage != 1) {
      errs.add(FieldError.invalid(SPEC.child("versions").value(), new Json.Rendered(String.valueOf(Json.get(spec, "versions"))),
          "must have exactly one version marked as storage version"));
    }
  }

  @Override
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    Checks.immutable(Json.get(Json.object(object, "spec"), "group"), Json.get(Json.object(old, "spec"), "group"),
        SPEC.child("group"), errs);
    var plural = Json.text(Json.object(Json.object(object, "spec"), "names"), "plural");
    var oldPlural = Json.text(Json.object(Json.object(old, "spec"), "names"), "plural");
    if (!plural.equals(oldPlural)) {
      errs.add(FieldError.invalid(SPEC.child("names", "plural").value(), plural, "field is immutable"));
    }
  }
}
