package io.kube4j.apiserver.protobuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns a decoded Kubernetes protobuf message into the JSON tree Go's encoding/json writes for the
 * same Go object: Go JSON names, zero values kept only where Go keeps them, and the hand-marshalled
 * apimachinery types (times, durations, quantities, int-or-string, raw JSON) in their JSON form.
 */
final class ProtoJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final String APIEXTENSIONS = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.";
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC3339_MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final GoJsonFields fields;
  private final List<String> warnings;

  ProtoJson(GoJsonFields fields, List<String> warnings) {
    this.fields = fields;
    this.warnings = warnings;
  }

  /** The JSON of a message that is a Go struct (not one of the specially marshalled types). */
  ObjectNode object(Message message, String path) {
    var object = NODES.objectNode();
    var type = message.getDescriptorForType();
    for (var field : type.getFields()) {
      var name = fields.jsonName(type, field);
      var fieldPath = fields.mode(type, field) == GoJsonFields.Mode.INLINE ? path : path.isEmpty() ? name : path + "." + name;
      if (field.isMapField()) {
        if (message.getRepeatedFieldCount(field) > 0) {
          object.set(name, map(message, field, fieldPath));
        }
      } else if (field.isRepeated()) {
        int count = message.getRepeatedFieldCount(field);
        if (count > 0) {
          var array = object.putArray(name);
          for (int i = 0; i < count; i++) {
            array.add(value(field, message.getRepeatedField(field, i), fieldPath + "[" + i + "]"));
          }
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (message.hasField(field)) {
          var value = value(field, message.getField(field), fieldPath);
          if (fields.mode(type, field) == GoJsonFields.Mode.INLINE && value instanceof ObjectNode inlined) {
            object.setAll(inlined);
          } else {
            object.set(name, value);
          }
        }
      } else {
        scalarField(message, type, field, name, object);
      }
    }
    if (!message.getUnknownFields().asMap().isEmpty()) {
      warnings.add("unknown protobuf field" + (message.getUnknownFields().asMap().size() > 1 ? "s " : " ")
          + message.getUnknownFields().asMap().keySet() + " of " + type.getFullName()
          + (path.isEmpty() ? "" : " at " + path) + " ignored: this server's protobuf schema does not know it; send JSON to set it");
    }
    return object;
  }

  private void scalarField(Message message, Descriptor type, FieldDescriptor field, String name, ObjectNode object) {
    var mode = fields.mode(type, field);
    if (message.hasField(field)) {
      var value = message.getField(field);
      if (mode != GoJsonFields.Mode.OMITEMPTY || !isZero(value)) {
        object.set(name, scalar(field, value));
      }
    } else if (mode == GoJsonFields.Mode.ALWAYS) {
      object.set(name, scalar(field, field.getDefaultValue()));
    }
  }

  private ObjectNode map(Message message, FieldDescriptor field, String path) {
    var entryType = field.getMessageType();
    var keyField = entryType.findFieldByNumber(1);
    var valueField = entryType.findFieldByNumber(2);
    var sorted = new TreeMap<String, JsonNode>();
    for (int i = 0; i < message.getRepeatedFieldCount(field); i++) {
      var entry = (Message) message.getRepeatedField(field, i);
      var key = String.valueOf(entry.getField(keyField));
      sorted.put(key, value(valueField, entry.getField(valueField), path + "[" + key + "]"));
    }
    var object = NODES.objectNode();
    sorted.forEach(object::set);
    return object;
  }

  private JsonNode value(FieldDescriptor field, Object value, String path) {
    if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return scalar(field, value);
    }
    var message = (Message) value;
    var type = message.getDescriptorForType();
    return switch (type.getFullName()) {
      case META + "Time" -> time(message, RFC3339);
      case META + "MicroTime" -> time(message, RFC3339_MICRO);
      case META + "Duration" -> NODES.textNode(goDuration((Long) field(message, "duration")));
      case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
        var text = (String) field(message, "string");
        yield NODES.textNode(text.isEmpty() ? "0" : text);
      }
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> ((Long) field(message, "type")) == 1
          ? NODES.textNode((String) field(message, "strVal"))
          : NODES.numberNode((Integer) field(message, "intVal"));
      case "k8s.io.apimachinery.pkg.runtime.RawExtension", META + "FieldsV1", APIEXTENSIONS + "JSON" ->
          rawJson((ByteString) message.getField(type.getFields().getFirst()), path);
      // The apiextensions "or" types marshal as whichever alternative is set.
      case APIEXTENSIONS + "JSONSchemaPropsOrBool" -> has(message, "schema")
          ? value(type.findFieldByName("schema"), field(message, "schema"), path)
          : NODES.booleanNode((Boolean) field(message, "allows"));
      case APIEXTENSIONS + "JSONSchemaPropsOrArray" -> message.getRepeatedFieldCount(type.findFieldByName("jSONSchemas")) > 0
          ? namedSlice(message, type.findFieldByName("jSONSchemas"), path)
          : has(message, "schema") ? value(type.findFieldByName("schema"), field(message, "schema"), path) : NODES.nullNode();
      case APIEXTENSIONS + "JSONSchemaPropsOrStringArray" -> message.getRepeatedFieldCount(type.findFieldByName("property")) > 0
          ? namedSlice(message, type.findFieldByName("property"), path)
          : has(message, "schema") ? value(type.findFieldByName("schema"), field(message, "schema"), path) : NODES.nullNode();
      default -> isNamedSlice(type) ? namedSlice(message, type.getFields().getFirst(), path) : object(message, path);
    };
  }

  /**
   * go-to-protobuf wraps a named Go slice type (e.g. {@code ExtraValue []string}) in a message whose
   * only field is a repeated {@code items}; Go's JSON writes the slice itself.
   */
  private static boolean isNamedSlice(Descriptor type) {
    return type.getFields().size() == 1 && type.getFields().getFirst().getName().equals("items") && type.getFields().getFirst().isRepeated();
  }

  private JsonNode namedSlice(Message message, FieldDescriptor items, String path) {
    ArrayNode array = NODES.arrayNode();
    for (int i = 0; i < message.getRepeatedFieldCount(items); i++) {
      array.add(value(items, message.getRepeatedField(items, i), path + "[" + i + "]"));
    }
    return array;
  }

  private static boolean has(Message message, String name) {
    return message.hasField(message.getDescriptorForType().findFieldByName(name));
  }

  private static Object field(Message message, String name) {
    return message.getField(message.getDescriptorForType().findFieldByName(name));
  }

  /** metav1.Time and MicroTime: the zero time is {@code null}, others are RFC 3339 in UTC. */
  private static JsonNode time(Message message, DateTimeFormatter format) {
    long seconds = (Long) field(message, "seconds");
    int nanos = (Integer) field(message, "nanos");
    if (seconds == 0 && nanos == 0) {
      return NODES.nullNode();
    }
    return NODES.textNode(format.format(Instant.ofEpochSecond(seconds, nanos)));
  }

  private static JsonNode rawJson(ByteString raw, String path) {
    if (raw.isEmpty()) {
      return NODES.nullNode();
    }
    try {
      return MAPPER.readTree(raw.toByteArray());
    } catch (JsonProcessingException e) {
      throw new MalformedBody("the raw value of " + path + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading an in-memory byte array", e);
    }
  }

  private static JsonNode scalar(FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case STRING -> NODES.textNode((String) value);
      case INT -> NODES.numberNode((Integer) value);
      // The way Jackson parses JSON: an int64 that fits in 32 bits becomes an int node, so trees compare equal.
      case LONG -> (Long) value == ((Long) value).intValue() ? NODES.numberNode(((Long) value).intValue()) : NODES.numberNode((Long) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case ENUM -> NODES.textNode(value.toString());
      case MESSAGE -> throw new IllegalArgumentException("not a scalar: " + field.getFullName());
    };
  }

  private static boolean isZero(Object value) {
    return switch (value) {
      case String s -> s.isEmpty();
      case Integer i -> i == 0;
      case Long l -> l == 0;
      case Boolean b -> !b;
      case Double d -> d == 0;
      case Float f -> f == 0;
      case ByteString b -> b.isEmpty();
      default -> false;
    };
  }

  /** Go's {@code time.Duration.String()}: {@code 1h2m3.5s}, {@code 1.5µs}, {@code 0s}. */
  static String goDuration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    var sign = nanos < 0 ? "-" : "";
    // Long.MIN_VALUE has no positive counterpart; unsigned arithmetic keeps its magnitude.
    long u = nanos < 0 ? -nanos : nanos;
    if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
      if (u < 1_000L) {
        return sign + u + "ns";
      }
      if (u < 1_000_000L) {
        return sign + decimal(u, 3) + "µs";
      }
      return sign + decimal(u, 6) + "ms";
    }
    long totalSeconds = Long.divideUnsigned(u, 1_000_000_000L);
    var text = new StringBuilder(decimal(Long.remainderUnsigned(u, 60_000_000_000L), 9)).append('s');
    long minutes = totalSeconds / 60;
    if (minutes > 0) {
      text.insert(0, (minutes % 60) + "m");
      long hours = minutes / 60;
      if (hours > 0) {
        text.insert(0, hours + "h");
      }
    }
    return sign + text;
  }

  private static String decimal(long value, int fractionDigits) {
    long scale = (long) Math.pow(10, fractionDigits);
    long whole = value / scale;
    long fraction = value % scale;
    if (fraction == 0) {
      return Long.toString(whole);
    }
    var digits = String.format("%0" + fractionDigits + "d", fraction).replaceAll("0+$", "");
    return whole + "." + digits;
  }

  /** A body that parses as protobuf but does not hold what its types say. */
  static final class MalformedBody extends RuntimeException {
    MalformedBody(String message) {
      super(message);
    }
  }
}
