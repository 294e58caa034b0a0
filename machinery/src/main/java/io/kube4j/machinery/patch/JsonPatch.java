package io.kube4j.machinery.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.machinery.errors.ApiException;
import java.nio.charset.StandardCharsets;

/**
 * JSON patch ({@code application/json-patch+json}, RFC 6902) with the behaviour of the kube-apiserver, which
 * applies it with evanphx/json-patch v4: the six operations, JSON pointers with {@code ~0}/{@code ~1}, {@code -}
 * to append, negative array indices counted from the end, at most {@value #MAX_OPERATIONS} operations and at
 * most {@value #MAX_COPY_BYTES} bytes added by {@code copy}. Also like upstream, {@code replace} of a missing
 * object field adds it and {@code copy}/{@code move} of a missing object field yield {@code null}. The inputs
 * are never modified.
 */
public final class JsonPatch {

  /** The kube-apiserver's {@code maxJSONPatchOperations}. */
  public static final int MAX_OPERATIONS = 10_000;

  /** The kube-apiserver's default {@code JSONPatchMaxCopyBytes}. */
  public static final long MAX_COPY_BYTES = 3L * 1024 * 1024;

  private static final JsonMapper SIZE_WRITER = JsonMapper.builder().build();

  private JsonPatch() {}

  /**
   * Applies {@code patch} (a JSON array of operations) to a copy of {@code document}.
   *
   * @throws ApiException 400 if the patch is not a list of operation objects whose {@code op}, {@code path} and
   *     {@code from} are strings; 413 beyond {@value #MAX_OPERATIONS} operations; 422 Invalid (with upstream's
   *     generic message, the precise failure as the exception's cause) if an operation does not apply, a
   *     {@code test} fails, or an operation is unknown
   */
  public static JsonNode apply(JsonNode document, JsonNode patch) {
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return document == null ? null : document.deepCopy();
    }
    validateShape(patch);
    if (patch.size() > MAX_OPERATIONS) {
      throw PatchFailures.tooLarge(
          "The allowed maximum operations in a JSON patch is " + MAX_OPERATIONS + ", got " + patch.size());
    }
    if (document == null || !document.isContainerNode()) {
      throw PatchFailures.rejected("the document to patch is not a JSON object or array");
    }
    var state = new State(document.deepCopy());
    for (var op : patch) {
      try {
        state.applyOperation(op);
      } catch (OperationFailure failure) {
        throw PatchFailures.rejected(failure.getMessage());
      }
    }
    return state.root;
  }

  /** What the handler's strict decoding into {@code []jsonPatchOp} rejects with 400. */
  private static void validateShape(JsonNode patch) {
    if (!patch.isArray()) {
      throw PatchFailures.badRequest("error decoding patch: json: cannot unmarshal " + GoValueText.jsonKind(patch)
          + " into Go value of type []handlers.jsonPatchOp");
    }
    for (var op : patch) {
      if (op.isNull()) {
        continue;
      }
      if (!op.isObject()) {
        throw PatchFailures.badRequest("error decoding patch: json: cannot unmarshal " + GoValueText.jsonKind(op)
            + " into Go value of type handlers.jsonPatchOp");
      }
      for (var field : new String[] {"op", "path", "from"}) {
        var v = op.get(field);
        if (v != null && !v.isNull() && !v.isTextual()) {
          throw PatchFailures.badRequest("error decoding patch: json: cannot unmarshal " + GoValueText.jsonKind(v)
              + " into Go struct field jsonPatchOp." + field + " of type string");
        }
      }
    }
  }

  /** An operation that does not apply; the message follows evanphx/json-patch's wording. */
  private static final class OperationFailure extends Exception {
    OperationFailure(String message) {
      super(message);
    }
  }

  /** A container found by a pointer plus the decoded last token. */
  private record Location(JsonNode container, String key) {}

  private static final class State {
    JsonNode root;
    long copiedBytes;

    State(JsonNode root) {
      this.root = root;
    }

    void applyOperation(JsonNode op) throws OperationFailure {
      var kind = op.isObject() && op.path("op").isTextual() ? op.get("op").textValue() : "unknown";
      switch (kind) {
        case "add" -> add(op);
        case "remove" -> remove(op);
        case "replace" -> replace(op);
        case "move" -> move(op);
        case "test" -> test(op);
        case "copy" -> copy(op);
        default -> throw new OperationFailure("Unexpected kind: " + kind);
      }
    }

    private void add(JsonNode op) throws OperationFailure {
      var path = pointer(op, "path", "add operation failed to decode path");
      var at = locate(path);
      if (at == null) {
        throw new OperationFailure("add operation does not apply: doc is missing path: \"" + path + "\": missing value");
      }
      insert(at, value(op), "error in add for path: '" + path + "'");
    }

    private void remove(JsonNode op) throws OperationFailure {
      var path = pointer(op, "path", "remove operation failed to decode path");
      var at = locate(path);
      if (at == null) {
        throw new OperationFailure("remove operation does not apply: doc is missing path: \"" + path + "\": missing value");
      }
      delete(at, "error in remove for path: '" + path + "'");
    }

    private void replace(JsonNode op) throws OperationFailure {
      var path = pointer(op, "path", "replace operation failed to decode path");
      if (path.isEmpty()) {
        var v = value(op);
        if (!v.isContainerNode()) {
          throw new OperationFailure("replace operation value must be object or array");
        }
        root = v;
        return;
      }
      var at = locate(path);
      if (at == null) {
        throw new OperationFailure("replace operation does not apply: doc is missing path: " + path + ": missing value");
      }
      if (at.container() instanceof ArrayNode array) {
        int index = existingIndex(array, at.key(), "replace operation does not apply: doc is missing key: " + path);
        array.set(index, value(op));
      } else {
        // Like upstream, a missing object member is not an error for replace: it is added.
        ((ObjectNode) at.container()).set(at.key(), value(op));
      }
    }

    private void move(JsonNode op) throws OperationFailure {
      var from = pointer(op, "from", "move operation failed to decode from");
      var source = locate(from);
      if (source == null) {
        throw new OperationFailure("move operation does not apply: doc is missing from path: " + from + ": missing value");
      }
      var moved = get(source, "error in move for path: '" + source.key() + "'");
      delete(source, "error in move for path: '" + source.key() + "'");
      var path = pointer(op, "path", "move operation failed to decode path");
      var target = locate(path);
      if (target == null) {
        throw new OperationFailure("move operation does not apply: doc is missing destination path: " + path + ": missing value");
      }
      insert(target, moved == null ? NullNode.instance : moved, "error in move for path: '" + path + "'");
    }

    private void test(JsonNode op) throws OperationFailure {
      var path = pointer(op, "path", "test operation failed to decode path");
      var expected = op.get("value");
      if (path.isEmpty()) {
        if (expected == null || !JsonValues.sameDocument(root, expected)) {
          throw new OperationFailure("testing value " + path + " failed: test failed");
        }
        return;
      }
      var at = locate(path);
      if (at == null) {
        throw new OperationFailure("test operation does not apply: is missing path: " + path + ": missing value");
      }
      var actual = get(at, "error in test for path: '" + path + "'");
      if (actual == null) {
        // A missing (or null) member passes only a test for null.
        if (expected == null || expected.isNull()) {
          return;
        }
        throw new OperationFailure("testing value " + path + " failed: test failed");
      }
      if (expected == null || !JsonValues.sameDocument(actual, expected)) {
        throw new OperationFailure("testing value " + path + " failed: test failed");
      }
    }

    private void copy(JsonNode op) throws OperationFailure {
      var from = pointer(op, "from", "copy operation failed to decode from");
      var source = locate(from);
      if (source == null) {
        throw new OperationFailure("copy operation does not apply: doc is missing from path: " + from + ": missing value");
      }
      var copied = get(source, "error in copy for from: '" + from + "'");
      var path = pointer(op, "path", "copy operation failed to decode path");
      var target = locate(path);
      if (target == null) {
        throw new OperationFailure("copy operation does not apply: doc is missing destination path: " + path + ": missing value");
      }
      var value = copied == null ? (JsonNode) NullNode.instance : copied.deepCopy();
      copiedBytes += copied == null ? 0 : serializedSize(copied);
      if (copiedBytes > MAX_COPY_BYTES) {
        throw new OperationFailure("Unable to complete the copy, the accumulated size increase of copy is " + copiedBytes
            + ", exceeding the limit " + MAX_COPY_BYTES);
      }
      insert(target, value, "error while adding value during copy");
    }

    /** The container holding the pointer's last token, or null when any step before it does not resolve. */
    private Location locate(String pointer) {
      var tokens = pointer.split("/", -1);
      if (tokens.length < 2) {
        return null;
      }
      // Like upstream, the text before the first '/' is ignored rather than rejected.
      JsonNode current = root;
      for (int i = 1; i < tokens.length - 1; i++) {
        var token = unescape(tokens[i]);
        JsonNode next;
        if (current instanceof ObjectNode object) {
          next = object.get(token);
        } else {
          var index = goIndex(token, current.size(), false);
          next = index == null ? null : current.get(index);
        }
        if (next == null || !next.isContainerNode()) {
          return null;
        }
        current = next;
      }
      return new Location(current, unescape(tokens[tokens.length - 1]));
    }

    /** The value at a location; null for a missing or null object member. */
    private JsonNode get(Location at, String context) throws OperationFailure {
      if (at.container() instanceof ArrayNode array) {
        var value = array.get(existingIndex(array, at.key(), context));
        return value.isNull() ? null : value;
      }
      var value = at.container().get(at.key());
      return value == null || value.isNull() ? null : value;
    }

    private void insert(Location at, JsonNode value, String context) throws OperationFailure {
      if (at.container() instanceof ArrayNode array) {
        if (at.key().equals("-")) {
          array.add(value);
          return;
        }
        var index = goIndex(at.key(), array.size() + 1, true);
        if (index == null) {
          throw new OperationFailure(context + ": " + indexProblem(at.key(), array.size() + 1));
        }
        array.insert(index, value);
      } else {
        ((ObjectNode) at.container()).set(at.key(), value);
      }
    }

    private void delete(Location at, String context) throws OperationFailure {
      if (at.container() instanceof ArrayNode array) {
        array.remove(existingIndex(array, at.key(), context));
      } else {
        var object = (ObjectNode) at.container();
        if (!object.has(at.key())) {
          throw new OperationFailure(context + ": Unable to remove nonexistent key: " + at.key() + ": missing value");
        }
        object.remove(at.key());
      }
    }

    private static int existingIndex(ArrayNode array, String token, String context) throws OperationFailure {
      var index = goIndex(token, array.size(), false);
      if (index == null) {
        throw new OperationFailure(context + ": " + indexProblem(token, array.size()));
      }
      return index;
    }

    private static String indexProblem(String token, int size) {
      var parsed = parseGoInt(token);
      return parsed == null
          ? "strconv.Atoi: parsing \"" + token + "\": invalid syntax"
          : "Unable to access invalid index: " + parsed + ": invalid index referenced";
    }

    private static String pointer(JsonNode op, String field, String failure) throws OperationFailure {
      var v = op.get(field);
      if (v == null || v.isNull()) {
        throw new OperationFailure(failure + ": missing value");
      }
      return v.textValue();
    }

    /** A missing or null {@code value} is added as JSON null, as upstream does. */
    private static JsonNode value(JsonNode op) {
      var v = op.get("value");
      return v == null ? NullNode.instance : v.deepCopy();
    }

    private static long serializedSize(JsonNode value) throws OperationFailure {
      try {
        return SIZE_WRITER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8).length;
      } catch (JsonProcessingException e) {
        throw new OperationFailure("error while performing deep copy: " + e.getOriginalMessage());
      }
    }
  }

  /**
   * An array index as upstream resolves it: Go {@code strconv.Atoi} syntax, negative values counting from the
   * end ({@code length} is the array size, plus one when inserting). Null if invalid or out of range.
   */
  private static Integer goIndex(String token, int length, boolean inserting) {
    var parsed = parseGoInt(token);
    if (parsed == null) {
      return null;
    }
    long index = parsed;
    if (index < 0) {
      if (index < -length) {
        return null;
      }
      index += length;
    }
    if (index >= length) {
      return null;
    }
    return (int) index;
  }

  /** Go's {@code strconv.Atoi}: optional sign, ASCII digits, 64-bit range. */
  private static Long parseGoInt(String token) {
    if (token.isEmpty()) {
      return null;
    }
    int start = token.charAt(0) == '+' || token.charAt(0) == '-' ? 1 : 0;
    if (start == token.length()) {
      return null;
    }
    for (int i = start; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      // Out of the 64-bit range: strconv.Atoi reports a range error, which is equally "no such index".
      return null;
    }
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
