package io.kube4j.machinery.patch;

import static io.kube4j.machinery.patch.PatchFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 6902 patches (the RFC's appendix examples among them) with the kube-apiserver's behaviour and errors. */
class JsonPatchTest {

  record Case(String name, String document, String patch, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code cause} is the underlying failure for 422s (upstream's client only sees the generic message). */
  record Failure(String name, String document, String patch, int code, String message, String cause) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("add an object member", "{\"foo\":\"bar\"}",
            "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\"}]", "{\"foo\":\"bar\",\"baz\":\"qux\"}"),
        new Case("add an array element at an index", "{\"foo\":[\"bar\",\"baz\"]}",
            "[{\"op\":\"add\",\"path\":\"/foo/1\",\"value\":\"qux\"}]", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}"),
        new Case("remove an object member", "{\"baz\":\"qux\",\"foo\":\"bar\"}",
            "[{\"op\":\"remove\",\"path\":\"/baz\"}]", "{\"foo\":\"bar\"}"),
        new Case("remove an array element", "{\"foo\":[\"bar\",\"qux\",\"baz\"]}",
            "[{\"op\":\"remove\",\"path\":\"/foo/1\"}]", "{\"foo\":[\"bar\",\"baz\"]}"),
        new Case("replace a value", "{\"baz\":\"qux\",\"foo\":\"bar\"}",
            "[{\"op\":\"replace\",\"path\":\"/baz\",\"value\":\"boo\"}]", "{\"baz\":\"boo\",\"foo\":\"bar\"}"),
        new Case("move a value", "{\"foo\":{\"bar\":\"baz\",\"waldo\":\"fred\"},\"qux\":{\"corge\":\"grault\"}}",
            "[{\"op\":\"move\",\"from\":\"/foo/waldo\",\"path\":\"/qux/thud\"}]",
            "{\"foo\":{\"bar\":\"baz\"},\"qux\":{\"corge\":\"grault\",\"thud\":\"fred\"}}"),
        new Case("move an array element", "{\"foo\":[\"all\",\"grass\",\"cows\",\"eat\"]}",
            "[{\"op\":\"move\",\"from\":\"/foo/1\",\"path\":\"/foo/3\"}]", "{\"foo\":[\"all\",\"cows\",\"eat\",\"grass\"]}"),
        new Case("test passes then add applies", "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"]}",
            "[{\"op\":\"test\",\"path\":\"/baz\",\"value\":\"qux\"},{\"op\":\"test\",\"path\":\"/foo/1\",\"value\":2},"
                + "{\"op\":\"add\",\"path\":\"/ok\",\"value\":true}]",
            "{\"baz\":\"qux\",\"foo\":[\"a\",2,\"c\"],\"ok\":true}"),
        new Case("add a nested object", "{\"foo\":\"bar\"}",
            "[{\"op\":\"add\",\"path\":\"/child\",\"value\":{\"grandchild\":{}}}]", "{\"foo\":\"bar\",\"child\":{\"grandchild\":{}}}"),
        new Case("unknown members of an operation are ignored", "{\"foo\":\"bar\"}",
            "[{\"op\":\"add\",\"path\":\"/baz\",\"value\":\"qux\",\"xyz\":123}]", "{\"foo\":\"bar\",\"baz\":\"qux\"}"),
        new Case("add an array as a value", "{\"foo\":[\"bar\"]}",
            "[{\"op\":\"add\",\"path\":\"/foo/-\",\"value\":[\"abc\",\"def\"]}]", "{\"foo\":[\"bar\",[\"abc\",\"def\"]]}"),
        new Case("~1 and ~0 escape / and ~ in member names", "{\"metadata\":{\"annotations\":{}}}",
            "[{\"op\":\"add\",\"path\":\"/metadata/annotations/example.com~1owner\",\"value\":\"me\"},"
                + "{\"op\":\"add\",\"path\":\"/metadata/annotations/a~0b\",\"value\":\"t\"}]",
            "{\"metadata\":{\"annotations\":{\"example.com/owner\":\"me\",\"a~b\":\"t\"}}}"),
        new Case("~01 decodes to ~1, not /", "{}",
            "[{\"op\":\"add\",\"path\":\"/~01\",\"value\":1}]", "{\"~1\":1}"),
        new Case("- appends to an array", "{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}",
            "[{\"op\":\"add\",\"path\":\"/spec/containers/-\",\"value\":{\"name\":\"b\"}}]",
            "{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}"),
        new Case("a negative index counts from the end when adding", "{\"a\":[1,2]}",
            "[{\"op\":\"add\",\"path\":\"/a/-1\",\"value\":3}]", "{\"a\":[1,2,3]}"),
        new Case("a negative index counts from the end when removing", "{\"a\":[1,2,3]}",
            "[{\"op\":\"remove\",\"path\":\"/a/-1\"}]", "{\"a\":[1,2]}"),
        new Case("an index with a leading zero or plus sign is accepted", "{\"a\":[1,2,3]}",
            "[{\"op\":\"replace\",\"path\":\"/a/01\",\"value\":9},{\"op\":\"remove\",\"path\":\"/a/+0\"}]", "{\"a\":[9,3]}"),
        new Case("replace of a missing member adds it, as upstream does", "{\"spec\":{}}",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]", "{\"spec\":{\"replicas\":3}}"),
        new Case("kubectl scale style replace", "{\"spec\":{\"replicas\":1,\"paused\":false}}",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]", "{\"spec\":{\"replicas\":5,\"paused\":false}}"),
        new Case("copy duplicates a value", "{\"a\":{\"x\":[1]},\"b\":{}}",
            "[{\"op\":\"copy\",\"from\":\"/a/x\",\"path\":\"/b/y\"}]", "{\"a\":{\"x\":[1]},\"b\":{\"y\":[1]}}"),
        new Case("copy of a missing member copies null", "{\"a\":{}}",
            "[{\"op\":\"copy\",\"from\":\"/a/nothing\",\"path\":\"/a/copy\"}]", "{\"a\":{\"copy\":null}}"),
        new Case("test of a missing member against null passes", "{\"a\":{}}",
            "[{\"op\":\"test\",\"path\":\"/a/missing\",\"value\":null},{\"op\":\"add\",\"path\":\"/a/b\",\"value\":1}]",
            "{\"a\":{\"b\":1}}"),
        new Case("test compares objects regardless of member order", "{\"a\":{\"x\":1,\"y\":[true,null]}}",
            "[{\"op\":\"test\",\"path\":\"/a\",\"value\":{\"y\":[true,null],\"x\":1}}]", "{\"a\":{\"x\":1,\"y\":[true,null]}}"),
        new Case("test of the whole document", "{\"a\":1}",
            "[{\"op\":\"test\",\"path\":\"\",\"value\":{\"a\":1}}]", "{\"a\":1}"),
        new Case("replace of the whole document", "{\"a\":1}",
            "[{\"op\":\"replace\",\"path\":\"\",\"value\":{\"b\":2}}]", "{\"b\":2}"),
        new Case("add without a value adds null", "{}",
            "[{\"op\":\"add\",\"path\":\"/a\"}]", "{\"a\":null}"),
        new Case("add replaces an existing member", "{\"metadata\":{\"labels\":{\"app\":\"a\"}}}",
            "[{\"op\":\"add\",\"path\":\"/metadata/labels/app\",\"value\":\"b\"}]", "{\"metadata\":{\"labels\":{\"app\":\"b\"}}}"),
        new Case("move to the same place changes nothing", "{\"a\":{\"b\":1}}",
            "[{\"op\":\"move\",\"from\":\"/a/b\",\"path\":\"/a/b\"}]", "{\"a\":{\"b\":1}}"),
        new Case("an empty patch changes nothing", "{\"a\":1}", "[]", "{\"a\":1}"),
        new Case("a null patch changes nothing", "{\"a\":1}", "null", "{\"a\":1}"));
  }

  static List<Failure> failures() {
    var rejected = PatchFailures.REJECTED;
    return List.of(
        new Failure("a failed test", "{\"spec\":{\"replicas\":1}}",
            "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":2},{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]",
            422, rejected, "testing value /spec/replicas failed: test failed"),
        new Failure("a test of an integer against a float", "{\"a\":1}",
            "[{\"op\":\"test\",\"path\":\"/a\",\"value\":1.0}]", 422, rejected, "testing value /a failed: test failed"),
        new Failure("a test of a present member against null", "{\"a\":1}",
            "[{\"op\":\"test\",\"path\":\"/a\",\"value\":null}]", 422, rejected, "testing value /a failed: test failed"),
        new Failure("removing a missing member", "{\"a\":{}}",
            "[{\"op\":\"remove\",\"path\":\"/a/b\"}]", 422, rejected,
            "error in remove for path: '/a/b': Unable to remove nonexistent key: b: missing value"),
        new Failure("adding under a missing parent", "{\"metadata\":{}}",
            "[{\"op\":\"add\",\"path\":\"/metadata/labels/app\",\"value\":\"x\"}]", 422, rejected,
            "add operation does not apply: doc is missing path: \"/metadata/labels/app\": missing value"),
        new Failure("adding past the end of an array", "{\"a\":[1]}",
            "[{\"op\":\"add\",\"path\":\"/a/2\",\"value\":3}]", 422, rejected,
            "error in add for path: '/a/2': Unable to access invalid index: 2: invalid index referenced"),
        new Failure("replacing past the end of an array", "{\"a\":[1]}",
            "[{\"op\":\"replace\",\"path\":\"/a/1\",\"value\":3}]", 422, rejected,
            "replace operation does not apply: doc is missing key: /a/1: Unable to access invalid index: 1: invalid index referenced"),
        new Failure("- used to replace", "{\"a\":[1]}",
            "[{\"op\":\"replace\",\"path\":\"/a/-\",\"value\":3}]", 422, rejected,
            "replace operation does not apply: doc is missing key: /a/-: strconv.Atoi: parsing \"-\": invalid syntax"),
        new Failure("adding at the root", "{}",
            "[{\"op\":\"add\",\"path\":\"\",\"value\":{}}]", 422, rejected,
            "add operation does not apply: doc is missing path: \"\": missing value"),
        new Failure("replacing the root with a scalar", "{}",
            "[{\"op\":\"replace\",\"path\":\"\",\"value\":1}]", 422, rejected, "replace operation value must be object or array"),
        new Failure("moving from a missing member", "{\"a\":{}}",
            "[{\"op\":\"move\",\"from\":\"/a/b\",\"path\":\"/a/c\"}]", 422, rejected,
            "error in move for path: 'b': Unable to remove nonexistent key: b: missing value"),
        new Failure("an unknown operation", "{}",
            "[{\"op\":\"bogus\",\"path\":\"/a\"}]", 422, rejected, "Unexpected kind: bogus"),
        new Failure("an operation without op", "{}",
            "[{\"path\":\"/a\",\"value\":1}]", 422, rejected, "Unexpected kind: unknown"),
        new Failure("an operation without path", "{}",
            "[{\"op\":\"add\",\"value\":1}]", 422, rejected, "add operation failed to decode path: missing value"),
        new Failure("a patch that is an object", "{}",
            "{\"op\":\"add\",\"path\":\"/a\"}", 400,
            "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp", null),
        new Failure("an operation that is a string", "{}",
            "[\"add\"]", 400, "error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp", null),
        new Failure("an op that is a number", "{}",
            "[{\"op\":1,\"path\":\"/a\"}]", 400,
            "error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void applies(Case c) {
    var document = yaml(c.document());
    var before = document.deepCopy();
    var result = JsonPatch.apply(document, yaml(c.patch()));
    assertThat(result).isEqualTo(yaml(c.expected()));
    assertThat(document).as("the input document is not modified").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void fails(Failure f) {
    assertThatThrownBy(() -> JsonPatch.apply(yaml(f.document()), yaml(f.patch())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(f.code());
          assertThat(e.reason()).isEqualTo(f.code() == 422 ? ApiException.Reason.INVALID : ApiException.Reason.BAD_REQUEST);
          assertThat(e.getMessage()).isEqualTo(f.message());
          if (f.cause() != null) {
            assertThat(e.getCause()).hasMessage(f.cause());
          }
        });
  }

  @Test
  void refusesMoreThanTenThousandOperations() {
    var ops = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i <= JsonPatch.MAX_OPERATIONS; i++) {
      ops.add(yaml("{\"op\":\"test\",\"path\":\"/a\",\"value\":1}"));
    }
    assertThatThrownBy(() -> JsonPatch.apply(yaml("{\"a\":1}"), ops))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(413);
          assertThat(e.reason()).isEqualTo(ApiException.Reason.REQUEST_ENTITY_TOO_LARGE);
          assertThat(e.getMessage()).isEqualTo(
              "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
        });
    ops.remove(0);
    assertThat(JsonPatch.apply(yaml("{\"a\":1}"), ops)).isEqualTo(yaml("{\"a\":1}"));
  }

  @Test
  void limitsTheBytesCopied() {
    // Three copies of this string stay just under the 3 MiB limit; a fourth goes over.
    var big = "x".repeat(1024 * 1024 - 10);
    var document = JsonNodeFactory.instance.objectNode().put("big", big);
    var threeCopies = yaml("[{\"op\":\"copy\",\"from\":\"/big\",\"path\":\"/c1\"},{\"op\":\"copy\",\"from\":\"/big\",\"path\":\"/c2\"},"
        + "{\"op\":\"copy\",\"from\":\"/big\",\"path\":\"/c3\"}]");
    var fourCopies = threeCopies.deepCopy();
    ((ArrayNode) fourCopies).add(yaml("{\"op\":\"copy\",\"from\":\"/big\",\"path\":\"/c4\"}"));

    assertThat(JsonPatch.apply(document, threeCopies).size()).isEqualTo(4);
    assertThatThrownBy(() -> JsonPatch.apply(document, fourCopies))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getCause()).hasMessageStartingWith("Unable to complete the copy, the accumulated size increase of copy is ");
        });
  }
}
