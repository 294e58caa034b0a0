package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Keeps {@code metadata.managedFields} and performs server-side apply for one resource. */
public interface FieldManager {

  /** Records that {@code manager} wrote {@code updated} (over {@code old}, null on create); returns the object to store. */
  ObjectNode recordUpdate(ObjectNode old, ObjectNode updated, String manager, String subresource, Instant now);

  /** Merges an applied configuration into {@code live} (null when the object does not exist yet). */
  ObjectNode apply(ObjectNode live, ObjectNode applied, String manager, String subresource, boolean force, Instant now);
}
