package io.kube4j.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodTemplateHashTest {

  /** Reference values of 32-bit FNV-1a (from the algorithm's published test vectors). */
  @ParameterizedTest
  @CsvSource({
      "'', 811c9dc5",
      "a, e40c292c",
      "foobar, bf9cf968"})
  void fnv1aMatchesTheReferenceVectors(String input, String hex) {
    int hash = PodTemplateHash.fnv1a(0x811c9dc5, input.getBytes(StandardCharsets.UTF_8));
    assertThat(Integer.toHexString(hash)).isEqualTo(hex);
  }

  /** Each decimal digit maps through "bcdfghjklmnpqrstvwxz2456789" by its byte value modulo 27. */
  @ParameterizedTest
  @CsvSource({
      "0123456789, 456789bcdf",
      "3735928559, 7c79f6d99f"})
  void safeEncodingMapsDigitsAsUpstream(String decimal, String encoded) {
    assertThat(PodTemplateHash.safeEncode(decimal)).isEqualTo(encoded);
  }

  static PodTemplateSpec template(String image) {
    return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("nginx").withImage(image).endContainer().endSpec().build();
  }

  @Test
  void hashHasUpstreamsShapeAndDependsOnTemplateAndCollisionCount() {
    var a = PodTemplateHash.compute(template("nginx:1.27"), null);
    assertThat(a).matches("[bcdf4-9]{1,10}");
    assertThat(PodTemplateHash.compute(template("nginx:1.27"), null)).isEqualTo(a);
    assertThat(PodTemplateHash.compute(template("nginx:1.28"), null)).isNotEqualTo(a);
    assertThat(PodTemplateHash.compute(template("nginx:1.27"), 1)).isNotEqualTo(a);
    assertThat(PodTemplateHash.compute(template("nginx:1.27"), 0)).as("a zero collision count still feeds the hash, as upstream")
        .isNotEqualTo(a);
  }

  @Test
  void hashIgnoresFieldOrderAndEmptyValues() {
    var withEmpty = template("nginx:1.27");
    withEmpty.getMetadata().setAnnotations(new java.util.HashMap<>());
    assertThat(PodTemplateHash.compute(withEmpty, null)).isEqualTo(PodTemplateHash.compute(template("nginx:1.27"), null));
  }
}
