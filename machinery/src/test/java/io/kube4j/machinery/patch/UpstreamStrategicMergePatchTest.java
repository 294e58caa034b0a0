package io.kube4j.machinery.patch;

import static io.kube4j.machinery.patch.PatchFixtures.MERGE_ITEM;
import static io.kube4j.machinery.patch.PatchFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.schema.Schema;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.machinery.patch.UpstreamStrategicMergePatchCases.UpstreamCase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the results upstream's own tests expect, over its test type: {@link UpstreamStrategicMergePatchCases}
 * compared exactly, {@link UpstreamUnorderedStrategicMergePatchCases} compared the way upstream compares them,
 * with merged lists sorted by merge key on every side.
 */
class UpstreamStrategicMergePatchTest {

  static List<UpstreamCase> ordered() {
    return UpstreamStrategicMergePatchCases.all();
  }

  static List<UpstreamCase> unordered() {
    return UpstreamUnorderedStrategicMergePatchCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ordered")
  void matchesUpstream(UpstreamCase c) {
    var original = yaml(c.original());
    var patch = yaml(c.patch());
    if (c.error() != null) {
      assertThatThrownBy(() -> StrategicMergePatch.apply(original, patch, MERGE_ITEM))
          .isInstanceOf(ApiException.class)
          .hasMessageContaining(c.error());
      return;
    }
    var expected = c.expected() == null ? yaml("{}") : yaml(c.expected());
    var result = StrategicMergePatch.apply(original, patch, MERGE_ITEM);
    assertThat(result).as("patch:%n%s%non:%n%s", c.patch(), c.original()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unordered")
  void matchesUpstreamUpToMergeListOrder(UpstreamCase c) {
    var original = sorted(yaml(c.original()), MERGE_ITEM);
    var patch = sorted(yaml(c.patch()), MERGE_ITEM);
    var expected = sorted(yaml(c.expected()), MERGE_ITEM);
    var result = StrategicMergePatch.apply(original, patch, MERGE_ITEM);
    assertThat(sorted(result, MERGE_ITEM)).as("patch:%n%s%non:%n%s", c.patch(), c.original())
        .isEqualTo(expected == null ? yaml("{}") : expected);
  }

  /** Upstream's test normalisation: merge lists sorted by merge key (%v text), primitive merge lists deduplicated and sorted. */
  private static JsonNode sorted(JsonNode node, Schema schema) {
    if (!(node instanceof ObjectNode object)) {
      return node;
    }
    var result = JsonNodeFactory.instance.objectNode();
    for (var entry : object.properties()) {
      var key = entry.getKey();
      var value = entry.getValue();
      var property = schema == null || schema.type() != Schema.Type.OBJECT ? null : schema.property(key).orElse(null);
      if (key.equals("$retainKeys") || key.startsWith("$deleteFromPrimitiveList")) {
        value = sortedScalars(value);
      } else if (property != null && value.isObject()) {
        var fieldSchema = property.schema().type() == Schema.Type.ARRAY ? property.schema().elements() : property.schema();
        value = sorted(value, fieldSchema);
      } else if (property != null && value.isArray() && property.mergesList()) {
        var elementSchema = property.schema().type() == Schema.Type.ARRAY ? property.schema().elements() : property.schema();
        value = sortedMergeList(value, elementSchema, property.patchMergeKey());
      }
      result.set(key, value);
    }
    return result;
  }

  private static JsonNode sortedMergeList(JsonNode list, Schema elementSchema, String mergeKey) {
    if (list.isEmpty() || !list.get(0).isObject()) {
      return sortedScalars(list);
    }
    var items = new ArrayList<JsonNode>();
    list.forEach(item -> items.add(sorted(item, elementSchema)));
    items.sort(Comparator.comparing(item -> GoValueText.format(item.get(mergeKey))));
    return toArray(items);
  }

  private static JsonNode sortedScalars(JsonNode list) {
    var items = new ArrayList<JsonNode>();
    list.forEach(item -> {
      if (items.stream().noneMatch(i -> JsonValues.same(i, item))) {
        items.add(item);
      }
    });
    items.sort(Comparator.comparing(GoValueText::format));
    return toArray(items);
  }

  private static ArrayNode toArray(List<JsonNode> items) {
    var array = JsonNodeFactory.instance.arrayNode();
    items.forEach(array::add);
    return array;
  }
}
