package io.kube4j.machinery.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManagedFieldsTest {

  /** A Deployment's managedFields as {@code kubectl get -o json --show-managed-fields} prints them. */
  private static final String UPSTREAM = """
      [{"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2025-03-01T09:00:00Z","fieldsType":"FieldsV1",\
      "fieldsV1":{"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},\
      "f:image":{},"f:name":{}}}}}}}},\
      {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","time":"2025-03-01T09:00:05Z",\
      "fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:replicas":{}}},"subresource":"status"},\
      {"manager":"kubectl-edit","operation":"Update","apiVersion":"apps/v1","time":"2025-03-01T09:10:00Z","fieldsType":"FieldsV1",\
      "fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:team":{}}}}}]""";

  @Test
  void decodesAndEncodesUpstreamEntriesUnchanged() {
    var node = Fixtures.node(UPSTREAM);
    var mf = ManagedFields.decode(node);
    assertThat(mf.entries()).hasSize(3);
    var status = mf.entries().get(1);
    assertThat(status.manager()).isEqualTo("kube-controller-manager");
    assertThat(status.subresource()).isEqualTo("status");
    assertThat(status.identifier())
        .isEqualTo("{\"manager\":\"kube-controller-manager\",\"operation\":\"Update\",\"apiVersion\":\"apps/v1\",\"subresource\":\"status\"}");
    assertThat(status.describe()).isEqualTo("\"kube-controller-manager\" with subresource \"status\" using apps/v1");
    assertThat(mf.encode()).isEqualTo(node);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("[{'manager':'m','operation':'Patch','apiVersion':'v1','fieldsType':'FieldsV1'}]", "operation must be `Apply` or `Update`"),
        Arguments.of("[{'manager':'m','operation':'Update','fieldsType':'FieldsV1'}]", "apiVersion must not be empty"),
        Arguments.of("[{'manager':'m','operation':'Update','apiVersion':'v1'}]", "missing fieldsType in managed fields entry 0"),
        Arguments.of("[{'manager':'m','operation':'Update','apiVersion':'v1','fieldsType':'FieldsV2'}]",
            "invalid fieldsType \"FieldsV2\" in managed fields entry 0"),
        Arguments.of("[{'manager':'m','operation':'Update','apiVersion':'v1','fieldsType':'FieldsV1','fieldsV1':{'x:y':{}}}]",
            "error decoding set"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void rejectsInvalidEntriesWithUpstreamReasons(String json, String message) {
    assertThatThrownBy(() -> ManagedFields.decode(Fixtures.node(json)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }

  @Test
  void entriesSortApplyFirstThenOldestThenByName() {
    var mf = ManagedFields.decode(Fixtures.node("""
        [{'manager':'b','operation':'Update','apiVersion':'v1','time':'2025-01-01T00:00:01Z','fieldsType':'FieldsV1','fieldsV1':{'f:a':{}}},
         {'manager':'a','operation':'Update','apiVersion':'v1','time':'2025-01-01T00:00:01Z','fieldsType':'FieldsV1','fieldsV1':{'f:b':{}}},
         {'manager':'z','operation':'Update','apiVersion':'v1','time':'2024-01-01T00:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:c':{}}},
         {'manager':'y','operation':'Apply','apiVersion':'v1','time':'2026-01-01T00:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:d':{}}}]
        """));
    assertThat(mf.sorted()).extracting(ManagedFieldsEntry::manager).containsExactly("y", "z", "a", "b");
  }

  @Test
  void oneEntryPerIdentityTheLastWins() {
    var mf = ManagedFields.decode(Fixtures.node("""
        [{'manager':'m','operation':'Apply','apiVersion':'v1','fieldsType':'FieldsV1','fieldsV1':{'f:a':{}}},
         {'manager':'m','operation':'Apply','apiVersion':'v2','fieldsType':'FieldsV1','fieldsV1':{'f:b':{}}},
         {'manager':'m','operation':'Update','apiVersion':'v1','fieldsType':'FieldsV1','fieldsV1':{'f:c':{}}},
         {'manager':'m','operation':'Update','apiVersion':'v2','fieldsType':'FieldsV1','fieldsV1':{'f:d':{}}}]
        """));
    // Apply entries are one per manager whatever the version; Update entries one per version.
    assertThat(mf.entries()).hasSize(3);
    assertThat(mf.entries().getFirst().fields().toFieldsV1Json()).isEqualTo("{\"f:b\":{}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{}]"})
  void emptyListsAndOneEmptyEntryMeanReset(String json) {
    assertThat(ManagedFields.isReset(Fixtures.node(json))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "[{},{}]", "[{'manager':'x'}]"})
  void otherValuesAreNoReset(String json) {
    assertThat(ManagedFields.isReset(Fixtures.node(json))).isFalse();
  }
}
