package io.kube4j.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What the Go JSON encoder does with a field that a protobuf descriptor cannot say: whether its zero
 * value is written (pointer fields and fields without {@code omitempty}) and its JSON name where it
 * differs from the protobuf name. Read once from {@code go-json-fields.txt}, immutable afterwards.
 */
final class GoJsonFields {

  /** How a scalar field's zero value reaches JSON. */
  enum Mode {
    /** A Go pointer: written whenever it is on the wire, zero or not. */
    POINTER,
    /** A Go value without {@code omitempty}: always written, zero when absent from the wire. */
    ALWAYS,
    /** A Go value with {@code omitempty}: zero values are left out. */
    OMITEMPTY,
    /** An embedded struct ({@code json:",inline"}): its fields belong to the enclosing object. */
    INLINE
  }

  record Field(String jsonName, Mode mode) {}

  private static final String RESOURCE = "go-json-fields.txt";

  private final Map<String, Field> fields;

  private GoJsonFields(Map<String, Field> fields) {
    this.fields = Map.copyOf(fields);
  }

  static GoJsonFields load() {
    var stream = GoJsonFields.class.getResourceAsStream(RESOURCE);
    if (stream == null) {
      throw new IllegalStateException("missing resource " + RESOURCE + " next to " + GoJsonFields.class.getName());
    }
    var fields = new HashMap<String, Field>();
    try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        var parts = line.trim().split("\\s+");
        if (parts.length != 4) {
          throw new IllegalStateException(RESOURCE + ": malformed line: " + line);
        }
        fields.put(parts[0] + "#" + parts[1], new Field(parts[2], Mode.valueOf(parts[3].toUpperCase(java.util.Locale.ROOT))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    return new GoJsonFields(fields);
  }

  /** The JSON name of {@code field}: its protobuf name unless the Go struct tag says otherwise. */
  String jsonName(Descriptor message, FieldDescriptor field) {
    var known = fields.get(key(message, field));
    return known == null ? field.getName() : known.jsonName();
  }

  Mode mode(Descriptor message, FieldDescriptor field) {
    var known = fields.get(key(message, field));
    return known == null ? Mode.OMITEMPTY : known.mode();
  }

  private static String key(Descriptor message, FieldDescriptor field) {
    return message.getFullName() + "#" + field.getName();
  }
}
