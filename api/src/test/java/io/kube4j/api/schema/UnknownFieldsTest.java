package io.kube4j.api.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kube4j.api.GroupVersionKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UnknownFieldsTest {

  private static final BuiltinSchemas CATALOG = new BuiltinSchemas();
  private static final ObjectMapper JSON = new ObjectMapper();

  record Case(String name, String apiVersion, String kind, String object, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("known fields only", "v1", "Pod",
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'any-key':'v'}},'spec':{'containers':[{'name':'c','image':'busybox','ports':[{'containerPort':80}]}]}}",
            List.of()),
        new Case("top-level field", "v1", "ConfigMap", "{'apiVersion':'v1','kind':'ConfigMap','foo':1,'data':{'k':'v'}}",
            List.of("unknown field \"foo\"")),
        new Case("spec field", "apps/v1", "Deployment", "{'spec':{'foo':true,'replicas':1}}",
            List.of("unknown field \"spec.foo\"")),
        new Case("field of a list item, with its index", "v1", "Pod",
            "{'spec':{'containers':[{'name':'a','image':'x'},{'name':'b','imagee':'x'}]}}",
            List.of("unknown field \"spec.containers[1].imagee\"")),
        new Case("metadata field", "v1", "Pod", "{'metadata':{'name':'p','nmae':'q'}}",
            List.of("unknown field \"metadata.nmae\"")),
        new Case("several, in document order", "apps/v1", "Deployment",
            "{'zz':1,'spec':{'template':{'spec':{'containers':[{'name':'c','bad':1}],'bogus':{}}}},'aa':2}",
            List.of("unknown field \"zz\"", "unknown field \"spec.template.spec.containers[0].bad\"",
                "unknown field \"spec.template.spec.bogus\"", "unknown field \"aa\"")),
        new Case("map values are checked, map keys never unknown", "v1", "Pod",
            "{'spec':{'overhead':{'cpu':'1'},'nodeSelector':{'whatever':'x'}},'status':{'conditions':[{'type':'Ready','status':'True','x':1}]}}",
            List.of("unknown field \"status.conditions[0].x\"")),
        new Case("map of objects", "policy/v1", "PodDisruptionBudget",
            "{'status':{'disruptedPods':{'p1':'2024-01-01T00:00:00Z'}}}", List.of()),
        new Case("raw extension is not inspected", "apps/v1", "ControllerRevision",
            "{'revision':1,'data':{'spec':{'anything':{'goes':true}}}}", List.of()),
        new Case("managed fields (FieldsV1) are not inspected", "v1", "Pod",
            "{'metadata':{'managedFields':[{'manager':'kubectl','fieldsV1':{'f:spec':{'f:x':{}}}}]}}", List.of()),
        new Case("CRD schema props are preserved, their siblings are not", "apiextensions.k8s.io/v1", "CustomResourceDefinition",
            "{'spec':{'group':'g','versions':[{'name':'v1','schema':{'openAPIV3Schema':{'type':'object','properties':{'spec':{'type':'object','x-kubernetes-preserve-unknown-fields':true,'default':{'a':1}}}}},'served':true,'storage':true,'oops':1}]}}",
            List.of("unknown field \"spec.versions[0].oops\"")),
        new Case("wrong JSON types are left to validation", "v1", "Pod",
            "{'spec':'not an object','metadata':{'labels':['x']}}", List.of()),
        new Case("int-or-string and quantities are scalars", "apps/v1", "Deployment",
            "{'spec':{'strategy':{'rollingUpdate':{'maxSurge':'25%','maxUnavailable':1}},'template':{'spec':{'containers':[{'name':'c','resources':{'limits':{'cpu':2,'memory':'1Gi'}}}]}}}}",
            List.of()),
        new Case("events.k8s.io event fields differ from core's", "events.k8s.io/v1", "Event",
            "{'note':'n','message':'core only'}", List.of("unknown field \"message\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsUnknownFieldsAsUpstreamDoes(Case c) throws Exception {
    Schema schema = CATALOG.forKind(GroupVersionKind.of(c.apiVersion(), c.kind())).orElseThrow();
    var object = JSON.readTree(c.object().replace('\'', '"'));
    assertThat(UnknownFields.messages(schema, object)).containsExactlyElementsOf(c.expected());
  }
}
