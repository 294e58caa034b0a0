package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.FieldPath;
import io.kube4j.api.validation.Json;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.Names;
import java.util.List;

/**
 * Namespaces: DNS-label names, the {@code kubernetes.io/metadata.name} label always equal to the name, the
 * {@code kubernetes} finalizer and phase Active on create; spec finalizers change only through {@code /finalize}.
 */
final class NamespaceStrategy extends KindStrategy {
  static final String NAME_LABEL = "kubernetes.io/metadata.name";
  private static final FieldPath FINALIZERS = FieldPath.root("spec").child("finalizers");

  NamespaceStrategy(ResourceDefinition definition) {
    super(definition, NameRule.DNS_LABEL);
  }

  @Override
  public void applyDefaults(ObjectNode object) {
    var meta = Json.objectOrCreate(object, "metadata");
    var name = Json.text(meta, "name");
    if (!name.isEmpty()) {
      Json.objectOrCreate(meta, "labels").put(NAME_LABEL, name);
    }
  }

  @Override
  public void prepareForCreate(ObjectNode object) {
    var spec = Json.objectOrCreate(object, "spec");
    if (!Json.strings(spec, "finalizers").contains("kubernetes")) {
      var finalizers = Json.array(spec, "finalizers");
      (finalizers == null ? spec.putArray("finalizers") : finalizers).add("kubernetes");
    }
    object.putObject("status").put("phase", "Active");
  }

  @Override
  public void prepareForUpdate(ObjectNode object, ObjectNode old) {
    var oldFinalizers = Json.get(Json.object(old, "spec"), "finalizers");
    var spec = Json.objectOrCreate(object, "spec");
    if (oldFinalizers == null) {
      spec.remove("finalizers");
    } else {
      spec.set("finalizers", oldFinalizers.deepCopy());
    }
  }

  @Override
  void validateObject(ObjectNode object, List<FieldError> errs) {
    for (String f : Json.strings(Json.object(object, "spec"), "finalizers")) {
      Checks.format(f, FINALIZERS, Names::qualifiedName, errs);
      if (!f.contains("/") && !f.equals("kubernetes")) {
        errs.add(FieldError.invalid(FINALIZERS.value(), f, "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
  }

  @Override
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    var phase = Json.text(Json.object(object, "status"), "phase");
    boolean deleting = Json.has(Json.object(object, "metadata"), "deletionTimestamp");
    if (deleting && !phase.equals("Terminating")) {
      errs.add(FieldError.invalid("status.phase", phase, "A namespace may not be set to active if it has a deletionTimestamp"));
    } else if (!deleting && phase.equals("Terminating")) {
      errs.add(FieldError.invalid("status.phase", phase, "A namespace may only be set to terminating if it has a deletionTimestamp"));
    }
  }
}
