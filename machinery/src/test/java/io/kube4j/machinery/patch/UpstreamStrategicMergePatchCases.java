package io.kube4j.machinery.patch;

import java.util.List;

/**
 * Expected results of apimachinery's own strategic merge patch tests ({@code pkg/util/strategicpatch/patch_test.go},
 * Kubernetes 1.32), restated as (original, patch, expected) triples over its {@code MergeItem} type
 * ({@link PatchFixtures#MERGE_ITEM}): each upstream case contributes its two-way patch applied to its original and,
 * where it has one, its three-way patch applied to its current object. Results are compared order-sensitively, as
 * upstream compares these cases.
 */
final class UpstreamStrategicMergePatchCases {

  /** One application: {@code expected} is null when {@code error} (a substring of the message) is expected. */
  record UpstreamCase(String name, String original, String patch, String expected, String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  private UpstreamStrategicMergePatchCases() {}

  static List<UpstreamCase> all() {
    return CASES;
  }

  private static final List<UpstreamCase> CASES = List.of(
      new UpstreamCase("$setElementOrder contains item that is not present in the list to be merged (two-way)",
          """
          mergingList:
            - name: 1
            - name: 3
          """,
          """
          $setElementOrder/mergingList:
            - name: 3
            - name: 2
            - name: 1
          mergingList:
            - name: 3
              value: 3
            - name: 1
              value: 1
          """,
          """
          mergingList:
            - name: 3
              value: 3
            - name: 1
              value: 1
          """,
          null),
      new UpstreamCase("$setElementOrder contains item that is not present in the int list to be merged (two-way)",
          """
          mergingIntList:
            - 1
            - 3
          """,
          """
          $setElementOrder/mergingIntList:
            - 3
            - 2
            - 1
          """,
          """
          mergingIntList:
            - 3
            - 1
          """,
          null),
      new UpstreamCase("should check if order in $setElementOrder and patch list match (two-way)",
          """
          mergingList:
            - name: 1
            - name: 3
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
            - name: 3
          mergingList:
            - name: 3
              value: 3
            - name: 1
              value: 1
          """,
          null,
          "doesn't match"),
      new UpstreamCase("$setElementOrder contains item that is not present in the int list to be merged (two-way) #2",
          """
          mergingIntList:
            - 1
            - 3
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 2
            - 3
          mergingIntList:
            - 3
            - 1
          """,
          null,
          "doesn't match"),
      new UpstreamCase("missing merge key should error out (two-way)",
          """
          mergingList:
            - name: 1
              value: a
          """,
          """
          mergingList:
            - value: b
          """,
          null,
          "does not contain declared merge key"),
      new UpstreamCase("$deleteFromPrimitiveList of nonexistent item in primitive list should not add the item to the list (two-way)",
          """
          mergingIntList:
            - 1
            - 2
          """,
          """
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 2
          """,
          null),
      new UpstreamCase("$deleteFromPrimitiveList on empty primitive list should not add the item to the list (two-way)",
          """
          mergingIntList:
          """,
          """
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
          """,
          null),
      new UpstreamCase("$deleteFromPrimitiveList on nonexistent primitive list should not add the primitive list (two-way)",
          """
          foo:
            - bar
          """,
          """
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          foo:
            - bar
          """,
          null),
      new UpstreamCase("$deleteFromPrimitiveList should delete item from a list with merge patch strategy (two-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          $deleteFromPrimitiveList/mergingIntList:
            - 2
          """,
          """
          mergingIntList:
            - 1
            - 3
          """,
          null),
      new UpstreamCase("$deleteFromPrimitiveList should delete item from a list without merge patch strategy (two-way)",
          """
          nonMergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          $deleteFromPrimitiveList/nonMergingIntList:
            - 2
          """,
          """
          nonMergingIntList:
            - 1
            - 3
          """,
          null),
      new UpstreamCase("nested patch merge with empty list (two-way)",
          """
          name: hi
          """,
          """
          mergingList:
          - name: hello
          - $patch: delete
            name: doesntexist
          """,
          """
          name: hi
          mergingList:
          - name: hello
          """,
          null),
      new UpstreamCase("nested patch merge with empty list (three-way)",
          """
          name: hi
          mergingList:
          - name: hello2
          """,
          """
          $setElementOrder/mergingList:
          - name: hello
          - name: doesntexist
          mergingList:
          - name: hello
          """,
          """
          name: hi
          mergingList:
          - name: hello
          - name: hello2
          """,
          null),
      new UpstreamCase("delete items in lists of scalars (two-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 2
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 2
          """,
          null),
      new UpstreamCase("delete items in lists of scalars (three-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
            - 4
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 2
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 2
            - 4
          """,
          null),
      new UpstreamCase("delete all duplicate items in lists of scalars (two-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
            - 3
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 2
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 2
          """,
          null),
      new UpstreamCase("delete all duplicate items in lists of scalars (three-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
            - 3
            - 4
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 2
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 2
            - 4
          """,
          null),
      new UpstreamCase("add and delete items in lists of scalars (two-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 2
            - 4
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          mergingIntList:
            - 4
          """,
          """
          mergingIntList:
            - 1
            - 2
            - 4
          """,
          null),
      new UpstreamCase("add and delete items in lists of scalars (three-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
            - 4
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 2
            - 4
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 2
            - 4
          """,
          null),
      new UpstreamCase("merge lists of maps (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 4
            - name: 1
            - name: 2
            - name: 3
          mergingList:
            - name: 4
              value: 4
            - name: 3
              value: 3
          """,
          """
          mergingList:
            - name: 4
              value: 4
            - name: 1
            - name: 2
              value: 2
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("merge lists of maps (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 4
            - name: 1
            - name: 2
            - name: 3
          mergingList:
            - name: 4
              value: 4
            - name: 3
              value: 3
          """,
          """
          mergingList:
            - name: 4
              value: 4
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("merge lists of maps with conflict (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
            - name: 3
          mergingList:
            - name: 3
              value: 3
          """,
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("merge lists of maps with conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 3
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
            - name: 3
          mergingList:
            - name: 2
              value: 2
            - name: 3
              value: 3
          """,
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("add field to map in merging list (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: 1
          """,
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: 1
          """,
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("add field to map in merging list (two-way) #2",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: 1
          """,
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list (three-way) #2",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: 1
          """,
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("add field to map in merging list with conflict (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: 1
          """,
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list with conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 3
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 2
            - name: 3
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("add duplicate field to map in merging list (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: 1
          """,
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("add duplicate field to map in merging list (three-way)",
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          {}
          """,
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("add an item that already exists in current object in merging list (two-way)",
          """
          mergingList:
            - name: 1
              value: a
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
            - name: 3
          mergingList:
            - name: 3
          """,
          """
          mergingList:
            - name: 1
              value: a
            - name: 2
            - name: 3
          """,
          null),
      new UpstreamCase("add an item that already exists in current object in merging list (three-way)",
          """
          mergingList:
            - name: 1
              value: a
              other: x
            - name: 2
            - name: 3
          """,
          """
          {}
          """,
          """
          mergingList:
            - name: 1
              value: a
              other: x
            - name: 2
            - name: 3
          """,
          null),
      new UpstreamCase("add duplicate field to map in merging list with conflict (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: 1
          """,
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("add duplicate field to map in merging list with conflict (three-way)",
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 3
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 2
              value: 2
          """,
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("replace map field value in merging list (two-way)",
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: a
          """,
          """
          mergingList:
            - name: 1
              value: a
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("replace map field value in merging list (three-way)",
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: a
          """,
          """
          mergingList:
            - name: 1
              value: a
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("replace map field value in merging list with conflict (two-way)",
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: a
          """,
          """
          mergingList:
            - name: 1
              value: a
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("replace map field value in merging list with conflict (three-way)",
          """
          mergingList:
            - name: 1
              value: 3
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: a
          """,
          """
          mergingList:
            - name: 1
              value: a
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("delete map from merging list (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
          mergingList:
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
          """,
          null),
      new UpstreamCase("delete map from merging list (three-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
          mergingList:
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("delete map from merging list with conflict (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
          mergingList:
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
          """,
          null),
      new UpstreamCase("delete map from merging list with conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
          mergingList:
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("delete missing map from merging list (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
          mergingList:
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
          """,
          null),
      new UpstreamCase("delete missing map from merging list (three-way)",
          """
          mergingList:
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
          mergingList:
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("delete missing map from merging list with conflict (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
          mergingList:
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
          """,
          null),
      new UpstreamCase("delete missing map from merging list with conflict (three-way)",
          """
          mergingList:
            - name: 3
              other: a
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
          mergingList:
            - name: 2
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
            - name: 3
              other: a
          """,
          null),
      new UpstreamCase("add map and delete map from merging list (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 3
          mergingList:
            - name: 3
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
            - name: 3
          """,
          null),
      new UpstreamCase("add map and delete map from merging list (three-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              other: b
            - name: 4
              other: c
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 3
          mergingList:
            - name: 3
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
              other: b
            - name: 4
              other: c
            - name: 3
          """,
          null),
      new UpstreamCase("add map and delete map from merging list with conflict (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 3
          mergingList:
            - name: 3
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
            - name: 3
          """,
          null),
      new UpstreamCase("add map and delete map from merging list with conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 4
              other: c
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 3
          mergingList:
            - name: 2
            - name: 3
            - name: 1
              $patch: delete
          """,
          """
          mergingList:
            - name: 4
              other: c
            - name: 2
            - name: 3
          """,
          null),
      new UpstreamCase("delete field from map in merging list (two-way)",
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: null
          """,
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("delete field from map in merging list (three-way)",
          """
          mergingList:
            - name: 1
              value: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: null
          """,
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("delete field from map in merging list with conflict (two-way)",
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: null
          """,
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("delete field from map in merging list with conflict (three-way)",
          """
          mergingList:
            - name: 1
              value: a
              other: a
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: null
          """,
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("delete missing field from map in merging list (two-way)",
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: null
          """,
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("delete missing field from map in merging list (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: null
          """,
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("delete missing field from map in merging list with conflict (two-way)",
          """
          mergingList:
            - name: 1
              value: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: null
          """,
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("delete missing field from map in merging list with conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              value: null
            - name: 2
              value: 2
          """,
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("replace non merging list nested in merging list (two-way)",
          """
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
            - name: 2
          """,
          null),
      new UpstreamCase("replace non merging list nested in merging list (three-way)",
          """
          mergingList:
            - name: 1
              other: a
              nonMergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              other: a
              nonMergingList:
                - name: 1
                  value: 1
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("replace non merging list nested in merging list with value conflict (two-way)",
          """
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
            - name: 2
          """,
          null),
      new UpstreamCase("replace non merging list nested in merging list with value conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
              nonMergingList:
                - name: 1
                  value: c
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              other: a
              nonMergingList:
                - name: 1
                  value: 1
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("replace non merging list nested in merging list with deletion conflict (two-way)",
          """
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
            - name: 2
          """,
          null),
      new UpstreamCase("replace non merging list nested in merging list with deletion conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
              nonMergingList:
                - name: 2
                  value: 2
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - name: 1
              nonMergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              other: a
              nonMergingList:
                - name: 1
                  value: 1
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("add field to map in merging list nested in merging list (two-way)",
          """
          mergingList:
            - name: 1
              mergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - $setElementOrder/mergingList:
                - name: 1
                - name: 2
              name: 1
              mergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              mergingList:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list nested in merging list (three-way)",
          """
          mergingList:
            - name: 1
              other: a
              mergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - $setElementOrder/mergingList:
                - name: 1
                - name: 2
              name: 1
              mergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              other: a
              mergingList:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("add field to map in merging list nested in merging list with value conflict (two-way)",
          """
          mergingList:
            - name: 1
              mergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - $setElementOrder/mergingList:
                - name: 1
                - name: 2
              name: 1
              mergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              mergingList:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list nested in merging list with value conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
              mergingList:
                - name: 1
                  value: a
                  other: c
                - name: 2
                  value: b
                  other: d
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - $setElementOrder/mergingList:
                - name: 1
                - name: 2
              name: 1
              mergingList:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
          """,
          """
          mergingList:
            - name: 1
              other: a
              mergingList:
                - name: 1
                  value: 1
                  other: c
                - name: 2
                  value: 2
                  other: d
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("add field to map in merging list nested in merging list with deletion conflict (two-way)",
          """
          mergingList:
            - name: 1
              mergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - $setElementOrder/mergingList:
                - name: 1
                - name: 2
              name: 1
              mergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              mergingList:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list nested in merging list with deletion conflict (three-way)",
          """
          mergingList:
            - name: 1
              other: a
              mergingList:
                - name: 2
                  value: 2
                  other: d
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - $setElementOrder/mergingList:
                - name: 1
                - name: 2
              name: 1
              mergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              other: a
              mergingList:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
                  other: d
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("add field to map in merging list nested in merging list with deletion conflict (two-way) #2",
          """
          mergingList:
            - name: 1
              mergingList:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - $setElementOrder/mergingList:
                - name: 2
                - name: 1
              name: 1
              mergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              mergingList:
                - name: 2
                  value: 2
                - name: 1
                  value: 1
            - name: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list nested in merging list with deletion conflict (three-way) #2",
          """
          mergingList:
            - name: 1
              other: a
              mergingList:
                - name: 2
                  value: 2
                  other: d
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 2
          mergingList:
            - $setElementOrder/mergingList:
                - name: 2
                - name: 1
              name: 1
              mergingList:
                - name: 1
                  value: 1
          """,
          """
          mergingList:
            - name: 1
              other: a
              mergingList:
                - name: 2
                  value: 2
                  other: d
                - name: 1
                  value: 1
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("add map to merging list by pointer (two-way)",
          """
          mergeItemPtr:
            - name: 1
          """,
          """
          $setElementOrder/mergeItemPtr:
            - name: 1
            - name: 2
          mergeItemPtr:
            - name: 2
          """,
          """
          mergeItemPtr:
            - name: 1
            - name: 2
          """,
          null),
      new UpstreamCase("add map to merging list by pointer (three-way)",
          """
          mergeItemPtr:
            - name: 1
              other: a
            - name: 3
          """,
          """
          $setElementOrder/mergeItemPtr:
            - name: 1
            - name: 2
          mergeItemPtr:
            - name: 2
          """,
          """
          mergeItemPtr:
            - name: 1
              other: a
            - name: 2
            - name: 3
          """,
          null),
      new UpstreamCase("add map to merging list by pointer with conflict (two-way)",
          """
          mergeItemPtr:
            - name: 1
          """,
          """
          $setElementOrder/mergeItemPtr:
            - name: 1
            - name: 2
          mergeItemPtr:
            - name: 2
          """,
          """
          mergeItemPtr:
            - name: 1
            - name: 2
          """,
          null),
      new UpstreamCase("add map to merging list by pointer with conflict (three-way)",
          """
          mergeItemPtr:
            - name: 3
          """,
          """
          $setElementOrder/mergeItemPtr:
            - name: 1
            - name: 2
          mergeItemPtr:
            - name: 1
            - name: 2
          """,
          """
          mergeItemPtr:
            - name: 1
            - name: 2
            - name: 3
          """,
          null),
      new UpstreamCase("add field to map in merging list by pointer (two-way)",
          """
          mergeItemPtr:
            - name: 1
              mergeItemPtr:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergeItemPtr:
            - name: 1
            - name: 2
          mergeItemPtr:
            - $setElementOrder/mergeItemPtr:
                - name: 1
                - name: 2
              name: 1
              mergeItemPtr:
                - name: 1
                  value: 1
          """,
          """
          mergeItemPtr:
            - name: 1
              mergeItemPtr:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list by pointer (three-way)",
          """
          mergeItemPtr:
            - name: 1
              other: a
              mergeItemPtr:
                - name: 1
                  other: a
                - name: 2
                  value: 2
                  other: b
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergeItemPtr:
            - name: 1
            - name: 2
          mergeItemPtr:
            - $setElementOrder/mergeItemPtr:
                - name: 1
                - name: 2
              name: 1
              mergeItemPtr:
                - name: 1
                  value: 1
          """,
          """
          mergeItemPtr:
            - name: 1
              other: a
              mergeItemPtr:
                - name: 1
                  value: 1
                  other: a
                - name: 2
                  value: 2
                  other: b
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("add field to map in merging list by pointer with conflict (two-way)",
          """
          mergeItemPtr:
            - name: 1
              mergeItemPtr:
                - name: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          """
          $setElementOrder/mergeItemPtr:
            - name: 1
            - name: 2
          mergeItemPtr:
            - $setElementOrder/mergeItemPtr:
                - name: 1
                - name: 2
              name: 1
              mergeItemPtr:
                - name: 1
                  value: 1
          """,
          """
          mergeItemPtr:
            - name: 1
              mergeItemPtr:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
            - name: 2
          """,
          null),
      new UpstreamCase("add field to map in merging list by pointer with conflict (three-way)",
          """
          mergeItemPtr:
            - name: 1
              other: a
              mergeItemPtr:
                - name: 1
                  value: a
                - name: 2
                  value: 2
                  other: b
            - name: 2
              other: b
          """,
          """
          $setElementOrder/mergeItemPtr:
            - name: 1
            - name: 2
          mergeItemPtr:
            - $setElementOrder/mergeItemPtr:
                - name: 1
                - name: 2
              name: 1
              mergeItemPtr:
                - name: 1
                  value: 1
          """,
          """
          mergeItemPtr:
            - name: 1
              other: a
              mergeItemPtr:
                - name: 1
                  value: 1
                - name: 2
                  value: 2
                  other: b
            - name: 2
              other: b
          """,
          null),
      new UpstreamCase("merge lists of scalars (two-way)",
          """
          mergingIntList:
          - 1
          - 2
          """,
          """
          $setElementOrder/mergingIntList:
          - 1
          - 2
          - 3
          mergingIntList:
          - 3
          """,
          """
          mergingIntList:
          - 1
          - 2
          - 3
          """,
          null),
      new UpstreamCase("merge lists of scalars (three-way)",
          """
          mergingIntList:
          - 1
          - 2
          - 4
          """,
          """
          $setElementOrder/mergingIntList:
          - 1
          - 2
          - 3
          mergingIntList:
          - 3
          """,
          """
          mergingIntList:
          - 1
          - 2
          - 3
          - 4
          """,
          null),
      new UpstreamCase("add duplicate field to map in merging int list (two-way)",
          """
          mergingIntList:
            - 1
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 2
            - 3
          mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 2
            - 3
          """,
          null),
      new UpstreamCase("add duplicate field to map in merging int list (three-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          {}
          """,
          """
          mergingIntList:
            - 1
            - 2
            - 3
          """,
          null),
      new UpstreamCase("add an item in a list of primitives and preserve order (two-way)",
          """
          mergingIntList:
          - 1
          - 2
          """,
          """
          $setElementOrder/mergingIntList:
          - 3
          - 1
          - 2
          mergingIntList:
          - 3
          """,
          """
          mergingIntList:
          - 3
          - 1
          - 2
          """,
          null),
      new UpstreamCase("add an item in a list of primitives and preserve order (three-way)",
          """
          mergingIntList:
          - 1
          - 4
          - 2
          """,
          """
          $setElementOrder/mergingIntList:
          - 3
          - 1
          - 2
          mergingIntList:
          - 3
          """,
          """
          mergingIntList:
          - 3
          - 1
          - 4
          - 2
          """,
          null),
      new UpstreamCase("delete an item in a list of primitives and preserve order (two-way)",
          """
          mergingIntList:
          - 1
          - 2
          - 3
          """,
          """
          $setElementOrder/mergingIntList:
          - 2
          - 1
          $deleteFromPrimitiveList/mergingIntList:
          - 3
          """,
          """
          mergingIntList:
          - 2
          - 1
          """,
          null),
      new UpstreamCase("delete an item in a list of primitives and preserve order (three-way)",
          """
          mergingIntList:
          - 1
          - 2
          - 3
          """,
          """
          $setElementOrder/mergingIntList:
          - 2
          - 1
          $deleteFromPrimitiveList/mergingIntList:
          - 3
          """,
          """
          mergingIntList:
          - 2
          - 1
          """,
          null),
      new UpstreamCase("add an item in a list and preserve order (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 3
            - name: 1
            - name: 2
          mergingList:
            - name: 3
              value: 3
          """,
          """
          mergingList:
            - name: 3
              value: 3
            - name: 1
            - name: 2
              value: 2
          """,
          null),
      new UpstreamCase("add an item in a list and preserve order (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 3
            - name: 1
            - name: 2
          mergingList:
            - name: 3
              value: 3
          """,
          """
          mergingList:
            - name: 3
              value: 3
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          null),
      new UpstreamCase("add multiple items in a list and preserve order (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 4
            - name: 2
            - name: 3
          mergingList:
            - name: 4
              value: 4
            - name: 3
              value: 3
          """,
          """
          mergingList:
            - name: 1
            - name: 4
              value: 4
            - name: 2
              value: 2
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("add multiple items in a list and preserve order (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
          """,
          """
          $setElementOrder/mergingList:
            - name: 1
            - name: 4
            - name: 2
            - name: 3
          mergingList:
            - name: 4
              value: 4
            - name: 3
              value: 3
          """,
          """
          mergingList:
            - name: 1
              other: a
            - name: 4
              value: 4
            - name: 2
              value: 2
              other: b
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("delete an item in a list and preserve order (two-way)",
          """
          mergingList:
            - name: 1
            - name: 3
              value: 3
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 1
          mergingList:
            - name: 3
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
              value: 2
            - name: 1
          """,
          null),
      new UpstreamCase("delete an item in a list and preserve order (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
            - name: 3
              value: 3
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 1
          mergingList:
            - name: 3
              $patch: delete
          """,
          """
          mergingList:
            - name: 2
              value: 2
              other: b
            - name: 1
              other: a
          """,
          null),
      new UpstreamCase("change an item in a list and preserve order (two-way)",
          """
          mergingList:
            - name: 1
            - name: 3
              value: 3
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 3
            - name: 1
          mergingList:
            - name: 3
              value: x
          """,
          """
          mergingList:
            - name: 2
              value: 2
            - name: 3
              value: x
            - name: 1
          """,
          null),
      new UpstreamCase("change an item in a list and preserve order (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
            - name: 3
              value: 3
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 3
            - name: 1
          mergingList:
            - name: 3
              value: x
          """,
          """
          mergingList:
            - name: 2
              value: 2
              other: b
            - name: 3
              value: x
            - name: 1
              other: a
          """,
          null),
      new UpstreamCase("add and delete an item in a list and preserve order (two-way)",
          """
          mergingList:
            - name: 1
            - name: 3
              value: 3
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 4
            - name: 2
            - name: 1
          mergingList:
            - name: 4
              value: 4
            - name: 3
              $patch: delete
          """,
          """
          mergingList:
            - name: 4
              value: 4
            - name: 2
              value: 2
            - name: 1
          """,
          null),
      new UpstreamCase("add and delete an item in a list and preserve order (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
              other: b
            - name: 3
              value: 3
          """,
          """
          $setElementOrder/mergingList:
            - name: 4
            - name: 2
            - name: 1
          mergingList:
            - name: 4
              value: 4
            - name: 3
              $patch: delete
          """,
          """
          mergingList:
            - name: 4
              value: 4
            - name: 2
              value: 2
              other: b
            - name: 1
              other: a
          """,
          null),
      new UpstreamCase("set elements order in a list (two-way)",
          """
          mergingList:
            - name: 1
            - name: 3
              value: 3
            - name: 4
              value: 4
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 4
            - name: 2
            - name: 3
            - name: 1
          """,
          """
          mergingList:
            - name: 4
              value: 4
            - name: 2
              value: 2
            - name: 3
              value: 3
            - name: 1
          """,
          null),
      new UpstreamCase("set elements order in a list (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 3
              value: 3
            - name: 4
              value: 4
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 4
            - name: 2
            - name: 3
            - name: 1
          """,
          """
          mergingList:
            - name: 4
              value: 4
            - name: 2
              value: 2
            - name: 3
              value: 3
            - name: 1
              other: a
          """,
          null),
      new UpstreamCase("set elements order in a list with server-only items (two-way)",
          """
          mergingList:
            - name: 1
            - name: 3
              value: 3
            - name: 4
              value: 4
            - name: 2
              value: 2
          """,
          """
          $setElementOrder/mergingList:
            - name: 4
            - name: 2
            - name: 3
            - name: 1
          """,
          """
          mergingList:
            - name: 4
              value: 4
            - name: 2
              value: 2
            - name: 3
              value: 3
            - name: 1
          """,
          null),
      new UpstreamCase("set elements order in a list with server-only items (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 3
              value: 3
            - name: 4
              value: 4
            - name: 2
              value: 2
            - name: 9
          """,
          """
          $setElementOrder/mergingList:
            - name: 4
            - name: 2
            - name: 3
            - name: 1
          """,
          """
          mergingList:
            - name: 4
              value: 4
            - name: 2
              value: 2
            - name: 3
              value: 3
            - name: 1
              other: a
            - name: 9
          """,
          null),
      new UpstreamCase("set elements order in a list with server-only items 2 (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
            - name: 3
              value: 3
            - name: 4
              value: 4
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 1
            - name: 4
            - name: 3
          """,
          """
          mergingList:
            - name: 2
              value: 2
            - name: 1
            - name: 4
              value: 4
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("set elements order in a list with server-only items 2 (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
            - name: 9
            - name: 3
              value: 3
            - name: 4
              value: 4
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 1
            - name: 4
            - name: 3
          """,
          """
          mergingList:
            - name: 2
              value: 2
            - name: 1
              other: a
            - name: 9
            - name: 4
              value: 4
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("set elements order in a list with server-only items 3 (two-way)",
          """
          mergingList:
            - name: 1
            - name: 2
              value: 2
            - name: 3
              value: 3
            - name: 4
              value: 4
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 1
            - name: 4
            - name: 3
          """,
          """
          mergingList:
            - name: 2
              value: 2
            - name: 1
            - name: 4
              value: 4
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("set elements order in a list with server-only items 3 (three-way)",
          """
          mergingList:
            - name: 1
              other: a
            - name: 2
              value: 2
            - name: 7
            - name: 9
            - name: 8
            - name: 3
              value: 3
            - name: 4
              value: 4
          """,
          """
          $setElementOrder/mergingList:
            - name: 2
            - name: 1
            - name: 4
            - name: 3
          """,
          """
          mergingList:
            - name: 2
              value: 2
            - name: 1
              other: a
            - name: 7
            - name: 9
            - name: 8
            - name: 4
              value: 4
            - name: 3
              value: 3
          """,
          null),
      new UpstreamCase("add an item in a int list and preserve order (two-way)",
          """
          mergingIntList:
            - 1
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 3
            - 1
            - 2
          mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 3
            - 1
            - 2
          """,
          null),
      new UpstreamCase("add an item in a int list and preserve order (three-way)",
          """
          mergingIntList:
            - 1
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 3
            - 1
            - 2
          mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 3
            - 1
            - 2
          """,
          null),
      new UpstreamCase("add multiple items in a int list and preserve order (two-way)",
          """
          mergingIntList:
            - 1
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 4
            - 2
            - 3
          mergingIntList:
            - 4
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 4
            - 2
            - 3
          """,
          null),
      new UpstreamCase("add multiple items in a int list and preserve order (three-way)",
          """
          mergingIntList:
            - 1
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 1
            - 4
            - 2
            - 3
          mergingIntList:
            - 4
            - 3
          """,
          """
          mergingIntList:
            - 1
            - 4
            - 2
            - 3
          """,
          null),
      new UpstreamCase("delete an item in a int list and preserve order (two-way)",
          """
          mergingIntList:
            - 1
            - 3
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 2
            - 1
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 2
            - 1
          """,
          null),
      new UpstreamCase("delete an item in a int list and preserve order (three-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          $setElementOrder/mergingIntList:
            - 2
            - 1
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 2
            - 1
          """,
          null),
      new UpstreamCase("add and delete an item in a int list and preserve order (two-way)",
          """
          mergingIntList:
            - 1
            - 3
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 4
            - 2
            - 1
          mergingIntList:
            - 4
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 4
            - 2
            - 1
          """,
          null),
      new UpstreamCase("add and delete an item in a int list and preserve order (three-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          $setElementOrder/mergingIntList:
            - 4
            - 2
            - 1
          mergingIntList:
            - 4
          $deleteFromPrimitiveList/mergingIntList:
            - 3
          """,
          """
          mergingIntList:
            - 4
            - 2
            - 1
          """,
          null),
      new UpstreamCase("set elements order in a int list (two-way)",
          """
          mergingIntList:
            - 1
            - 3
            - 4
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 4
            - 2
            - 3
            - 1
          """,
          """
          mergingIntList:
            - 4
            - 2
            - 3
            - 1
          """,
          null),
      new UpstreamCase("set elements order in a int list (three-way)",
          """
          mergingIntList:
            - 1
            - 3
            - 4
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 4
            - 2
            - 3
            - 1
          """,
          """
          mergingIntList:
            - 4
            - 2
            - 3
            - 1
          """,
          null),
      new UpstreamCase("set elements order in a int list with server-only items (two-way)",
          """
          mergingIntList:
            - 1
            - 3
            - 4
            - 2
          """,
          """
          $setElementOrder/mergingIntList:
            - 4
            - 2
            - 3
            - 1
          """,
          """
          mergingIntList:
            - 4
            - 2
            - 3
            - 1
          """,
          null),
      new UpstreamCase("set elements order in a int list with server-only items (three-way)",
          """
          mergingIntList:
            - 1
            - 3
            - 4
            - 2
            - 9
          """,
          """
          $setElementOrder/mergingIntList:
            - 4
            - 2
            - 3
            - 1
          """,
          """
          mergingIntList:
            - 4
            - 2
            - 3
            - 1
            - 9
          """,
          null),
      new UpstreamCase("set elements order in a int list with server-only items 2 (two-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 3
            - 4
          """,
          """
          $setElementOrder/mergingIntList:
            - 2
            - 1
            - 4
            - 3
          """,
          """
          mergingIntList:
            - 2
            - 1
            - 4
            - 3
          """,
          null),
      new UpstreamCase("set elements order in a int list with server-only items 2 (three-way)",
          """
          mergingIntList:
            - 1
            - 2
            - 9
            - 3
            - 4
          """,
          """
          $setElementOrder/mergingIntList:
            - 2
            - 1
            - 4
            - 3
          """,
          """
          mergingIntList:
            - 2
            - 1
            - 9
            - 4
            - 3
          """,
          null),
      new UpstreamCase("set elements order in a int list with server-only items 3 (two-way)",
          """
          mergingIntList:
          - 1
          - 2
          - 3
          - 2
          - 4
          """,
          """
          $setElementOrder/mergingIntList:
          - 2
          - 1
          - 4
          - 3
          - 2
          """,
          """
          mergingIntList:
          - 2
          - 2
          - 1
          - 4
          - 3
          """,
          null),
      new UpstreamCase("set elements order in a int list with server-only items 3 (three-way)",
          """
          mergingIntList:
          - 1
          - 2
          - 3
          - 2
          - 4
          """,
          """
          $setElementOrder/mergingIntList:
          - 2
          - 1
          - 4
          - 3
          - 2
          """,
          """
          mergingIntList:
          - 2
          - 2
          - 1
          - 4
          - 3
          """,
          null),
      new UpstreamCase("retainKeys map should clear defaulted field (two-way)",
          """
          {}
          """,
          """
          retainKeysMap:
            other: bar
          """,
          """
          retainKeysMap:
            other: bar
          """,
          null),
      new UpstreamCase("retainKeys map should clear defaulted field (three-way)",
          """
          retainKeysMap:
            value: foo
          """,
          """
          retainKeysMap:
            $retainKeys:
              - other
            other: bar
          """,
          """
          retainKeysMap:
            other: bar
          """,
          null),
      new UpstreamCase("retainKeys map should clear defaulted field with conflict (discriminated union) (two-way)",
          """
          {}
          """,
          """
          retainKeysMap:
            name: type2
            other: bar
          """,
          """
          retainKeysMap:
            name: type2
            other: bar
          """,
          null),
      new UpstreamCase("retainKeys map should clear defaulted field with conflict (discriminated union) (three-way)",
          """
          retainKeysMap:
            name: type1
            value: foo
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - other
            name: type2
            other: bar
          """,
          """
          retainKeysMap:
            name: type2
            other: bar
          """,
          null),
      new UpstreamCase("retainKeys map adds a field (two-way)",
          """
          retainKeysMap:
            name: foo
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map adds a field (three-way)",
          """
          retainKeysMap:
            name: foo
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map adds a field and clear a field (two-way)",
          """
          retainKeysMap:
            name: foo
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map adds a field and clear a field (three-way)",
          """
          retainKeysMap:
            name: foo
            other: a
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map deletes a field (two-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
            value: null
          """,
          """
          retainKeysMap:
            name: foo
          """,
          null),
      new UpstreamCase("retainKeys map deletes a field (three-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
            value: null
          """,
          """
          retainKeysMap:
            name: foo
          """,
          null),
      new UpstreamCase("retainKeys map deletes a field and clears a field (two-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
            value: null
          """,
          """
          retainKeysMap:
            name: foo
          """,
          null),
      new UpstreamCase("retainKeys map deletes a field and clears a field (three-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            other: a
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
            value: null
          """,
          """
          retainKeysMap:
            name: foo
          """,
          null),
      new UpstreamCase("retainKeys map clears a field (two-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          """
          {}
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map clears a field (three-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            other: a
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map nested map with no change (two-way)",
          """
          retainKeysMap:
            name: foo
            simpleMap:
              key1: a
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
          """,
          null),
      new UpstreamCase("retainKeys map nested map with no change (three-way)",
          """
          retainKeysMap:
            name: foo
            simpleMap:
              key1: a
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
          """,
          null),
      new UpstreamCase("retainKeys map adds a field in a nested map (two-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            simpleMap:
              key2: b
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
              key2: b
          """,
          null),
      new UpstreamCase("retainKeys map adds a field in a nested map (three-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
              key3: c
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            simpleMap:
              key2: b
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
              key2: b
              key3: c
          """,
          null),
      new UpstreamCase("retainKeys map deletes a field in a nested map (two-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
              key2: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            simpleMap:
              key2: null
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
          """,
          null),
      new UpstreamCase("retainKeys map deletes a field in a nested map (three-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
              key2: b
              key3: c
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            simpleMap:
              key2: null
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
              key3: c
          """,
          null),
      new UpstreamCase("retainKeys map changes a field in a nested map (two-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
              key2: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            simpleMap:
              key1: x
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: x
              key2: b
          """,
          null),
      new UpstreamCase("retainKeys map changes a field in a nested map (three-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: a
              key2: b
              key3: c
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            simpleMap:
              key1: x
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: x
              key2: b
              key3: c
          """,
          null),
      new UpstreamCase("retainKeys map changes a field in a nested map with conflict (two-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: old
              key2: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            simpleMap:
              key1: modified
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: modified
              key2: b
          """,
          null),
      new UpstreamCase("retainKeys map changes a field in a nested map with conflict (three-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: new
              key2: b
              key3: c
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - simpleMap
              - value
            simpleMap:
              key1: modified
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            simpleMap:
              key1: modified
              key2: b
              key3: c
          """,
          null),
      new UpstreamCase("retainKeys map replaces non-merging list (two-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - nonMergingList
              - value
            nonMergingList:
            - name: a
            - name: c
            - name: b
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            nonMergingList:
            - name: a
            - name: c
            - name: b
          """,
          null),
      new UpstreamCase("retainKeys map replaces non-merging list (three-way)",
          """
          retainKeysMap:
            name: foo
            value: bar
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - nonMergingList
              - value
            nonMergingList:
            - name: a
            - name: c
            - name: b
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            nonMergingList:
            - name: a
            - name: c
            - name: b
          """,
          null),
      new UpstreamCase("retainKeys map nested non-merging list with no change (two-way)",
          """
          retainKeysMap:
            name: foo
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - nonMergingList
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            nonMergingList:
            - name: a
            - name: b
          """,
          null),
      new UpstreamCase("retainKeys map nested non-merging list with no change (three-way)",
          """
          retainKeysMap:
            name: foo
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - nonMergingList
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            nonMergingList:
            - name: a
            - name: b
          """,
          null),
      new UpstreamCase("retainKeys map nested non-merging list with no change with conflict (two-way)",
          """
          retainKeysMap:
            name: foo
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - nonMergingList
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            nonMergingList:
            - name: a
            - name: b
          """,
          null),
      new UpstreamCase("retainKeys map nested non-merging list with no change with conflict (three-way)",
          """
          retainKeysMap:
            name: foo
            nonMergingList:
            - name: a
            - name: b
            - name: c
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - nonMergingList
              - value
            value: bar
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            nonMergingList:
            - name: a
            - name: b
          """,
          null),
      new UpstreamCase("retainKeys map deletes nested non-merging list (two-way)",
          """
          retainKeysMap:
            name: foo
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
            nonMergingList: null
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map deletes nested non-merging list (three-way)",
          """
          retainKeysMap:
            name: foo
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
            nonMergingList: null
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map delete nested non-merging list with conflict (two-way)",
          """
          retainKeysMap:
            name: foo
            nonMergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
            nonMergingList: null
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map delete nested non-merging list with conflict (three-way)",
          """
          retainKeysMap:
            name: foo
            nonMergingList:
            - name: a
            - name: b
            - name: c
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
            nonMergingList: null
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map nested merging int list with no change (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingIntList
              - name
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            mergingIntList:
            - 1
            - 2
          """,
          null),
      new UpstreamCase("retainKeys map nested merging int list with no change (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingIntList
              - name
              - value
            $setElementOrder/mergingIntList:
              - 1
              - 2
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            mergingIntList:
            - 1
            - 2
            - 3
          """,
          null),
      new UpstreamCase("retainKeys map adds an item in nested merging int list (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
          """,
          """
          retainKeysMap:
            $setElementOrder/mergingIntList:
              - 1
              - 2
              - 4
            $retainKeys:
              - mergingIntList
              - name
            mergingIntList:
            - 4
          """,
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 4
          """,
          null),
      new UpstreamCase("retainKeys map adds an item in nested merging int list (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          retainKeysMap:
            $setElementOrder/mergingIntList:
              - 1
              - 2
              - 4
            $retainKeys:
              - mergingIntList
              - name
            mergingIntList:
            - 4
          """,
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 4
            - 3
          """,
          null),
      new UpstreamCase("retainKeys map deletes an item in nested merging int list (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingIntList
              - name
            $deleteFromPrimitiveList/mergingIntList:
            - 2
            $setElementOrder/mergingIntList:
              - 1
              - 3
          """,
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 3
          """,
          null),
      new UpstreamCase("retainKeys map deletes an item in nested merging int list (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 3
            - 4
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingIntList
              - name
            $deleteFromPrimitiveList/mergingIntList:
            - 2
            $setElementOrder/mergingIntList:
              - 1
              - 3
          """,
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 3
            - 4
          """,
          null),
      new UpstreamCase("retainKeys map adds an item and deletes an item in nested merging int list (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingIntList
              - name
            mergingIntList:
            - 5
            $deleteFromPrimitiveList/mergingIntList:
            - 2
            $setElementOrder/mergingIntList:
              - 1
              - 3
              - 5
          """,
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 3
            - 5
          """,
          null),
      new UpstreamCase("retainKeys map adds an item and deletes an item in nested merging int list (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 3
            - 4
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingIntList
              - name
            mergingIntList:
            - 5
            $deleteFromPrimitiveList/mergingIntList:
            - 2
            $setElementOrder/mergingIntList:
              - 1
              - 3
              - 5
          """,
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 3
            - 5
            - 4
          """,
          null),
      new UpstreamCase("retainKeys map deletes nested merging int list (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
            mergingIntList: null
          """,
          """
          retainKeysMap:
            name: foo
          """,
          null),
      new UpstreamCase("retainKeys map deletes nested merging int list (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingIntList:
            - 1
            - 2
            - 3
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
            mergingIntList: null
          """,
          """
          retainKeysMap:
            name: foo
          """,
          null),
      new UpstreamCase("retainKeys map nested merging list with no change (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingList
              - name
              - value
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            mergingList:
            - name: a
            - name: b
          """,
          null),
      new UpstreamCase("retainKeys map nested merging list with no change (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
            - name: c
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingList
              - name
              - value
            $setElementOrder/mergingList:
              - name: a
              - name: b
            value: bar
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
            mergingList:
            - name: a
            - name: b
            - name: c
          """,
          null),
      new UpstreamCase("retainKeys map adds an item in nested merging list (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingList
              - name
            $setElementOrder/mergingList:
              - name: a
              - name: b
              - name: c
            mergingList:
            - name: c
          """,
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
            - name: c
          """,
          null),
      new UpstreamCase("retainKeys map adds an item in nested merging list (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
            - name: x
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingList
              - name
            $setElementOrder/mergingList:
              - name: a
              - name: b
              - name: c
            mergingList:
            - name: c
          """,
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
            - name: c
            - name: x
          """,
          null),
      new UpstreamCase("retainKeys map changes an item in nested merging list (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
              value: foo
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingList
              - name
            $setElementOrder/mergingList:
              - name: a
              - name: b
            mergingList:
            - name: b
              value: bar
          """,
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
              value: bar
          """,
          null),
      new UpstreamCase("retainKeys map changes an item in nested merging list (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
              value: foo
            - name: x
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingList
              - name
            $setElementOrder/mergingList:
              - name: a
              - name: b
            mergingList:
            - name: b
              value: bar
          """,
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
              value: bar
            - name: x
          """,
          null),
      new UpstreamCase("retainKeys map deletes nested merging list (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
            mergingList: null
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map deletes nested merging list (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - name
              - value
            value: bar
            mergingList: null
          """,
          """
          retainKeysMap:
            name: foo
            value: bar
          """,
          null),
      new UpstreamCase("retainKeys map deletes an item in nested merging list (two-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingList
              - name
            $setElementOrder/mergingList:
              - name: a
            mergingList:
            - name: b
              $patch: delete
          """,
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
          """,
          null),
      new UpstreamCase("retainKeys map deletes an item in nested merging list (three-way)",
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: b
            - name: x
          """,
          """
          retainKeysMap:
            $retainKeys:
              - mergingList
              - name
            $setElementOrder/mergingList:
              - name: a
            mergingList:
            - name: b
              $patch: delete
          """,
          """
          retainKeysMap:
            name: foo
            mergingList:
            - name: a
            - name: x
          """,
          null),
      new UpstreamCase("retainKeys list of maps clears a field (two-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          """
          {}
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          null),
      new UpstreamCase("retainKeys list of maps clears a field (three-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
            other: x
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          null),
      new UpstreamCase("retainKeys list of maps clears a field with conflict (two-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: old
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: modified
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: modified
          """,
          null),
      new UpstreamCase("retainKeys list of maps clears a field with conflict (three-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: new
            other: x
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: modified
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: modified
          """,
          null),
      new UpstreamCase("retainKeys list of maps changes a field and clear a field (two-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: old
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: new
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: new
          """,
          null),
      new UpstreamCase("retainKeys list of maps changes a field and clear a field (three-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: old
            other: x
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: new
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: new
          """,
          null),
      new UpstreamCase("retainKeys list of maps changes a field and clear a field with conflict (two-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: old
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: new
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: new
          """,
          null),
      new UpstreamCase("retainKeys list of maps changes a field and clear a field with conflict (three-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: modified
            other: x
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: new
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: new
          """,
          null),
      new UpstreamCase("retainKeys list of maps adds a field (two-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: a
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          null),
      new UpstreamCase("retainKeys list of maps adds a field (three-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: a
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          null),
      new UpstreamCase("retainKeys list of maps adds a field and clear a field (two-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: a
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          null),
      new UpstreamCase("retainKeys list of maps adds a field and clear a field (three-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            other: x
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
              - value
            name: foo
            value: a
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          null),
      new UpstreamCase("retainKeys list of maps deletes a field (two-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
            name: foo
            value: null
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
          """,
          null),
      new UpstreamCase("retainKeys list of maps deletes a field (three-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
            name: foo
            value: null
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
          """,
          null),
      new UpstreamCase("retainKeys list of maps deletes a field and clear a field (two-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
            name: foo
            value: null
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
          """,
          null),
      new UpstreamCase("retainKeys list of maps deletes a field and clear a field (three-way)",
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
            value: a
            other: x
          """,
          """
          $setElementOrder/retainKeysMergingList:
            - name: bar
            - name: foo
          retainKeysMergingList:
          - $retainKeys:
              - name
            name: foo
            value: null
          """,
          """
          retainKeysMergingList:
          - name: bar
          - name: foo
          """,
          null),
      new UpstreamCase("delete and reorder in one list, reorder in another (two-way)",
          """
          mergingList:
          - name: a
            value: a
          - name: b
            value: b
          mergeItemPtr:
          - name: c
            value: c
          - name: d
            value: d
          """,
          """
          $setElementOrder/mergingList:
          - name: b
          $setElementOrder/mergeItemPtr:
          - name: d
          - name: c
          mergingList:
          - $patch: delete
            name: a
          """,
          """
          mergingList:
          - name: b
            value: b
          mergeItemPtr:
          - name: d
            value: d
          - name: c
            value: c
          """,
          null),
      new UpstreamCase("delete and reorder in one list, reorder in another (three-way)",
          """
          mergingList:
          - name: a
            value: a
          - name: b
            value: b
          mergeItemPtr:
          - name: c
            value: c
          - name: d
            value: d
          """,
          """
          $setElementOrder/mergingList:
          - name: b
          $setElementOrder/mergeItemPtr:
          - name: d
          - name: c
          mergingList:
          - $patch: delete
            name: a
          """,
          """
          mergingList:
          - name: b
            value: b
          mergeItemPtr:
          - name: d
            value: d
          - name: c
            value: c
          """,
          null));
}
