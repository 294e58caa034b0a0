package io.kube4j.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.TreeMap;

/**
 * The {@code pod-template-hash} label value that names a Deployment's ReplicaSets, built the way
 * upstream builds it: a 32-bit FNV-1a hash of the pod template, followed by the collision count as
 * eight little-endian bytes when the Deployment has one, printed in decimal and each digit mapped
 * through the "safe" alphabet {@code bcdfghjklmnpqrstvwxz2456789} (by its byte value modulo 27), so
 * names look like {@code web-7d4b9c8f5}. Upstream feeds the hash Go's reflective dump of its internal
 * struct; kube4j feeds it the template's canonical JSON (keys sorted, empty values dropped), so the
 * value has upstream's form and stability but is not byte-for-byte the same number.
 */
public final class PodTemplateHash {

  public static final String LABEL = "pod-template-hash";
  private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private PodTemplateHash() {}

  public static String compute(PodTemplateSpec template, Integer collisionCount) {
    int hash = 0x811c9dc5;
    hash = fnv1a(hash, canonicalJson(template).getBytes(StandardCharsets.UTF_8));
    if (collisionCount != null) {
      var bytes = new byte[8];
      int c = collisionCount;
      bytes[0] = (byte) c;
      bytes[1] = (byte) (c >>> 8);
      bytes[2] = (byte) (c >>> 16);
      bytes[3] = (byte) (c >>> 24);
      hash = fnv1a(hash, bytes);
    }
    return safeEncode(Integer.toUnsignedString(hash));
  }

  static int fnv1a(int hash, byte[] data) {
    for (byte b : data) {
      hash ^= (b & 0xff);
      hash *= 0x01000193;
    }
    return hash;
  }

  /** Upstream's {@code rand.SafeEncodeString}: each byte picks a letter of the safe alphabet. */
  static String safeEncode(String text) {
    var out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      out.append(SAFE_ALPHABET.charAt(text.charAt(i) % SAFE_ALPHABET.length()));
    }
    return out.toString();
  }

  /** The template as JSON with sorted keys and without nulls or empty objects/arrays. */
  static String canonicalJson(PodTemplateSpec template) {
    JsonNode tree = Serialization.jsonMapper().valueToTree(template);
    return Serialization.asJson(sorted(prune(tree)));
  }

  /** Drops nulls and empty containers, which serialize differently depending on who built the object. */
  static JsonNode prune(JsonNode node) {
    if (node instanceof ObjectNode object) {
      var copy = object.objectNode();
      for (var entry : object.properties()) {
        var value = prune(entry.getValue());
        if (!isEmpty(value)) {
          copy.set(entry.getKey(), value);
        }
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      var copy = array.arrayNode();
      for (var element : array) {
        var value = prune(element);
        copy.add(value == null ? copy.nullNode() : value);
      }
      return copy;
    }
    return node;
  }

  private static boolean isEmpty(JsonNode value) {
    return value == null || value.isNull() || (value.isContainerNode() && value.isEmpty());
  }

  private static Object sorted(JsonNode node) {
    if (node.isObject()) {
      var map = new TreeMap<String, Object>();
      node.properties().forEach(e -> map.put(e.getKey(), sorted(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      var list = new ArrayList<>();
      node.forEach(e -> list.add(sorted(e)));
      return list;
    }
    return node;
  }
}
