package io.kube4j.machinery.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kube4j.api.schema.Schema;
import io.kube4j.machinery.errors.ApiException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The three patch formats a {@code PATCH} request may carry (server-side apply's
 * {@code application/apply-patch+yaml} is not one of them: it is not a patch of the stored object), each
 * knowing its media type, how to decode a body and how to apply itself.
 */
public enum PatchType {
  /** RFC 6902, {@link JsonPatch}. */
  JSON("application/json-patch+json"),
  /** RFC 7386, {@link MergePatch}. */
  MERGE("application/merge-patch+json"),
  /** Kubernetes strategic merge patch, {@link StrategicMergePatch}. */
  STRATEGIC_MERGE("application/strategic-merge-patch+json");

  private static final JsonMapper BODY_READER = JsonMapper.builder().build();

  private final String mediaType;

  PatchType(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The patch type of a {@code Content-Type} header (parameters such as {@code charset} ignored), if it is one. */
  public static Optional<PatchType> forContentType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    var bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    for (var type : values()) {
      if (type.mediaType.equals(bare)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /**
   * Parses a request body as JSON.
   *
   * @throws ApiException 400 if it is not JSON, worded like upstream's decoding error (the parser's own
   *     description of the problem follows the prefix upstream uses for this patch type)
   */
  public JsonNode decode(byte[] body) {
    try {
      var node = BODY_READER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw decodingFailure("unexpected end of JSON input");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw decodingFailure(e.getOriginalMessage());
    } catch (IOException e) {
      throw decodingFailure(e.getMessage());
    }
  }

  /**
   * Applies a decoded patch to a copy of {@code original}.
   *
   * @param schema the kind's schema; only strategic merge patch uses it, and null is allowed
   */
  public JsonNode apply(JsonNode original, JsonNode patch, Schema schema) {
    return switch (this) {
      case JSON -> JsonPatch.apply(original, patch);
      case MERGE -> MergePatch.apply(original, patch);
      case STRATEGIC_MERGE -> StrategicMergePatch.apply(original, patch, schema);
    };
  }

  private ApiException decodingFailure(String detail) {
    return PatchFailures.badRequest(this == STRATEGIC_MERGE ? detail : "error decoding patch: " + detail);
  }
}
