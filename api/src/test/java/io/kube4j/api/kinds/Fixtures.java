package io.kube4j.api.kinds;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.BuiltinResources;
import io.kube4j.api.ResourceDefinition;
import io.kube4j.api.strategy.ResourceStrategy;
import io.kube4j.api.validation.FieldError;
import java.io.UncheckedIOException;
import java.util.List;

/** Test fixtures: lenient JSON (single quotes, bare keys) and the strategy of a built-in kind. */
final class Fixtures {

  private static final JsonMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .build();

  private Fixtures() {}

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) LENIENT.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ResourceDefinition definition(String group, String kind) {
    return BuiltinResources.all().stream()
        .filter(d -> d.group().equals(group) && d.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no built-in " + group + "/" + kind));
  }

  /** Group/kind as "apps/Deployment" or "/Pod" (core). */
  static ResourceStrategy strategy(String groupKind) {
    int slash = groupKind.indexOf('/');
    return Strategies.forResource(definition(groupKind.substring(0, slash), groupKind.substring(slash + 1)));
  }

  /** Runs the create path of the registry: defaults, prepare, validate. */
  static List<FieldError> create(String groupKind, ObjectNode object) {
    var s = strategy(groupKind);
    s.applyDefaults(object);
    s.prepareForCreate(object);
    return s.validate(object);
  }

  static List<String> messages(List<FieldError> errs) {
    return errs.stream().map(FieldError::message).toList();
  }
}
