package io.kube4j.machinery.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The managed fields of one object: at most one entry per identity (see {@link ManagedFieldsEntry#identifier()}),
 * read from and written to {@code metadata.managedFields} in upstream's format and order (Apply before
 * Update, then oldest first, then by manager, apiVersion and subresource). Immutable.
 */
public final class ManagedFields {

  private static final ManagedFields EMPTY = new ManagedFields(Map.of());

  private final Map<String, ManagedFieldsEntry> entries;

  private ManagedFields(Map<String, ManagedFieldsEntry> entries) {
    this.entries = entries;
  }

  public static ManagedFields empty() {
    return EMPTY;
  }

  /** Entries keyed by identity; a later entry with the same identity replaces an earlier one, as upstream. */
  public static ManagedFields of(Collection<ManagedFieldsEntry> entries) {
    var m = new LinkedHashMap<String, ManagedFieldsEntry>();
    entries.forEach(e -> m.put(e.identifier(), e));
    return new ManagedFields(m);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public List<ManagedFieldsEntry> entries() {
    return List.copyOf(entries.values());
  }

  public ManagedFieldsEntry get(String identifier) {
    return entries.get(identifier);
  }

  Map<String, ManagedFieldsEntry> asMap() {
    return new LinkedHashMap<>(entries);
  }

  static ManagedFields ofMap(Map<String, ManagedFieldsEntry> m) {
    return new ManagedFields(new LinkedHashMap<>(m));
  }

  /**
   * Decodes {@code metadata.managedFields}.
   *
   * @param list the JSON array, or null/missing for none
   * @throws IllegalArgumentException with upstream's reason if an entry is invalid
   */
  public static ManagedFields decode(JsonNode list) {
    if (list == null || list.isNull() || list.isMissingNode()) {
      return EMPTY;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("managedFields must be a list");
    }
    var out = new ArrayList<ManagedFieldsEntry>();
    for (int i = 0; i < list.size(); i++) {
      var e = list.get(i);
      if (!e.isObject()) {
        throw new IllegalArgumentException("managed fields entry " + i + " must be an object");
      }
      var op = ManagedFieldsEntry.Operation.parse(text(e, "operation"));
      var apiVersion = text(e, "apiVersion");
      if (apiVersion.isEmpty()) {
        throw new IllegalArgumentException("apiVersion must not be empty");
      }
      var fieldsType = text(e, "fieldsType");
      if (fieldsType.isEmpty()) {
        throw new IllegalArgumentException("missing fieldsType in managed fields entry " + i);
      }
      if (!fieldsType.equals("FieldsV1")) {
        throw new IllegalArgumentException("invalid fieldsType \"" + fieldsType + "\" in managed fields entry " + i);
      }
      Instant time = null;
      var t = text(e, "time");
      if (!t.isEmpty()) {
        try {
          time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t, Instant::from);
        } catch (DateTimeParseException ex) {
          throw new IllegalArgumentException("invalid time " + t + " in managed fields entry " + i, ex);
        }
      }
      FieldSet fields;
      try {
        fields = FieldSet.fromFieldsV1(e.get("fieldsV1"));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException("error decoding set: " + ex.getMessage(), ex);
      }
      out.add(new ManagedFieldsEntry(text(e, "manager"), op, apiVersion, time, text(e, "subresource"), fields));
    }
    return of(out);
  }

  private static String text(JsonNode o, String field) {
    var v = o.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  /**
   * Whether a request body's {@code managedFields} asks to reset them: an empty list, or a list holding one
   * empty entry ({@code [{}]}).
   */
  public static boolean isReset(JsonNode list) {
    if (list == null || list.isNull() || list.isMissingNode() || !list.isArray()) {
      return false;
    }
    if (list.isEmpty()) {
      return true;
    }
    return list.size() == 1 && list.get(0).isObject() && list.get(0).isEmpty();
  }

  /** Entries in upstream's order. */
  public List<ManagedFieldsEntry> sorted() {
    var l = new ArrayList<>(entries.values());
    l.sort(Comparator.<ManagedFieldsEntry, String>comparing(e -> e.operation().text())
        .thenComparingLong(e -> e.time() == null ? 0 : e.time().getEpochSecond())
        .thenComparing(ManagedFieldsEntry::manager)
        .thenComparing(ManagedFieldsEntry::apiVersion)
        .thenComparing(ManagedFieldsEntry::subresource));
    return l;
  }

  /** The {@code metadata.managedFields} array, or null when there are no entries (the field is then omitted). */
  public ArrayNode encode() {
    if (entries.isEmpty()) {
      return null;
    }
    var a = JsonNodeFactory.instance.arrayNode();
    for (var e : sorted()) {
      ObjectNode o = a.addObject();
      o.put("manager", e.manager());
      o.put("operation", e.operation().text());
      o.put("apiVersion", e.apiVersion());
      if (e.time() != null) {
        o.put("time", DateTimeFormatter.ISO_INSTANT.format(e.time()));
      }
      o.put("fieldsType", "FieldsV1");
      o.set("fieldsV1", e.fields().toFieldsV1());
      if (!e.subresource().isEmpty()) {
        o.put("subresource", e.subresource());
      }
    }
    return a;
  }

  /** Writes the entries into {@code object.metadata.managedFields}, removing the field when there are none. */
  public void writeTo(ObjectNode object) {
    var encoded = encode();
    var meta = object.get("metadata");
    if (encoded == null) {
      if (meta instanceof ObjectNode m) {
        m.remove("managedFields");
      }
      return;
    }
    var m = meta instanceof ObjectNode o ? o : object.putObject("metadata");
    m.set("managedFields", encoded);
  }

  /** Reads {@code object.metadata.managedFields}. */
  public static ManagedFields readFrom(JsonNode object) {
    return decode(object == null ? null : object.path("metadata").get("managedFields"));
  }

  @Override
  public String toString() {
    return String.valueOf(encode());
  }
}
