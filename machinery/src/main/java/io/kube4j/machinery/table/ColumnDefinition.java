package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code meta.k8s.io/v1 TableColumnDefinition}: the column's header name, its OpenAPI type
 * ({@code string}, {@code integer}, {@code number}, {@code boolean}, {@code date}), an optional format
 * ({@code name} marks the object-name column), a description, and a priority (0 = shown by default,
 * 1 = only with {@code kubectl get -o wide}).
 */
public record ColumnDefinition(String name, String type, String format, String description, int priority) {

  static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating resources, although some "
      + "resources may allow a client to request the generation of an appropriate name automatically. Name is primarily "
      + "intended for creation idempotence and configuration definition. Cannot be updated. More info: "
      + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  static final String CREATION_TIMESTAMP_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when this "
      + "object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may "
      + "not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for "
      + "lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

  public ColumnDefinition {
    format = format == null ? "" : format;
    description = description == null ? "" : description;
  }

  /** The {@code Name} column every built-in table starts with. */
  public static ColumnDefinition nameColumn() {
    return new ColumnDefinition("Name", "string", "name", NAME_DESCRIPTION, 0);
  }

  /** The {@code Age} column (a human duration since creation). */
  public static ColumnDefinition ageColumn() {
    return new ColumnDefinition("Age", "string", "", CREATION_TIMESTAMP_DESCRIPTION, 0);
  }

  /** A priority-0 column. */
  public static ColumnDefinition of(String name, String type, String description) {
    return new ColumnDefinition(name, type, "", description, 0);
  }

  /** A priority-1 column, printed only by {@code -o wide}. */
  public static ColumnDefinition wide(String name, String type, String description) {
    return new ColumnDefinition(name, type, "", description, 1);
  }

  /** The JSON form, with every field present as upstream serializes it. */
  public ObjectNode toJson() {
    var n = JsonNodeFactory.instance.objectNode();
    n.put("name", name);
    n.put("type", type);
    n.put("format", format);
    n.put("description", description);
    n.put("priority", priority);
    return n;
  }
}
