package io.kube4j.machinery.patch;

import static io.kube4j.machinery.patch.PatchFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7386 merge patches (the RFC's appendix table among them) as the kube-apiserver applies them. */
class MergePatchTest {

  record Case(String name, String document, String patch, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  record Failure(String name, String patch, int code, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("a member is replaced", "{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        new Case("a member is added", "{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
        new Case("null removes a member", "{\"a\":\"b\"}", "{\"a\":null}", "{}"),
        new Case("null removes only that member", "{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
        new Case("a list is replaced by a scalar", "{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        new Case("a scalar is replaced by a list", "{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
        new Case("objects merge recursively", "{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
        new Case("a list of objects is replaced whole", "{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
        new Case("an existing null stays when another member is added", "{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
        new Case("nulls inside a new object are dropped", "{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"),
        new Case("nulls in objects inside a new list are dropped, null elements stay", "{\"a\":\"s\"}",
            "{\"a\":[{\"y\":null,\"z\":1},null]}", "{\"a\":[{\"z\":1},null]}"),
        new Case("an object replaced by a list keeps the list as sent", "{\"a\":{\"x\":1}}",
            "{\"a\":[{\"y\":null}]}", "{\"a\":[{\"y\":null}]}"),
        new Case("removing a missing member is a no-op", "{\"a\":1}", "{\"b\":null}", "{\"a\":1}"),
        new Case("labels merge, containers are replaced",
            """
            metadata:
              labels: {app: web, tier: front}
            spec:
              containers:
              - name: a
                image: a
              - name: b
                image: b
            """,
            """
            metadata:
              labels: {tier: null, version: v2}
            spec:
              containers:
              - name: b
                image: b2
            """,
            """
            metadata:
              labels: {app: web, version: v2}
            spec:
              containers:
              - name: b
                image: b2
            """),
        new Case("an empty patch changes nothing", "{\"a\":{\"b\":1}}", "{}", "{\"a\":{\"b\":1}}"));
  }

  static List<Failure> failures() {
    return List.of(
        new Failure("a null patch", "null", 400, "Invalid JSON Patch"),
        new Failure("a list patch", "[{\"a\":1}]", 400,
            "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}"),
        new Failure("a string patch", "\"a\"", 400,
            "error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void applies(Case c) {
    var document = yaml(c.document());
    var before = document.deepCopy();
    assertThat(MergePatch.apply(document, yaml(c.patch()))).isEqualTo(yaml(c.expected()));
    assertThat(document).as("the input document is not modified").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void fails(Failure f) {
    assertThatThrownBy(() -> MergePatch.apply(yaml("{\"a\":1}"), yaml(f.patch())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(f.code());
          assertThat(e.reason()).isEqualTo(ApiException.Reason.BAD_REQUEST);
          assertThat(e.getMessage()).isEqualTo(f.message());
        });
  }
}
