package io.kube4j.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kube4j.api.BuiltinResources;
import io.kube4j.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionConversionTest {

  private final VersionConversion conversion = new VersionConversion();

  @ParameterizedTest(name = "{0}/{1} {2}")
  @CsvSource({
      "'', pods, v1, '{\"spec\":{\"containers\":[]},\"metadata\":{\"name\":\"p\"},\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"status\":{}}'",
      "apps, deployments, v1, '{\"kind\":\"Deployment\",\"status\":{},\"apiVersion\":\"apps/v1\",\"spec\":{\"replicas\":1},\"metadata\":{\"name\":\"d\"}}'",
      "autoscaling, horizontalpodautoscalers, v2, '{\"kind\":\"HorizontalPodAutoscaler\",\"apiVersion\":\"autoscaling/v2\",\"metadata\":{\"name\":\"h\"},\"spec\":{\"maxReplicas\":3}}'",
      "autoscaling, horizontalpodautoscalers, v1, '{\"spec\":{\"maxReplicas\":3},\"kind\":\"HorizontalPodAutoscaler\",\"apiVersion\":\"autoscaling/v2\",\"metadata\":{\"name\":\"h\"}}'",
  })
  void sharingConversionWritesTheSameJsonAsTheCopyAndTheCopySharesNothing(String group, String resource, String version, String stored) {
    var def = BuiltinResources.all().stream().filter(d -> d.group().equals(group) && d.resource().equals(resource)).findFirst().orElseThrow();
    var object = Json.parseStored(stored.getBytes(StandardCharsets.UTF_8));
    var before = Json.string(object);

    var copy = conversion.fromStorage(object, def, version);
    var shared = conversion.fromStorageSharing(object, def, version);

    assertThat(Json.string(shared)).isEqualTo(Json.string(copy))
        .startsWith("{\"apiVersion\":\"" + def.kindIn(version).apiVersion() + "\",\"kind\":\"" + def.kind() + "\",\"metadata\":");
    assertThat(copy.fieldNames().next()).isEqualTo("apiVersion");
    copy.withObjectProperty("metadata").put("name", "changed");
    assertThat(Json.string(object)).isEqualTo(before);
  }
}
