package io.kube4j.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An update whose result equals the stored object but for timestamps is a no-op that keeps the resourceVersion. */
class SameStoredContentTest {

  private static final String OLD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"a","resourceVersion":"7",
       "managedFields":[{"manager":"kubectl","operation":"Update","time":"2026-01-01T00:00:00Z","fieldsV1":{"f:spec":{}}}]},
       "spec":{"nodeName":"n1"}}""";

  private static ObjectNode parse(String json) {
    return Json.parseStored(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      identical but for the old resourceVersion | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a','managedFields':[{'manager':'kubectl','operation':'Update','time':'2026-01-01T00:00:00Z','fieldsV1':{'f:spec':{}}}]},'spec':{'nodeName':'n1'}} | true
      only a managed-fields time differs | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a','managedFields':[{'manager':'kubectl','operation':'Update','time':'2026-02-02T00:00:00Z','fieldsV1':{'f:spec':{}}}]},'spec':{'nodeName':'n1'}} | true
      a managed-fields entry without its time | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a','managedFields':[{'manager':'kubectl','operation':'Update','fieldsV1':{'f:spec':{}}}]},'spec':{'nodeName':'n1'}} | true
      the new form carries a resourceVersion | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a','resourceVersion':'7','managedFields':[{'manager':'kubectl','operation':'Update','time':'2026-01-01T00:00:00Z','fieldsV1':{'f:spec':{}}}]},'spec':{'nodeName':'n1'}} | false
      another manager | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a','managedFields':[{'manager':'kubelet','operation':'Update','time':'2026-01-01T00:00:00Z','fieldsV1':{'f:spec':{}}}]},'spec':{'nodeName':'n1'}} | false
      a spec change | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a','managedFields':[{'manager':'kubectl','operation':'Update','time':'2026-01-01T00:00:00Z','fieldsV1':{'f:spec':{}}}]},'spec':{'nodeName':'n2'}} | false
      a new label | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a','labels':{'x':'y'},'managedFields':[{'manager':'kubectl','operation':'Update','time':'2026-01-01T00:00:00Z','fieldsV1':{'f:spec':{}}}]},'spec':{'nodeName':'n1'}} | false
      managed fields dropped | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a'},'spec':{'nodeName':'n1'}} | false
      a new top-level field | {'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'a','managedFields':[{'manager':'kubectl','operation':'Update','time':'2026-01-01T00:00:00Z','fieldsV1':{'f:spec':{}}}]},'spec':{'nodeName':'n1'},'status':{}} | false
      """)
  void comparesAllButTheOldResourceVersionAndManagedFieldsTimes(String name, String toStore, boolean same) {
    var old = parse(OLD);
    var oldText = Json.string(old);
    var updated = parse(toStore);
    var updatedText = Json.string(updated);
    assertThat(ResourceStore.sameStoredContent(updated, old)).isEqualTo(same);
    // nothing is changed by the comparison
    assertThat(Json.string(old)).isEqualTo(oldText);
    assertThat(Json.string(updated)).isEqualTo(updatedText);
  }
}
