package io.kube4j.api.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The structural type of a JSON value in an API object: enough to explain a field, to reject an
 * unknown one, and to merge lists the way strategic merge patch and server-side apply do.
 *
 * <p>Named object types (e.g. {@code io.k8s.api.core.v1.Container}) are shared nodes and may be
 * recursive; array and map schemas are anonymous and carry the list semantics of the property that
 * holds them. Nodes are built once by a {@link SchemaCatalog} and are read-only afterwards.
 */
public final class Schema {

  /** The JSON shape of a value. */
  public enum Type {
    /** An object with declared properties. */
    OBJECT,
    /** An object with arbitrary keys whose values share one schema ({@link #elements()}). */
    MAP,
    ARRAY,
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    /** {@code x-kubernetes-int-or-string}: a number or a string (ports, percentages). */
    INT_OR_STRING,
    /** Anything ({@code x-kubernetes-preserve-unknown-fields}, raw extensions). */
    ANY
  }

  /** {@code x-kubernetes-list-type}. Lists without one are atomic. */
  public enum ListType {
    ATOMIC,
    SET,
    MAP
  }

  private final Type type;
  private final String name;
  private final String description;
  private final String format;
  private final Map<String, Property> properties = new LinkedHashMap<>();
  private Schema elements;
  private ListType listType = ListType.ATOMIC;
  private List<String> listMapKeys = List.of();
  private boolean atomicMap;
  private List<String> enumValues = List.of();

  private Schema(Type type, String name, String description, String format) {
    this.type = Objects.requireNonNull(type);
    this.name = name == null ? "" : name;
    this.description = description == null ? "" : description;
    this.format = format == null ? "" : format;
  }

  /** A named object type; add properties with {@link #addProperty}. */
  public static Schema object(String name, String description) {
    return new Schema(Type.OBJECT, name, description, null);
  }

  /** A scalar or {@link Type#ANY} type. */
  public static Schema scalar(Type type, String format, String description) {
    if (type == Type.OBJECT || type == Type.ARRAY || type == Type.MAP) {
      throw new IllegalArgumentException("not a scalar: " + type);
    }
    return new Schema(type, null, description, format);
  }

  /** A named scalar type such as {@code io.k8s.apimachinery.pkg.api.resource.Quantity}. */
  public static Schema namedScalar(String name, Type type, String format, String description) {
    return new Schema(type, name, description, format);
  }

  /** An array with the given list semantics. */
  public static Schema array(Schema elements, ListType listType, List<String> listMapKeys) {
    var s = new Schema(Type.ARRAY, null, null, null);
    s.elements = Objects.requireNonNull(elements);
    s.listType = listType;
    s.listMapKeys = List.copyOf(listMapKeys);
    return s;
  }

  /** A map from string keys to values of one schema. */
  public static Schema map(Schema values) {
    var s = new Schema(Type.MAP, null, null, null);
    s.elements = Objects.requireNonNull(values);
    return s;
  }

  /** Declares a property of an object type (used while the catalog is built). */
  public Schema addProperty(Property property) {
    if (type != Type.OBJECT) {
      throw new IllegalStateException("properties only on objects, not " + type);
    }
    properties.put(property.name(), property);
    return this;
  }

  /** Marks an object or map as {@code x-kubernetes-map-type: atomic} (replaced whole by apply and patches). */
  public Schema atomic() {
    this.atomicMap = true;
    return this;
  }

  public Schema withEnum(List<String> values) {
    this.enumValues = List.copyOf(values);
    return this;
  }

  public Type type() {
    return type;
  }

  /** The definition name for named types (e.g. {@code io.k8s.api.core.v1.Pod}), empty for anonymous ones. */
  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The OpenAPI format, e.g. {@code int32}, {@code date-time}, {@code byte}; empty if none. */
  public String format() {
    return format;
  }

  public Optional<Property> property(String name) {
    return Optional.ofNullable(properties.get(name));
  }

  /** Declared properties in declaration order. */
  public Map<String, Property> properties() {
    return Collections.unmodifiableMap(properties);
  }

  /** The element schema of an array, or the value schema of a map; null otherwise. */
  public Schema elements() {
    return elements;
  }

  public ListType listType() {
    return listType;
  }

  /** For {@link ListType#MAP} lists: the fields that identify an element. */
  public List<String> listMapKeys() {
    return listMapKeys;
  }

  public boolean isAtomic() {
    return atomicMap || (type == Type.ARRAY && listType == ListType.ATOMIC);
  }

  public List<String> enumValues() {
    return enumValues;
  }

  @Override
  public String toString() {
    return name.isEmpty() ? type.name().toLowerCase() : name;
  }

  /**
   * A property of an object type, with the attributes that belong to the property rather than to its type.
   *
   * @param name the JSON field name
   * @param schema the value's schema
   * @param description the field's documentation
   * @param required whether the field must be set
   * @param patchStrategies {@code x-kubernetes-patch-strategy} split on commas: {@code merge}, {@code retainKeys}, {@code replace}
   * @param patchMergeKey {@code x-kubernetes-patch-merge-key}, empty if none
   */
  public record Property(
      String name, Schema schema, String description, boolean required, List<String> patchStrategies, String patchMergeKey) {

    public Property {
      Objects.requireNonNull(name);
      Objects.requireNonNull(schema);
      description = description == null ? "" : description;
      patchStrategies = List.copyOf(patchStrategies);
      patchMergeKey = patchMergeKey == null ? "" : patchMergeKey;
    }

    public static Property of(String name, Schema schema, String description) {
      return new Property(name, schema, description, false, List.of(), "");
    }

    public boolean mergesList() {
      return patchStrategies.contains("merge");
    }

    public boolean retainsKeys() {
      return patchStrategies.contains("retainKeys");
    }
  }
}
