package io.kube4j.machinery.apply;

import static io.kube4j.machinery.apply.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.GroupVersionKind;
import io.kube4j.api.schema.Schema;
import io.kube4j.api.schema.Schema.ListType;
import io.kube4j.api.schema.Schema.Property;
import io.kube4j.api.schema.Schema.Type;
import io.kube4j.machinery.errors.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sequences of applies and updates with the resulting object, ported from upstream's structured-merge-diff
 * scenarios (multiple appliers, nested types, leaf fields, sets) for a single API version.
 */
class ApplyScenarioTest {

  private static final Schema ROOT = schema();
  private static final ServerSideApply SSA = ServerSideApply.forResource(ROOT, GroupVersionKind.of("example.com/v1", "Thing"));

  private static Schema schema() {
    var str = Schema.scalar(Type.STRING, "", "");
    var stringSet = Schema.array(str, ListType.SET, List.of());
    var listOfLists = Schema.array(Schema.object("listOfListsElement", "")
        .addProperty(Property.of("name", str, ""))
        .addProperty(Property.of("value", stringSet, "")), ListType.MAP, List.of("name"));
    var struct = Schema.object("struct", "")
        .addProperty(Property.of("name", str, ""))
        .addProperty(Property.of("value", Schema.scalar(Type.NUMBER, "", ""), ""));
    return Schema.object("type", "")
        .addProperty(Property.of("apiVersion", str, ""))
        .addProperty(Property.of("kind", str, ""))
        .addProperty(Property.of("listOfLists", listOfLists, ""))
        .addProperty(Property.of("struct", struct, ""))
        .addProperty(Property.of("numeric", Schema.scalar(Type.NUMBER, "", ""), ""))
        .addProperty(Property.of("string", str, ""))
        .addProperty(Property.of("set", stringSet, ""))
        .addProperty(Property.of("any", Schema.scalar(Type.ANY, "", ""), ""));
  }

