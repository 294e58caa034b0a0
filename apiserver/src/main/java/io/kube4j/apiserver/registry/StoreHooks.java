package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Resource-specific steps around the generic store's writes that need more than a stateless strategy:
 * allocating cluster IPs and node ports, graceful pod deletion, namespace termination. The default does
 * nothing and deletes immediately.
 */
public interface StoreHooks {

  StoreHooks NONE = new StoreHooks() {};

  /** Called on create after defaulting, before validation: may allocate (and must then be able to {@link #release}). */
  default void beforeCreate(ResourceStore store, ObjectNode object, boolean dryRun) {}

  /** Undoes {@link #beforeCreate} allocations when the create fails. */
  default void release(ResourceStore store, ObjectNode object, boolean dryRun) {}

  /** Called on update after defaulting and validation. */
  default void beforeUpdate(ResourceStore store, ObjectNode object, ObjectNode old, boolean dryRun) {}

  /** Called once an object is removed from storage. */
  default void afterDelete(ResourceStore store, ObjectNode object) {}

  /** Called when an object is first marked for deletion (e.g. a namespace turns Terminating). */
  default void beforeMarkDeleted(ResourceStore store, ObjectNode object) {}

  /**
   * Whether something besides {@code metadata.finalizers} keeps a deleted object around (a namespace's
   * {@code spec.finalizers}).
   */
  default boolean holdsDeletion(ObjectNode object) {
    return false;
  }

  /** The grace period of a delete: 0 deletes now (unless finalizers hold the object). */
  default long gracePeriod(ResourceStore store, ObjectNode object, Long requested) {
    return 0;
  }
}
