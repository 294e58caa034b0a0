package io.kube4j.machinery.patch;

import static io.kube4j.machinery.patch.PatchFixtures.POD;
import static io.kube4j.machinery.patch.PatchFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.machinery.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Content types, body decoding and dispatch of the three patch types. */
class PatchTypeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "application/json-patch+json | JSON",
      "application/merge-patch+json | MERGE",
      "application/strategic-merge-patch+json | STRATEGIC_MERGE",
      "Application/Merge-Patch+JSON; charset=utf-8 | MERGE",
      "application/apply-patch+yaml | none",
      "application/json | none"})
  void recognisesContentTypes(String contentType, PatchType expected) {
    assertThat(PatchType.forContentType(contentType)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "JSON | 'error decoding patch: '",
      "MERGE | 'error decoding patch: '",
      "STRATEGIC_MERGE | ''"})
  void rejectsBodiesThatAreNotJson(PatchType type, String prefix) {
    assertThatThrownBy(() -> type.decode("{\"a\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).startsWith(prefix).hasSizeGreaterThan(prefix.length());
        });
    assertThatThrownBy(() -> type.decode(new byte[0]))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(prefix + "unexpected end of JSON input"));
  }

  @Test
  void dispatchesToEachPatch() {
    var pod = yaml("{spec: {containers: [{name: a, image: a}]}}");
    var containers = "{\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"b\"}]}}".getBytes(StandardCharsets.UTF_8);

    var merged = PatchType.MERGE.apply(pod, PatchType.MERGE.decode(containers), POD);
    var strategic = PatchType.STRATEGIC_MERGE.apply(pod, PatchType.STRATEGIC_MERGE.decode(containers), POD);
    var json = PatchType.JSON.apply(pod,
        PatchType.JSON.decode("[{\"op\":\"replace\",\"path\":\"/spec/containers/0/image\",\"value\":\"a2\"}]".getBytes(StandardCharsets.UTF_8)), POD);

    assertThat(merged).isEqualTo(yaml("{spec: {containers: [{name: b, image: b}]}}"));
    assertThat(strategic).isEqualTo(yaml("{spec: {containers: [{name: b, image: b}, {name: a, image: a}]}}"));
    assertThat(json).isEqualTo(yaml("{spec: {containers: [{name: a, image: a2}]}}"));
  }
}
