package io.kube4j.machinery.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldSetTest {

  /** FieldsV1 as upstream writes them (kubectl create deployment, controllers, server-side apply). */
  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:progressDeadlineSeconds\":{},\"f:replicas\":{},"
          + "\"f:revisionHistoryLimit\":{},\"f:selector\":{},\"f:strategy\":{\"f:rollingUpdate\":{\".\":{},\"f:maxSurge\":{},"
          + "\"f:maxUnavailable\":{}},\"f:type\":{}},\"f:template\":{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},"
          + "\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"nginx\\\"}\":{\".\":{},\"f:image\":{},\"f:imagePullPolicy\":{},"
          + "\"f:name\":{},\"f:resources\":{},\"f:terminationMessagePath\":{},\"f:terminationMessagePolicy\":{}}},\"f:dnsPolicy\":{},"
          + "\"f:restartPolicy\":{},\"f:schedulerName\":{},\"f:securityContext\":{},\"f:terminationGracePeriodSeconds\":{}}}}}",
      "{\"f:metadata\":{\"f:annotations\":{\"f:deployment.kubernetes.io/revision\":{}}},\"f:status\":{\"f:availableReplicas\":{},"
          + "\"f:conditions\":{\".\":{},\"k:{\\\"type\\\":\\\"Available\\\"}\":{\".\":{},\"f:lastTransitionTime\":{},\"f:status\":{},"
          + "\"f:type\":{}}},\"f:observedGeneration\":{}}}",
      "{\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":{\"f:ports\":{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":"
          + "{\".\":{},\"f:containerPort\":{}}}}}}}",
      "{\"f:metadata\":{\"f:finalizers\":{\".\":{},\"v:\\\"example.com/a\\\"\":{},\"v:\\\"kubernetes\\\"\":{}}}}",
      "{\"f:list\":{\"i:0\":{},\"i:10\":{},\"i:2\":{}}}",
  })
  void fieldsV1RoundTripsByteForByte(String json) {
    var set = FieldSet.fromFieldsV1Json(json);
    // Upstream sorts index elements numerically; this literal is written in that order except for the test.
    var again = FieldSet.fromFieldsV1Json(set.toFieldsV1Json());
    assertThat(again).isEqualTo(set);
    if (!json.contains("i:")) {
      assertThat(set.toFieldsV1Json()).isEqualTo(json);
    } else {
      assertThat(set.toFieldsV1Json()).isEqualTo("{\"f:list\":{\"i:0\":{},\"i:2\":{},\"i:10\":{}}}");
    }
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("{\"f:spec\":{\"f:replicas\":{}}}", List.of(".spec.replicas")),
        Arguments.of("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}}}", List.of(".metadata.labels", ".metadata.labels.app")),
        Arguments.of("{\"f:c\":{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\"f:name\":{}}}}",
            List.of(".c[containerPort=80,protocol=\"TCP\"].name")),
        Arguments.of("{\"f:f\":{\"v:\\\"x\\\"\":{}}}", List.of(".f[=\"x\"]")),
        Arguments.of("{\"f:a\":{},\"f:b\":{\"k:{\\\"name\\\":\\\"n\\\"}\":{}},\"f:c\":{\"v:1\":{}}}",
            List.of(".a", ".b[name=\"n\"]", ".c[=1]")));
  }

  @ParameterizedTest
  @MethodSource("paths")
  void pathsPrintAsUpstream(String json, List<String> expected) {
    assertThat(FieldSet.fromFieldsV1Json(json).paths()).map(FieldPath::toString).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> algebra() {
    var a = "{\"f:a\":{},\"f:b\":{\"f:c\":{},\"f:d\":{}}}";
    var b = "{\"f:b\":{\"f:d\":{},\"f:e\":{}},\"f:x\":{}}";
    return Stream.of(
        Arguments.of("union", a, b, "{\"f:a\":{},\"f:b\":{\"f:c\":{},\"f:d\":{},\"f:e\":{}},\"f:x\":{}}"),
        Arguments.of("intersection", a, b, "{\"f:b\":{\"f:d\":{}}}"),
        Arguments.of("difference", a, b, "{\"f:a\":{},\"f:b\":{\"f:c\":{}}}"),
        Arguments.of("difference", b, a, "{\"f:b\":{\"f:e\":{}},\"f:x\":{}}"),
        // A member whose children are excluded keeps its own membership: only exact members go.
        Arguments.of("difference", "{\"f:l\":{\".\":{},\"f:a\":{}}}", "{\"f:l\":{}}", "{\"f:l\":{\"f:a\":{}}}"),
        Arguments.of("recursiveDifference", "{\"f:l\":{\".\":{},\"f:a\":{}},\"f:m\":{}}", "{\"f:l\":{}}", "{\"f:m\":{}}"),
        Arguments.of("recursiveDifference", "{\"f:status\":{\"f:replicas\":{}},\"f:spec\":{\"f:replicas\":{}}}", "{\"f:status\":{}}",
            "{\"f:spec\":{\"f:replicas\":{}}}"));
  }

  @ParameterizedTest
  @MethodSource("algebra")
  void setAlgebra(String op, String left, String right, String expected) {
    var l = FieldSet.fromFieldsV1Json(left);
    var r = FieldSet.fromFieldsV1Json(right);
    var result = switch (op) {
      case "union" -> l.union(r);
      case "intersection" -> l.intersection(r);
      case "difference" -> l.difference(r);
      case "recursiveDifference" -> l.recursiveDifference(r);
      default -> throw new IllegalArgumentException(op);
    };
    assertThat(result.toFieldsV1Json()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"x:a\":{}}", "{\"f\":{}}", "{\"k:[1]\":{}}", "{\"v:1 2\":{}}", "{\"i:x\":{}}", "{\"f:a\":1}", "[]"})
  void rejectsInvalidFieldsV1(String json) {
    assertThatThrownBy(() -> FieldSet.fromFieldsV1Json(json)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void keysCompareNumbersByValue() {
    var a = FieldSet.of(FieldPath.of(PathElement.field("ports"), PathElement.key("containerPort", 80, "protocol", "TCP")));
    var b = FieldSet.fromFieldsV1Json("{\"f:ports\":{\"k:{\\\"protocol\\\":\\\"TCP\\\",\\\"containerPort\\\":80.0}\":{}}}");
    assertThat(a).isEqualTo(b);
    assertThat(a.toFieldsV1Json()).isEqualTo("{\"f:ports\":{\"k:{\\\"containerPort\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{}}}");
  }
}