  /** An operation: {@code A manager {json}} applies, {@code U manager {json}} updates, {@code C manager {json}} must conflict, {@code F manager {json}} force-applies. */
  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of("remove_one_keep_one_with_two_sub_items", List.of(
            "A one {'listOfLists':[{'name':'a'},{'name':'b','value':['c']}]}",
            "A two {'listOfLists':[{'name':'b','value':['d']}]}",
            "A one {'listOfLists':[{'name':'a'}]}"),
            "{'listOfLists':[{'name':'a'},{'name':'b','value':['d']}]}"),
        Arguments.of("remove_one_keep_one_with_dangling_subitem", List.of(
            "A one {'listOfLists':[{'name':'a'},{'name':'b','value':['c']}]}",
            "A two {'listOfLists':[{'name':'b','value':['d']}]}",
            "U controller {'listOfLists':[{'name':'a'},{'name':'b','value':['c','d','e']}]}",
            "A one {'listOfLists':[{'name':'a'}]}"),
            "{'listOfLists':[{'name':'a'},{'name':'b','value':['d','e']}]}"),
        Arguments.of("remove_one_with_dangling_subitem_keep_one", List.of(
            "A one {'listOfLists':[{'name':'a'},{'name':'b','value':['c']}]}",
            "A two {'listOfLists':[{'name':'a','value':['b']}]}",
            "U controller {'listOfLists':[{'name':'a','value':['b']},{'name':'b','value':['c','d']}]}",
            "A one {'listOfLists':[{'name':'a'}]}"),
            "{'listOfLists':[{'name':'a','value':['b']}]}"),
        Arguments.of("struct_apply_update_remove_all", List.of(
            "A default {'struct':{'name':'a'}}",
            "U controller {'struct':{'name':'a','value':1}}",
            "A default {}"),
            "{'struct':{'value':1}}"),
        Arguments.of("struct_apply_update_dict_dangling", List.of(
            "A default {'struct':{'name':'a'}}",
            "U controller {'struct':{'name':'a','value':1}}",
            "A default {'struct':{}}"),
            "{'struct':{'value':1}}"),
        Arguments.of("struct_apply_remove_all", List.of(
            "A default {'struct':{'name':'a'}}",
            "A default {}"),
            "{}"),
        Arguments.of("unset_scalar_shared_with_updater", List.of(
            "U updater {'struct':{'name':'a','value':1}}",
            "A applier {'struct':{'name':'a','value':1}}",
            "A applier {'struct':{'name':'a'}}"),
            "{'struct':{'name':'a','value':1}}"),
        Arguments.of("updater_claims_field", List.of(
            "A applier {'struct':{'name':'a','value':1}}",
            "U updater {'struct':{'name':'a','value':2}}",
            "C applier {'struct':{'name':'a','value':1}}",
            "A applier {'struct':{'name':'a'}}"),
            "{'struct':{'name':'a','value':2}}"),
        Arguments.of("leaf_apply_update_apply_with_conflict", List.of(
            "A default {'numeric':1,'string':'string'}",
            "U controller {'numeric':1,'string':'controller string'}",
            "C default {'numeric':2,'string':'user string'}",
            "A default {'numeric':2,'string':'controller string'}"),
            "{'numeric':2,'string':'controller string'}"),
        Arguments.of("leaf_update_apply_omits", List.of(
            "A default {'numeric':1}",
            "U controller {'numeric':1,'string':'new string'}",
            "A default {'numeric':2}"),
            "{'numeric':2,'string':'new string'}"),
        Arguments.of("set_apply_update_apply_with_overlap", List.of(
            "A default {'set':['a','b','c','d']}",
            "U controller {'set':['a','b','c','d','e']}",
            "A default {'set':['a','b','c']}"),
            "{'set':['a','b','c','e']}"),
        Arguments.of("set_apply_twice_reorder", List.of(
            "A default {'set':['a','b','c','d']}",
            "A default {'set':['a','b','d','c']}"),
            "{'set':['a','b','d','c']}"),
        Arguments.of("upstream_leaf_update_apply_omits", List.of(
            "A default {'numeric':2}",
            "U controller {'numeric':1}",
            "A default {}"),
            "{'numeric':1}"),
        Arguments.of("upstream_leaf_apply_update_apply_with_conflict_then_force", List.of(
            "A default {'numeric':1,'string':'string'}",
            "U controller {'numeric':1,'string':'controller string','any':true}",
            "C default {'numeric':2,'string':'user string'}",
            "F default {'numeric':2,'string':'user string'}"),
            "{'numeric':2,'string':'user string','any':true}"),
        Arguments.of("upstream_set_apply_update_apply_with_overlap", List.of(
            "A default {'set':['a','c']}",
            "U controller {'set':['a','b','c','d']}",
            "A default {'set':['a','b','c']}"),
            "{'set':['a','b','c','d']}"),
        Arguments.of("deduced_maps_merge_and_prune_per_key", List.of(
            "A one {'any':{'a':{'x':1},'b':[1,2]}}",
            "A two {'any':{'c':3}}",
            "A one {'any':{'a':{'y':2}}}"),
            "{'any':{'a':{'y':2},'c':3}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void runsAsUpstream(String name, List<String> ops, String expected) {
    ObjectNode live = null;
    var time = Instant.parse("2025-01-01T00:00:00Z");
    for (var op : ops) {
      var parts = op.split(" ", 3);
      var obj = json(parts[2]);
      obj.put("apiVersion", "example.com/v1").put("kind", "Thing");
      time = time.plusSeconds(1);
      var current = live;
      var now = time;
      switch (parts[0]) {
        case "A" -> live = SSA.apply(live, obj, parts[1], false, now);
        case "F" -> live = SSA.apply(live, obj, parts[1], true, now);
        case "U" -> {
          if (live != null && live.has("metadata")) {
            obj.set("metadata", live.get("metadata").deepCopy());
          }
          live = SSA.recordUpdate(live, obj, parts[1], now);
        }
        case "C" -> assertThatThrownBy(() -> SSA.apply(current, obj, parts[1], false, now))
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
        default -> throw new IllegalArgumentException(op);
      }
    }
    var result = live.deepCopy();
    result.remove(List.of("metadata", "apiVersion", "kind"));
    assertThat(result).isEqualTo(json(expected));
  }
}
