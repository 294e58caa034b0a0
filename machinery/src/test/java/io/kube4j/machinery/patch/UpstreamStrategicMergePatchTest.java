package io.kube4j.machinery.patch;

import static io.kube4j.machinery.patch.PatchFixtures.MERGE_ITEM;
import static io.kube4j.machinery.patch.PatchFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kube4j.machinery.errors.ApiException;
import io.kube4j.machinery.patch.UpstreamStrategicMergePatchCases.UpstreamCase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs {@link UpstreamStrategicMergePatchCases}: the results upstream's own tests expect, over its test type. */
class UpstreamStrategicMergePatchTest {

  static List<UpstreamCase> cases() {
    return UpstreamStrategicMergePatchCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
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
    assertThat(result).as("patch:%n%s%non:%n%s", c.patch(), c.original()).isEqualTo(expected == null ? yaml("{}") : expected);
  }
}
