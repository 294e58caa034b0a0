package io.kube4j.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube4j.api.BuiltinResources;
import io.kube4j.api.schema.BuiltinSchemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GnosticV2Test {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One field of a protobuf message: its number and, for length-delimited fields, its bytes. */
  record Field(int number, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** A reader of the wire format, enough to check the structure (varints and length-delimited fields only). */
  static List<Field> fields(byte[] message) {
    var out = new ArrayList<Field>();
    int[] pos = {0};
    while (pos[0] < message.length) {
      long key = varint(message, pos);
      int number = (int) (key >>> 3);
      switch ((int) (key & 7)) {
        case 0 -> out.add(new Field(number, new byte[] {(byte) varint(message, pos)}));
        case 2 -> {
          int length = (int) varint(message, pos);
          byte[] b = new byte[length];
          System.arraycopy(message, pos[0], b, 0, length);
          pos[0] += length;
          out.add(new Field(number, b));
        }
        default -> throw new AssertionError("unexpected wire type " + (key & 7));
      }
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[pos[0]++];
      value |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return value;
      }
    }
  }

  private static List<Field> all(List<Field> fields, int number) {
    return fields.stream().filter(f -> f.number() == number).toList();
  }

  private static Field one(List<Field> fields, int number) {
    List<Field> found = all(fields, number);
    assertThat(found).as("field " + number).hasSize(1);
    return found.getFirst();
  }

  @Test
  void encodesTheDocumentAsGnosticsOpenApiV2Message() {
    var docs = new OpenApiDocuments(BuiltinResources.all(), new BuiltinSchemas(JSON), JSON);
    List<Field> document = fields(docs.v2Protobuf());
    assertThat(one(document, 1).text()).isEqualTo("2.0");

    // definitions (9) -> NamedSchema (1) {name 1, Schema 2}; Schema vendor_extension (31) -> NamedAny {name 1, Any 2 {yaml 2}}
    List<Field> named = all(fields(one(document, 9).bytes()), 1);
    Field deployment = named.stream().filter(n -> one(fields(n.bytes()), 1).text().equals("io.k8s.api.apps.v1.Deployment"))
        .findFirst().orElseThrow();
    List<Field> schema = fields(one(fields(deployment.bytes()), 2).bytes());
    assertThat(one(fields(one(schema, 22).bytes()), 1).text()).isEqualTo("object");
    Field gvk = all(schema, 31).getFirst();
    assertThat(one(fields(gvk.bytes()), 1).text()).isEqualTo("x-kubernetes-group-version-kind");
    String yaml = one(fields(one(fields(gvk.bytes()), 2).bytes()), 2).text();
    assertThat(yaml).isEqualTo("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]");

    // paths (8) -> NamedPathItem (2) {name 1, PathItem 2 {patch 8 -> Operation {consumes 7, parameters 8}}}
    Field pod = all(fields(one(document, 8).bytes()), 2).stream()
        .filter(p -> one(fields(p.bytes()), 1).text().equals("/api/v1/namespaces/{namespace}/pods/{name}")).findFirst().orElseThrow();
    List<Field> patch = fields(one(fields(one(fields(pod.bytes()), 2).bytes()), 8).bytes());
    assertThat(all(patch, 7).stream().map(Field::text)).contains("application/strategic-merge-patch+json");
    // parameters (8) -> ParametersItem {Parameter 1 {NonBodyParameter 2 {QueryParameterSubSchema 3 {name 4}}}}
    var queryNames = new ArrayList<String>();
    for (Field item : all(patch, 8)) {
      List<Field> parameter = fields(one(fields(item.bytes()), 1).bytes());
      for (Field nonBody : all(parameter, 2)) {
        for (Field query : all(fields(nonBody.bytes()), 3)) {
          queryNames.add(one(fields(query.bytes()), 4).text());
        }
      }
    }
    assertThat(queryNames).contains("dryRun", "fieldManager", "fieldValidation", "force");
  }
}
