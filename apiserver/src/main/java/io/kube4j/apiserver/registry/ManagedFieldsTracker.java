package io.kube4j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.schema.SchemaCatalog;
import io.kube4j.machinery.apply.FieldPath;
import io.kube4j.machinery.apply.FieldSet;
import io.kube4j.machinery.apply.ServerSideApply;
import java.time.Instant;

/**
 * Makes a {@link FieldManager} per resource from the server-side apply machinery: the kind's schema,
 * its storage apiVersion, and the fields each endpoint may not own (status through the main resource
 * of a kind with a status subresource; everything but status through {@code status}).
 */
public final class ManagedFieldsTracker {

  private final SchemaCatalog schemas;

  public ManagedFieldsTracker(SchemaCatalog schemas) {
    this.schemas = schemas;
  }

  /** The field manager of a resource whose objects are stored as {@code storageApiVersion}. */
  public FieldManager forResource(ResourceDefinition def, String storageApiVersion) {
    var kind = GroupVersionKind.of(storageApiVersion, def.kind());
    // built on first use: start-up does not wait for the schemas
    var main = new java.util.concurrent.atomic.AtomicReference<ServerSideApply>();
    var status = new java.util.concurrent.atomic.AtomicReference<ServerSideApply>();
    return new FieldManager() {
      @Override
      public ObjectNode recordUpdate(ObjectNode old, ObjectNode updated, String manager, String subresource, Instant now) {
        return pick(subresource).recordUpdate(old, updated, manager, now);
      }

      @Override
      public ObjectNode apply(ObjectNode live, ObjectNode applied, String manager, String subresource, boolean force, Instant now) {
        return pick(subresource).apply(live, applied, manager, force, now);
      }

      private ServerSideApply pick(String subresource) {
        if ("status".equals(subresource)) {
          return status.updateAndGet(s -> s != null ? s
              : new ServerSideApply(schemas.forKind(kind).orElse(null), kind, "status", FieldSet.of(FieldPath.fields("spec"), FieldPath.fields("metadata"))));
        }
        return main.updateAndGet(s -> s != null ? s
            : new ServerSideApply(schemas.forKind(kind).orElse(null), kind, "",
                def.hasSubresource("status") ? FieldSet.of(FieldPath.fields("status")) : FieldSet.empty()));
      }
    };
  }
}
