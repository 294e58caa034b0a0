package io.kube4j.machinery.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.machinery.errors.ApiException;
import java.util.ArrayList;

/**
 * JSON merge patch ({@code application/merge-patch+json}, RFC 7386) as the kube-apiserver applies it: a
 * {@code null} deletes a field, objects merge recursively, anything else replaces, and {@code null}s inside
 * newly added values are dropped. The inputs are never modified.
 */
public final class MergePatch {

  private MergePatch() {}

  /**
   * Applies {@code patch} to a copy of {@code document}.
   *
   * @throws ApiException 400 if the patch is not a JSON object (upstream's decoding errors)
   */
  public static JsonNode apply(JsonNode document, JsonNode patch) {
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      throw PatchFailures.badRequest("Invalid JSON Patch");
    }
    if (!patch.isObject()) {
      throw PatchFailures.badRequest(
          "error decoding patch: json: cannot unmarshal " + GoValueText.jsonKind(patch) + " into Go value of type map[string]interface {}");
    }
    if (document == null || !document.isObject()) {
      // Not a document to merge into: the patch itself, without its nulls, becomes the document.
      var copy = patch.deepCopy();
      pruneNulls(copy);
      return copy;
    }
    var result = ((ObjectNode) document).deepCopy();
    mergeInto(result, (ObjectNode) patch);
    return result;
  }

  private static void mergeInto(ObjectNode target, ObjectNode patch) {
    for (var entry : patch.properties()) {
      var key = entry.getKey();
      var value = entry.getValue();
      if (value.isNull()) {
        target.remove(key);
        continue;
      }
      var current = target.get(key);
      if (current == null || current.isNull() || !current.isObject()) {
        var copy = value.deepCopy();
        pruneNulls(copy);
        target.set(key, copy);
      } else if (value.isObject()) {
        mergeInto((ObjectNode) current, (ObjectNode) value);
      } else {
        // An object replaced by a non-object keeps the patch value as sent (upstream does not prune here).
        target.set(key, value.deepCopy());
      }
    }
  }

  /** Drops null-valued fields from objects at any depth; null array elements stay. */
  static void pruneNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      var nullKeys = new ArrayList<String>();
      for (var entry : object.properties()) {
        if (entry.getValue().isNull()) {
          nullKeys.add(entry.getKey());
        } else {
          pruneNulls(entry.getValue());
        }
      }
      object.remove(nullKeys);
    } else if (node instanceof ArrayNode array) {
      for (var element : array) {
        pruneNulls(element);
      }
    }
  }
}
