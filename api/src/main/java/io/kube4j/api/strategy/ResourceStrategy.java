package io.kube4j.api.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.validation.FieldError;
import java.util.List;

/**
 * The per-kind rules the generic registry applies to every write, as upstream's registry strategies
 * do. One small, stateless object per kind; the registry does everything that is the same for all
 * kinds (metadata, uid, resourceVersion, status-vs-spec, generation, storage).
 *
 * <p>The registry calls, on create: {@link #applyDefaults} → {@link #prepareForCreate} →
 * {@link #validate}; on update of the main resource: {@link #applyDefaults} → {@link #prepareForUpdate}
 * → {@link #validateUpdate}; on update of the status subresource: {@link #applyDefaults} →
 * {@link #prepareForStatusUpdate} → {@link #validateStatusUpdate}. Objects are in the storage version.
 */
public interface ResourceStrategy {

  /** Fills unset fields with the defaults upstream sets, so {@code kubectl get -o yaml} shows them. */
  default void applyDefaults(ObjectNode object) {}

  /** Sets server-owned fields on create (e.g. a Pod's {@code status.phase: Pending}). */
  default void prepareForCreate(ObjectNode object) {}

  /**
   * Adjusts an update of the main resource against the stored object, e.g. restores fields that only
   * the status subresource may change. The registry already restores {@code status} for kinds with a
   * status subresource.
   */
  default void prepareForUpdate(ObjectNode object, ObjectNode old) {}

  /** Adjusts an update through the status subresource; the registry already restores everything but {@code status}. */
  default void prepareForStatusUpdate(ObjectNode object, ObjectNode old) {}

  /** Validates a new object (metadata included). */
  List<FieldError> validate(ObjectNode object);

  /** Validates an update: by default the new object alone; kinds add immutability rules. */
  default List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    return validate(object);
  }

  /** Validates an update through the status subresource. */
  default List<FieldError> validateStatusUpdate(ObjectNode object, ObjectNode old) {
    return List.of();
  }

  /**
   * Whether {@code metadata.generation} is kept for this kind (set to 1 on create and bumped when
   * anything but metadata and status changes).
   */
  default boolean tracksGeneration() {
    return true;
  }

  /** Warnings to send back in {@code Warning} headers, e.g. for deprecated fields. */
  default List<String> warnings(ObjectNode object) {
    return List.of();
  }
}
