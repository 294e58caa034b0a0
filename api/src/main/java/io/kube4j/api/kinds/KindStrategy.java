package io.kube4j.api.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.strategy.ResourceStrategy;
import io.kube4j.api.validation.FieldError;
import io.kube4j.api.validation.NameRule;
import io.kube4j.api.validation.ObjectMetaValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * The skeleton every kind's strategy shares: metadata is validated with the kind's scope and name rule, then the
 * kind adds its own rules for the object, for updates and for status updates.
 */
abstract class KindStrategy implements ResourceStrategy {

  final ResourceDefinition definition;
  final NameRule nameRule;

  KindStrategy(ResourceDefinition definition, NameRule nameRule) {
    this.definition = definition;
    this.nameRule = nameRule;
  }

  /** Most built-in kinds keep no {@code metadata.generation}; the kinds whose upstream strategy bumps it override this. */
  @Override
  public boolean tracksGeneration() {
    return false;
  }

  @Override
  public final List<FieldError> validate(ObjectNode object) {
    var errs = new ArrayList<FieldError>(ObjectMetaValidation.validate(object, definition.namespaced(), nameRule));
    validateObject(object, errs);
    return errs;
  }

  @Override
  public final List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    var errs = new ArrayList<FieldError>(ObjectMetaValidation.validateUpdate(object, old));
    validateUpdatedObject(object, old, errs);
    validateObjectUpdate(object, old, errs);
    return errs;
  }

  @Override
  public final List<FieldError> validateStatusUpdate(ObjectNode object, ObjectNode old) {
    var errs = new ArrayList<FieldError>(ObjectMetaValidation.validateUpdate(object, old));
    validateStatus(object, old, errs);
    return errs;
  }

  @Override
  public List<String> warnings(ObjectNode object) {
    var warnings = new ArrayList<String>(ObjectMetaValidation.finalizerWarnings(object));
    warnings.addAll(PodSpecWarnings.ofTemplate(object));
    return warnings;
  }

  /** The kind's own rules for a whole object (spec, data, ...), run on create and update. */
  void validateObject(ObjectNode object, List<FieldError> errs) {}

  /** The rules for the new object of an update; by default the same as for a create. */
  void validateUpdatedObject(ObjectNode object, ObjectNode old, List<FieldError> errs) {
    validateObject(object, errs);
  }

  /** What an update may not change. */
  void validateObjectUpdate(ObjectNode object, ObjectNode old, List<FieldError> errs) {}

  /** Rules for a status update. */
  void validateStatus(ObjectNode object, ObjectNode old, List<FieldError> errs) {}
}
