package io.kube4j.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.schema.BuiltinSchemas;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldTypesTest {

  static final BuiltinSchemas SCHEMAS = new BuiltinSchemas();
  static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> mistyped() {
    return Stream.of(
        Arguments.of("v1", "ConfigMap", "{\"data\":{\"a\":\"x\",\"port\":8080}}",
            "json: cannot unmarshal number into Go struct field ConfigMap.data of type string"),
        Arguments.of("v1", "ConfigMap", "{\"metadata\":{\"labels\":{\"on\":true}}}",
            "json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string"),
        Arguments.of("v1", "ConfigMap", "{\"data\":[\"a\"]}",
            "json: cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string"),
        Arguments.of("apps/v1", "Deployment", "{\"spec\":{\"replicas\":\"3\"}}",
            "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"),
        Arguments.of("apps/v1", "Deployment", "{\"spec\":{\"replicas\":1.5}}",
            "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32"),
        Arguments.of("apps/v1", "Deployment", "{\"spec\":{\"replicas\":3000000000}}",
            "json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32"),
        Arguments.of("apps/v1", "Deployment", "{\"spec\":\"web\"}",
            "json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec"),
        Arguments.of("v1", "Pod", "{\"spec\":{\"containers\":[{\"name\":\"a\",\"env\":[{\"name\":\"PORT\",\"value\":80}]}]}}",
            "json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string"),
        Arguments.of("v1", "Pod", "{\"spec\":{\"containers\":{\"name\":\"a\"}}}",
            "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container"),
        Arguments.of("v1", "Pod", "{\"spec\":{\"hostNetwork\":\"yes\"}}",
            "json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool"),
        Arguments.of("v1", "Service", "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":true}]}}",
            "json: cannot unmarshal bool into Go value of type int32"),
        // the first mistake in document order wins, as Go's decoder keeps its first error
        Arguments.of("v1", "ConfigMap", "{\"data\":{\"a\":1},\"metadata\":{\"labels\":{\"b\":2}}}",
            "json: cannot unmarshal number into Go struct field ConfigMap.data of type string"));
  }

  @ParameterizedTest
  @MethodSource("mistyped")
  void reportsTheFirstMistypedValueAsGoDoes(String apiVersion, String kind, String json, String expected) throws Exception {
    var schema = SCHEMAS.forKind(GroupVersionKind.of(apiVersion, kind)).orElseThrow();
    assertThat(FieldTypes.firstMismatch(schema, JSON.readTree(json))).contains(expected);
  }

  static Stream<Arguments> welltyped() {
    return Stream.of(
        Arguments.of("v1", "ConfigMap", "{\"data\":{\"a\":\"1\"},\"binaryData\":{\"b\":\"AAE=\"},\"immutable\":null}"),
        Arguments.of("v1", "Pod", "{\"spec\":{\"containers\":[{\"name\":\"a\",\"resources\":{\"limits\":{\"cpu\":1,\"memory\":\"1Gi\"}},"
            + "\"ports\":[{\"containerPort\":80}]}],\"terminationGracePeriodSeconds\":30}}"),
        Arguments.of("v1", "Service", "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":\"http\"},{\"port\":81,\"targetPort\":8081}]}}"),
        Arguments.of("apps/v1", "Deployment", "{\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":1}}}}"),
        Arguments.of("v1", "ConfigMap", "{\"metadata\":{\"creationTimestamp\":null,\"labels\":null},\"data\":null}"),
        Arguments.of("v1", "Pod", "{\"unknownField\":5,\"spec\":{\"unknownToo\":[1]}}"));
  }

  @ParameterizedTest
  @MethodSource("welltyped")
  void acceptsValuesOfTheDeclaredTypesNullsAndUnknownFields(String apiVersion, String kind, String json) throws Exception {
    var schema = SCHEMAS.forKind(GroupVersionKind.of(apiVersion, kind)).orElseThrow();
    assertThat(FieldTypes.firstMismatch(schema, JSON.readTree(json))).isEmpty();
  }
}
