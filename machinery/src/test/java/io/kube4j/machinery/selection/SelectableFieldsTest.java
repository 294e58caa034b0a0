package io.kube4j.machinery.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube4j.machinery.errors.ApiException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectableFieldsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Arguments> conversions() {
    return Stream.of(
        Arguments.of("", "pods", "spec.nodeName=n1,status.phase!=Running", "spec.nodeName=n1,status.phase!=Running"),
        Arguments.of("", "pods", "spec.host=n1", "spec.nodeName=n1"),
        Arguments.of("", "nodes", "spec.unschedulable=true", "spec.unschedulable=true"),
        Arguments.of("", "services", "spec.type=NodePort", "spec.type=NodePort"),
        Arguments.of("", "secrets", "type=Opaque", "type=Opaque"),
        Arguments.of("batch", "jobs", "status.successful=1", "status.successful=1"),
        Arguments.of("events.k8s.io", "events", "regarding.name=web,reportingController=kubelet", "involvedObject.name=web,reportingComponent=kubelet"),
        Arguments.of("apps", "deployments", "metadata.name=web,metadata.namespace=default", "metadata.name=web,metadata.namespace=default"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("conversions")
  void acceptsAndRenamesSupportedLabels(String group, String resource, String selector, String converted) {
    assertThat(SelectableFields.convert(group, resource, FieldSelector.parse(selector)).toString()).isEqualTo(converted);
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        Arguments.of("", "pods", "spec.foo=x", "field label not supported: spec.foo"),
        Arguments.of("", "nodes", "metadata.namespace=x", "field label not supported: metadata.namespace"),
        Arguments.of("", "namespaces", "metadata.namespace=x", "field label not supported: metadata.namespace"),
        Arguments.of("", "configmaps", "data.x=y", "\"data.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""),
        Arguments.of("apps", "replicasets", "status.replicas=1", "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("rejections")
  void rejectsUnsupportedLabels(String group, String resource, String selector, String message) {
    assertThatThrownBy(() -> SelectableFields.convert(group, resource, FieldSelector.parse(selector)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void podFieldsMatchAsUpstream() throws Exception {
    var pod = MAPPER.readTree("""
        {"metadata":{"name":"web","namespace":"prod"},"spec":{"nodeName":"n1","restartPolicy":"Always"},
         "status":{"phase":"Running","podIPs":[{"ip":"10.0.0.7"}]}}""");
    var fields = SelectableFields.of("", "pods", pod, true);
    assertThat(fields).containsEntry("metadata.name", "web").containsEntry("metadata.namespace", "prod")
        .containsEntry("spec.nodeName", "n1").containsEntry("spec.hostNetwork", "false").containsEntry("status.podIP", "10.0.0.7")
        .containsEntry("spec.schedulerName", "");
    var selector = SelectableFields.convert("", "pods", FieldSelector.parse("spec.host=n1,status.phase=Running,spec.hostNetwork=false"));
    assertThat(selector.matches(fields::get)).isTrue();
    assertThat(SelectableFields.convert("", "pods", FieldSelector.parse("spec.nodeName=")).matches(fields::get)).isFalse();
  }

  @Test
  void eventFieldsFromEitherApiVersion() throws Exception {
    var core = MAPPER.readTree("""
        {"metadata":{"name":"e","namespace":"d"},"involvedObject":{"kind":"Pod","name":"web"},"reason":"Pulled","type":"Normal",
         "source":{"component":"kubelet"}}""");
    var v1 = MAPPER.readTree("""
        {"metadata":{"name":"e","namespace":"d"},"regarding":{"kind":"Pod","name":"web"},"reason":"Pulled","type":"Normal",
         "reportingController":"kubelet"}""");
    var selector = SelectableFields.convert("events.k8s.io", "events", FieldSelector.parse("regarding.kind=Pod,regarding.name=web,reportingController=kubelet"));
    assertThat(selector.matches(SelectableFields.of("events.k8s.io", "events", v1, true)::get)).isTrue();
    var coreSelector = SelectableFields.convert("", "events", FieldSelector.parse("involvedObject.name=web,source=kubelet,type=Normal"));
    assertThat(coreSelector.matches(SelectableFields.of("", "events", core, true)::get)).isTrue();
    assertThat(coreSelector.matches(SelectableFields.of("", "events", v1, true)::get)).isTrue();
  }

  @Test
  void customResourceSelectableFields() throws Exception {
    var widget = MAPPER.readTree("{\"metadata\":{\"name\":\"w\",\"namespace\":\"d\"},\"spec\":{\"color\":\"red\",\"size\":3}}");
    var fields = SelectableFields.ofCustomResource(widget, true, List.of("spec.color", "spec.size", "spec.missing"));
    assertThat(fields).containsEntry("spec.color", "red").containsEntry("spec.size", "3").doesNotContainKey("spec.missing");
    var selector = SelectableFields.convertCustom(FieldSelector.parse("spec.color=red,metadata.name=w"), Set.of("spec.color"));
    assertThat(selector.matches(fields::get)).isTrue();
    assertThatThrownBy(() -> SelectableFields.convertCustom(FieldSelector.parse("spec.size=3"), Set.of("spec.color")))
        .hasMessage("field label not supported: spec.size");
  }
}
