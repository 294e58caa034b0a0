package io.kube4j.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Encodes a Swagger 2.0 document (as {@link OpenApiDocuments} builds it) in the protobuf wire format of gnostic's
 * {@code openapi.v2.Document}: what client-go's {@code OpenAPISchema()} asks for with
 * {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}. Only the parts of the model kube4j's
 * documents use are encoded; vendor extensions travel, as in gnostic, as YAML text (JSON is YAML).
 */
final class GnosticV2 {

  private GnosticV2() {}

  static byte[] encode(JsonNode doc) {
    var d = new Message();
    d.string(1, doc.path("swagger").asText());
    d.message(2, new Message().string(1, doc.path("info").path("title").asText())
        .string(2, doc.path("info").path("version").asText()));
    var paths = new Message();
    doc.path("paths").properties().forEach(e ->
        paths.message(2, new Message().string(1, e.getKey()).message(2, pathItem(e.getValue()))));
    d.message(8, paths);
    var definitions = new Message();
    doc.path("definitions").properties().forEach(e ->
        definitions.message(1, new Message().string(1, e.getKey()).message(2, schema(e.getValue()))));
    d.message(9, definitions);
    for (JsonNode requirement : doc.path("security")) {
      var r = new Message();
      requirement.properties().forEach(e -> {
        var values = new Message();
        e.getValue().forEach(v -> values.string(1, v.asText()));
        r.message(1, new Message().string(1, e.getKey()).message(2, values));
      });
      d.message(12, r);
    }
    var securityDefinitions = new Message();
    doc.path("securityDefinitions").properties().forEach(e -> {
      JsonNode s = e.getValue();
      var apiKey = new Message().string(1, s.path("type").asText()).string(2, s.path("name").asText())
          .string(3, s.path("in").asText()).string(4, s.path("description").asText());
      securityDefinitions.message(1, new Message().string(1, e.getKey()).message(2, new Message().message(2, apiKey)));
    });
    d.message(13, securityDefinitions);
    return d.bytes();
  }

  private static final Map<String, Integer> METHODS = Map.of("get", 2, "put", 3, "post", 4, "delete", 5, "patch", 8);

  private static Message pathItem(JsonNode item) {
    var m = new Message();
    item.properties().forEach(e -> {
      Integer field = METHODS.get(e.getKey());
      if (field != null) {
        m.message(field, operation(e.getValue()));
      }
    });
    for (JsonNode p : item.path("parameters")) {
      m.message(9, parameter(p));
    }
    return m;
  }

  private static Message operation(JsonNode op) {
    var m = new Message();
    op.path("tags").forEach(t -> m.string(1, t.asText()));
    m.string(3, op.path("description").asText());
    m.string(5, op.path("operationId").asText());
    op.path("produces").forEach(t -> m.string(6, t.asText()));
    op.path("consumes").forEach(t -> m.string(7, t.asText()));
    for (JsonNode p : op.path("parameters")) {
      m.message(8, parameter(p));
    }
    var responses = new Message();
    op.path("responses").properties().forEach(e -> {
      var response = new Message().string(1, e.getValue().path("description").asText());
      if (e.getValue().has("schema")) {
        response.message(2, new Message().message(1, schema(e.getValue().get("schema"))));
      }
      responses.message(1, new Message().string(1, e.getKey()).message(2, new Message().message(1, response)));
    });
    m.message(9, responses);
    op.path("schemes").forEach(t -> m.string(10, t.asText()));
    extensions(op, m, 13);
    return m;
  }

  /** A {@code ParametersItem} holding a body, query or path parameter. */
  private static Message parameter(JsonNode p) {
    String in = p.path("in").asText();
    Message parameter;
    if (in.equals("body")) {
      var body = new Message().string(1, p.path("description").asText()).string(2, p.path("name").asText())
          .string(3, in).bool(4, p.path("required").asBoolean()).message(5, schema(p.path("schema")));
      parameter = new Message().message(1, body);
    } else {
      Message sub;
      int kind;
      if (in.equals("path")) {
        kind = 4;
        sub = new Message().bool(1, p.path("required").asBoolean()).string(2, in).string(3, p.path("description").asText())
            .string(4, p.path("name").asText()).string(5, p.path("type").asText()).bool(19, p.path("uniqueItems").asBoolean());
      } else {
        kind = 3;
        sub = new Message().bool(1, p.path("required").asBoolean()).string(2, in).string(3, p.path("description").asText())
            .string(4, p.path("name").asText()).string(6, p.path("type").asText()).bool(20, p.path("uniqueItems").asBoolean());
      }
      parameter = new Message().message(2, new Message().message(kind, sub));
    }
    return new Message().message(1, parameter);
  }

  private static Message schema(JsonNode s) {
    var m = new Message();
    m.string(1, s.path("$ref").asText());
    m.string(2, s.path("format").asText());
    m.string(4, s.path("description").asText());
    s.path("required").forEach(r -> m.string(19, r.asText()));
    s.path("enum").forEach(e -> m.message(20, any(e)));
    JsonNode additional = s.path("additionalProperties");
    if (additional.isObject()) {
      m.message(21, new Message().message(1, schema(additional)));
    } else if (additional.isBoolean()) {
      m.message(21, new Message().bool(2, additional.asBoolean()));
    }
    if (s.has("type")) {
      m.message(22, new Message().string(1, s.get("type").asText()));
    }
    if (s.has("items")) {
      m.message(23, new Message().message(1, schema(s.get("items"))));
    }
    for (JsonNode a : s.path("allOf")) {
      m.message(24, schema(a));
    }
    if (s.has("properties")) {
      var properties = new Message();
      s.get("properties").properties().forEach(e ->
          properties.message(1, new Message().string(1, e.getKey()).message(2, schema(e.getValue()))));
      m.message(25, properties);
    }
    extensions(s, m, 31);
    return m;
  }

  private static void extensions(JsonNode node, Message m, int field) {
    node.properties().forEach(e -> {
      if (e.getKey().startsWith("x-")) {
        m.message(field, new Message().string(1, e.getKey()).message(2, any(e.getValue())));
      }
    });
  }

  /** gnostic's {@code Any}: the value as YAML text (field 2); JSON is valid YAML. */
  private static Message any(JsonNode value) {
    return new Message().string(2, value.toString());
  }

  /** A protobuf message being written: fields appended in order, nested messages length-delimited. */
  private static final class Message {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Message string(int field, String value) {
      if (value != null && !value.isEmpty()) {
        bytes(field, value.getBytes(StandardCharsets.UTF_8));
      }
      return this;
    }

    Message bool(int field, boolean value) {
      if (value) {
        varint((long) field << 3);
        varint(1);
      }
      return this;
    }

    Message message(int field, Message value) {
      bytes(field, value.bytes());
      return this;
    }

    private void bytes(int field, byte[] value) {
      varint(((long) field << 3) | 2);
      varint(value.length);
      out.writeBytes(value);
    }

    private void varint(long value) {
      while ((value & ~0x7FL) != 0) {
        out.write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      out.write((int) value);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
