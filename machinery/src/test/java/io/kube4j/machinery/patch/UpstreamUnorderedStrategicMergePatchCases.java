package io.kube4j.machinery.patch;

import io.kube4j.machinery.patch.UpstreamStrategicMergePatchCases.UpstreamCase;
import java.util.List;

/**
 * The order-insensitive half of apimachinery's strategic merge patch tests ({@code pkg/util/strategicpatch/patch_test.go},
 * Kubernetes 1.32): upstream compares these after sorting merged lists by merge key, so they are run the same way
 * (see {@link UpstreamStrategicMergePatchTest}), over its {@code MergeItem} type.
 */
final class UpstreamUnorderedStrategicMergePatchCases {

  private UpstreamUnorderedStrategicMergePatchCases() {}

  static List<UpstreamCase> all() {
    return CASES;
  }

  private static final List<UpstreamCase> CASES = List.of(
      new UpstreamCase("unique scalars when merging lists (two-way)",
          """
          {"mergingIntList":[1,2]}""",
          """
          {"mergingIntList":[2,3]}""",
          """
          {"mergingIntList":[1,2,3]}""",
          null),
      new UpstreamCase("delete map from nested map (two-way)",
          """
          {"simpleMap":{"key1":1,"key2":1}}""",
          """
          {"simpleMap":{"$patch":"delete"}}""",
          """
          {"simpleMap":{}}""",
          null),
      new UpstreamCase("delete all items from merging list (two-way)",
          """
          {"mergingList":[{"name":1},{"name":2}]}""",
          """
          {"mergingList":[{"$patch":"replace"}]}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("merge empty merging lists (two-way)",
          """
          {"mergingList":[]}""",
          """
          {"mergingList":[]}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("delete all keys from map (two-way)",
          """
          {"name":1,"value":1}""",
          """
          {"$patch":"replace"}""",
          """
          {}""",
          null),
      new UpstreamCase("add key and delete all keys from map (two-way)",
          """
          {"name":1,"value":1}""",
          """
          {"other":"a","$patch":"replace"}""",
          """
          {"other":"a"}""",
          null),
      new UpstreamCase("delete all duplicate entries in a merging list (two-way)",
          """
          {"mergingList":[{"name":1},{"name":1},{"name":2,"value":"a"},{"name":3},{"name":3}]}""",
          """
          {"mergingList":[{"name":1,"$patch":"delete"},{"name":3,"$patch":"delete"}]}""",
          """
          {"mergingList":[{"name":2,"value":"a"}]}""",
          null),
      new UpstreamCase("retainKeys map can add a field when no retainKeys directive present (two-way)",
          """
          {"retainKeysMap":{"name":"foo"}}""",
          """
          {"retainKeysMap":{"value":"bar"}}""",
          """
          {"retainKeysMap":{"name":"foo","value":"bar"}}""",
          null),
      new UpstreamCase("retainKeys map can change a field when no retainKeys directive present (two-way)",
          """
          {"retainKeysMap":{"name":"foo","value":"a"}}""",
          """
          {"retainKeysMap":{"value":"b"}}""",
          """
          {"retainKeysMap":{"name":"foo","value":"b"}}""",
          null),
      new UpstreamCase("retainKeys map can delete a field when no retainKeys directive present (two-way)",
          """
          {"retainKeysMap":{"name":"foo","value":"a"}}""",
          """
          {"retainKeysMap":{"value":null}}""",
          """
          {"retainKeysMap":{"name":"foo"}}""",
          null),
      new UpstreamCase("retainKeys map merge an empty map (two-way)",
          """
          {"retainKeysMap":{"name":"foo","value":"a"}}""",
          """
          {"retainKeysMap":{}}""",
          """
          {"retainKeysMap":{"name":"foo","value":"a"}}""",
          null),
      new UpstreamCase("retainKeys list can add a field when no retainKeys directive present (two-way)",
          """
          {"retainKeysMergingList":[{"name":"bar"},{"name":"foo"}]}""",
          """
          {"retainKeysMergingList":[{"name":"foo","value":"a"}]}""",
          """
          {"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]}""",
          null),
      new UpstreamCase("retainKeys list can change a field when no retainKeys directive present (two-way)",
          """
          {"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]}""",
          """
          {"retainKeysMergingList":[{"name":"foo","value":"b"}]}""",
          """
          {"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"b"}]}""",
          null),
      new UpstreamCase("retainKeys list can delete a field when no retainKeys directive present (two-way)",
          """
          {"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"a"}]}""",
          """
          {"retainKeysMergingList":[{"name":"foo","value":null}]}""",
          """
          {"retainKeysMergingList":[{"name":"bar"},{"name":"foo"}]}""",
          null),
      new UpstreamCase("preserve the order from the patch in a merging list (two-way)",
          """
          {"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]}""",
          """
          {"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"other":"x"}]}""",
          """
          {"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"value":"b","other":"x"}]}""",
          null),
      new UpstreamCase("preserve the order from the patch in a merging list 2 (two-way)",
          """
          {"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]}""",
          """
          {"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"}]}""",
          """
          {"mergingList":[{"name":2,"value":"b"},{"name":3,"value":"c"},{"name":1,"value":"a"}]}""",
          null),
      new UpstreamCase("preserve the order from the patch in a merging int list (two-way)",
          """
          {"mergingIntList":[1,2,3]}""",
          """
          {"mergingIntList":[3,1,2]}""",
          """
          {"mergingIntList":[3,1,2]}""",
          null),
      new UpstreamCase("preserve the order from the patch in a merging int list (two-way)",
          """
          {"mergingIntList":[1,2,3]}""",
          """
          {"mergingIntList":[3,1]}""",
          """
          {"mergingIntList":[2,3,1]}""",
          null),
      new UpstreamCase("nil original (two-way)",
          null,
          """
          {"name":1,"value":1}""",
          """
          {"name":1,"value":1}""",
          null),
      new UpstreamCase("nil original (three-way)",
          """
          {"name":1,"other":"a"}""",
          """
          {"value":1}""",
          """
          {"name":1,"value":1,"other":"a"}""",
          null),
      new UpstreamCase("nil patch (two-way)",
          """
          {"name":1}""",
          """
          {}""",
          """
          {"name":1}""",
          null),
      new UpstreamCase("nil patch (three-way)",
          """
          {"name":1}""",
          """
          {}""",
          """
          {"name":1}""",
          null),
      new UpstreamCase("add field to map (two-way)",
          """
          {"name":1}""",
          """
          {"value":1}""",
          """
          {"name":1,"value":1}""",
          null),
      new UpstreamCase("add field to map (three-way)",
          """
          {"name":1,"other":"a"}""",
          """
          {"value":1}""",
          """
          {"name":1,"value":1,"other":"a"}""",
          null),
      new UpstreamCase("add field to map with conflict (two-way)",
          """
          {"name":1}""",
          """
          {"value":1}""",
          """
          {"name":1,"value":1}""",
          null),
      new UpstreamCase("add field to map with conflict (three-way)",
          """
          {"name":"a","other":"a"}""",
          """
          {"name":1,"value":1}""",
          """
          {"name":1,"value":1,"other":"a"}""",
          null),
      new UpstreamCase("add field and delete field from map (two-way)",
          """
          {"name":1}""",
          """
          {"name":null,"value":1}""",
          """
          {"value":1}""",
          null),
      new UpstreamCase("add field and delete field from map (three-way)",
          """
          {"name":1,"other":"a"}""",
          """
          {"name":null,"value":1}""",
          """
          {"value":1,"other":"a"}""",
          null),
      new UpstreamCase("add field and delete field from map with conflict (two-way)",
          """
          {"name":1}""",
          """
          {"name":null,"value":1}""",
          """
          {"value":1}""",
          null),
      new UpstreamCase("add field and delete field from map with conflict (three-way)",
          """
          {"name":"a","other":"a"}""",
          """
          {"name":null,"value":1}""",
          """
          {"value":1,"other":"a"}""",
          null),
      new UpstreamCase("delete field from nested map (two-way)",
          """
          {"simpleMap":{"key1":1,"key2":1}}""",
          """
          {"simpleMap":{"key2":null}}""",
          """
          {"simpleMap":{"key1":1}}""",
          null),
      new UpstreamCase("delete field from nested map (three-way)",
          """
          {"simpleMap":{"key1":1,"key2":1,"other":"a"}}""",
          """
          {"simpleMap":{"key2":null}}""",
          """
          {"simpleMap":{"key1":1,"other":"a"}}""",
          null),
      new UpstreamCase("delete field from nested map with conflict (two-way)",
          """
          {"simpleMap":{"key1":1,"key2":1}}""",
          """
          {"simpleMap":{"key2":null}}""",
          """
          {"simpleMap":{"key1":1}}""",
          null),
      new UpstreamCase("delete field from nested map with conflict (three-way)",
          """
          {"simpleMap":{"key1":"a","key2":1,"other":"a"}}""",
          """
          {"simpleMap":{"key1":1,"key2":null}}""",
          """
          {"simpleMap":{"key1":1,"other":"a"}}""",
          null),
      new UpstreamCase("delete all fields from map (two-way)",
          """
          {"name":1,"value":1}""",
          """
          {"name":null,"value":null}""",
          """
          {}""",
          null),
      new UpstreamCase("delete all fields from map (three-way)",
          """
          {"name":1,"value":1,"other":"a"}""",
          """
          {"name":null,"value":null}""",
          """
          {"other":"a"}""",
          null),
      new UpstreamCase("delete all fields from map with conflict (two-way)",
          """
          {"name":1,"value":1}""",
          """
          {"name":null,"value":null}""",
          """
          {}""",
          null),
      new UpstreamCase("delete all fields from map with conflict (three-way)",
          """
          {"name":1,"value":"a","other":"a"}""",
          """
          {"name":null,"value":null}""",
          """
          {"other":"a"}""",
          null),
      new UpstreamCase("add field and delete all fields from map (two-way)",
          """
          {"name":1,"value":1}""",
          """
          {"name":null,"value":null,"other":"a"}""",
          """
          {"other":"a"}""",
          null),
      new UpstreamCase("add field and delete all fields from map (three-way)",
          """
          {"name":1,"value":1,"other":"a"}""",
          """
          {"name":null,"value":null}""",
          """
          {"other":"a"}""",
          null),
      new UpstreamCase("add field and delete all fields from map with conflict (two-way)",
          """
          {"name":1,"value":1}""",
          """
          {"name":null,"value":null,"other":"a"}""",
          """
          {"other":"a"}""",
          null),
      new UpstreamCase("add field and delete all fields from map with conflict (three-way)",
          """
          {"name":1,"value":1,"other":"b"}""",
          """
          {"name":null,"value":null,"other":"a"}""",
          """
          {"other":"a"}""",
          null),
      new UpstreamCase("replace list of scalars (two-way)",
          """
          {"nonMergingIntList":[1,2]}""",
          """
          {"nonMergingIntList":[2,3]}""",
          """
          {"nonMergingIntList":[2,3]}""",
          null),
      new UpstreamCase("replace list of scalars (three-way)",
          """
          {"nonMergingIntList":[1,2]}""",
          """
          {"nonMergingIntList":[2,3]}""",
          """
          {"nonMergingIntList":[2,3]}""",
          null),
      new UpstreamCase("replace list of scalars with conflict (two-way)",
          """
          {"nonMergingIntList":[1,2]}""",
          """
          {"nonMergingIntList":[2,3]}""",
          """
          {"nonMergingIntList":[2,3]}""",
          null),
      new UpstreamCase("replace list of scalars with conflict (three-way)",
          """
          {"nonMergingIntList":[1,4]}""",
          """
          {"nonMergingIntList":[2,3]}""",
          """
          {"nonMergingIntList":[2,3]}""",
          null),
      new UpstreamCase("delete all maps from merging list (two-way)",
          """
          {"mergingList":[{"name":1},{"name":2}]}""",
          """
          {"mergingList":[{"name":1,"$patch":"delete"},{"name":2,"$patch":"delete"}]}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("delete all maps from merging list (three-way)",
          """
          {"mergingList":[{"name":1},{"name":2}]}""",
          """
          {"mergingList":[{"name":1,"$patch":"delete"},{"name":2,"$patch":"delete"}]}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("delete all maps from merging list with conflict (two-way)",
          """
          {"mergingList":[{"name":1},{"name":2}]}""",
          """
          {"mergingList":[{"name":1,"$patch":"delete"},{"name":2,"$patch":"delete"}]}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("delete all maps from merging list with conflict (three-way)",
          """
          {"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b"}]}""",
          """
          {"mergingList":[{"name":1,"$patch":"delete"},{"name":2,"$patch":"delete"}]}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("delete all maps from empty merging list (two-way)",
          """
          {"mergingList":[{"name":1},{"name":2}]}""",
          """
          {"mergingList":[{"name":1,"$patch":"delete"},{"name":2,"$patch":"delete"}]}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("delete all maps from empty merging list (three-way)",
          """
          {"mergingList":[]}""",
          """
          {"mergingList":[{"name":1,"$patch":"delete"},{"name":2,"$patch":"delete"}]}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("merge empty merging lists (two-way)",
          """
          {"mergingList":[]}""",
          """
          {}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("merge empty merging lists (three-way)",
          """
          {"mergingList":[]}""",
          """
          {}""",
          """
          {"mergingList":[]}""",
          null),
      new UpstreamCase("defined null values should propagate overwrite current fields (with conflict) (two-way)",
          """
          {"name":2}""",
          """
          {"name":1,"value":1,"other":null}""",
          """
          {"name":1,"value":1}""",
          null),
      new UpstreamCase("defined null values should propagate overwrite current fields (with conflict) (three-way)",
          """
          {"name":"a","other":"a"}""",
          """
          {"name":1,"value":1,"other":null}""",
          """
          {"name":1,"value":1}""",
          null),
      new UpstreamCase("defined null values should propagate removing original fields (two-way)",
          """
          {"name":"original-name","value":"original-value"}""",
          """
          {"name":"modified-name","value":null}""",
          """
          {"name":"modified-name"}""",
          null),
      new UpstreamCase("defined null values should propagate removing original fields (three-way)",
          """
          {"name":"original-name","value":"original-value","other":"current-other"}""",
          """
          {"name":"modified-name","value":null}""",
          """
          {"name":"modified-name","other":"current-other"}""",
          null),
      new UpstreamCase("nil patch with retainKeys map (two-way)",
          """
          {"name":"a","retainKeysMap":{"name":"foo"}}""",
          """
          {}""",
          """
          {"name":"a","retainKeysMap":{"name":"foo"}}""",
          null),
      new UpstreamCase("nil patch with retainKeys map (three-way)",
          """
          {"name":"a","value":"b","retainKeysMap":{"name":"foo"}}""",
          """
          {}""",
          """
          {"name":"a","value":"b","retainKeysMap":{"name":"foo"}}""",
          null),
      new UpstreamCase("retainKeys map with no change should not be present (two-way)",
          """
          {"name":"a","retainKeysMap":{"name":"foo"}}""",
          """
          {"value":"b"}""",
          """
          {"name":"a","value":"b","retainKeysMap":{"name":"foo"}}""",
          null),
      new UpstreamCase("retainKeys map with no change should not be present (three-way)",
          """
          {"name":"a","other":"c","retainKeysMap":{"name":"foo"}}""",
          """
          {"value":"b"}""",
          """
          {"name":"a","value":"b","other":"c","retainKeysMap":{"name":"foo"}}""",
          null));
}
