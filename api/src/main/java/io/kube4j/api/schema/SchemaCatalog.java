package io.kube4j.api.schema;

import io.kube4j.api.GroupVersionKind;
import java.util.Collection;
import java.util.Optional;

/** The schemas of every served kind, looked up by kind or by definition name. */
public interface SchemaCatalog {

  /** The top-level schema of a kind, e.g. {@code apps/v1 Deployment}. */
  Optional<Schema> forKind(GroupVersionKind kind);

  /** A named definition, e.g. {@code io.k8s.api.core.v1.Container}. */
  Optional<Schema> definition(String name);

  /** Every named definition. */
  Collection<Schema> definitions();
}
