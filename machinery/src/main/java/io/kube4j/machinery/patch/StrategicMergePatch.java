package io.kube4j.machinery.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.schema.Schema;
import io.kube4j.machinery.errors.ApiException;
import io.kube4j.machinery.patch.JsonValues.GoKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}) applied the way the
 * kube-apiserver applies it to a built-in object.
 *
 * <p>Like a JSON merge patch, except where the schema says otherwise: a list whose property has the
 * {@code merge} patch strategy is merged element by element on its {@code patchMergeKey} (or as a set, for
 * primitives), a {@code replace} strategy replaces a map whole. The directives {@code $patch}
 * ({@code replace}/{@code delete}), {@code $retainKeys}, {@code $setElementOrder/<list>} and
 * {@code $deleteFromPrimitiveList/<list>} are honoured, and the element order of merged lists follows
 * upstream: {@code $setElementOrder} first, else the patch's own order interleaved with the live order (an
 * element that only the patch has goes before the remaining live elements). Where no schema is known (a null
 * schema, an unknown field, a map or free-form value) lists are replaced, as upstream does without patch
 * metadata. Directive keys left over inside values taken whole from the patch are dropped from the result, as
 * upstream's decoding into typed objects drops them.
 */
public final class StrategicMergePatch {

  static final String DIRECTIVE = "$patch";
  static final String RETAIN_KEYS = "$retainKeys";
  static final String SET_ELEMENT_ORDER = "$setElementOrder";
  static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

  static final String BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";
  static final String BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
  static final String BAD_SET_ELEMENT_ORDER = "invalid patch format of setElementOrder list";
  static final String LISTS_OF_LISTS = "lists of lists are not supported";

  private StrategicMergePatch() {}

  /**
   * Applies {@code patch} to a copy of {@code original}.
   *
   * @param original the stored object (a JSON object; null counts as empty)
   * @param patch the strategic merge patch (a JSON object; JSON null changes nothing)
   * @param schema the schema of the top-level kind, or null when unknown
   * @return the patched object; the arguments are not modified
   * @throws ApiException 400 BadRequest for a patch that is not an object or a malformed
   *     {@code $retainKeys}/{@code $setElementOrder}/{@code $deleteFromPrimitiveList} directive; 422 Invalid for a
   *     list of lists; 500 with upstream's message for the other failures (a merge key missing from an
   *     element, an unknown {@code $patch} value, {@code $setElementOrder} contradicting the patch, ...)
   */
  public static JsonNode apply(JsonNode original, JsonNode patch, Schema schema) {
    var base = original != null && original.isObject() ? ((ObjectNode) original).deepCopy() : JsonNodeFactory.instance.objectNode();
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return base;
    }
    if (!patch.isObject()) {
      throw PatchFailures.badRequest("json: cannot unmarshal " + GoValueText.jsonKind(patch) + " into Go value of type map[string]interface {}");
    }
    var merged = mergeObject(base, ((ObjectNode) patch).deepCopy(), schema);
    dropDirectiveKeys(merged);
    return merged;
  }

  /** Patch metadata of one field: its value schema, non-retainKeys strategy and merge key. */
  private record FieldMeta(Schema schema, String strategy, String mergeKey) {
    static final FieldMeta NONE = new FieldMeta(null, "", "");

    static FieldMeta of(Schema parent, String field) {
      if (parent == null) {
        return NONE;
      }
      return switch (parent.type()) {
        case OBJECT -> parent.property(field)
            .map(p -> new FieldMeta(p.schema(), strategyOf(p.patchStrategies()), p.patchMergeKey()))
            .orElse(NONE);
        case MAP -> new FieldMeta(parent.elements(), "", "");
        default -> NONE;
      };
    }

    private static String strategyOf(List<String> strategies) {
      return strategies.stream().filter(s -> !s.equals("retainKeys")).findFirst().orElse("");
    }

    boolean merges() {
      return strategy.equals("merge");
    }

    /** The schema of the list's elements; a non-array schema is taken as the element type, as upstream does. */
    Schema elementSchema() {
      return schema != null && schema.type() == Schema.Type.ARRAY ? schema.elements() : schema;
    }
  }

  private static ObjectNode mergeObject(ObjectNode original, ObjectNode patch, Schema schema) {
    var directive = patch.get(DIRECTIVE);
    if (directive != null) {
      if (isText(directive, "replace")) {
        patch.remove(DIRECTIVE);
        return patch;
      }
      if (isText(directive, "delete")) {
        return JsonNodeFactory.instance.objectNode();
      }
      throw PatchFailures.unexpected("unknown patch type: " + GoValueText.formatVerbS(directive) + " in map: " + GoValueText.format(patch));
    }
    applyRetainKeys(original, patch);
    applySetElementOrders(original, patch, schema);

    for (var key : new ArrayList<>(fieldNames(patch))) {
      var value = patch.get(key);
      var deleteList = key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
      var field = deleteList ? listFieldOf(key, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST) : key;
      if (value.isNull()) {
        original.remove(field);
        continue;
      }
      var current = original.get(field);
      if (current == null || JsonValues.kind(current) != JsonValues.kind(value)) {
        if (!deleteList) {
          putPatchValue(original, field, value);
        }
        continue;
      }
      var meta = FieldMeta.of(schema, field);
      if (current instanceof ObjectNode currentObject) {
        original.set(field, meta.strategy().equals("replace") ? value : mergeObject(currentObject, (ObjectNode) value, meta.schema()));
      } else if (current.isArray()) {
        if (meta.merges() || deleteList) {
          original.set(field, toArray(mergeList(elements(current), elements(value), meta.elementSchema(), meta.mergeKey(), deleteList).items()));
        } else {
          original.set(field, value);
        }
      } else {
        original.set(field, value);
      }
    }
    return original;
  }

  /** {@code $retainKeys}: every field the patch sets must be listed; fields of the original not listed go. */
  private static void applyRetainKeys(ObjectNode original, ObjectNode patch) {
    var retain = patch.remove(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw PatchFailures.badRequest(BAD_RETAIN_KEYS);
    }
    var kept = new HashSet<String>();
    for (var k : retain) {
      if (k.isTextual()) {
        kept.add(k.textValue());
      }
    }
    for (var entry : patch.properties()) {
      var key = entry.getKey();
      if (entry.getValue().isNull() || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      if (!kept.contains(key)) {
        throw PatchFailures.badRequest(BAD_RETAIN_KEYS);
      }
    }
    original.retain(kept);
  }

  /** Merges each list named by a {@code $setElementOrder/<list>} directive and puts it in the requested order. */
  private static void applySetElementOrders(ObjectNode original, ObjectNode patch, Schema schema) {
    for (var key : new ArrayList<>(fieldNames(patch))) {
      if (!key.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      var order = patch.remove(key);
      if (!order.isArray()) {
        throw PatchFailures.unexpected(badArgType("[]interface {}", order));
      }
      var field = listFieldOf(key, SET_ELEMENT_ORDER, BAD_SET_ELEMENT_ORDER);
      var originalList = original.get(field);
      var patchList = patch.get(field);
      if (originalList != null && !originalList.isArray()) {
        throw PatchFailures.unexpected(badArgType("[]interface {}", originalList));
      }
      if (patchList != null && !patchList.isArray()) {
        throw PatchFailures.unexpected(badArgType("[]interface {}", patchList));
      }
      var meta = FieldMeta.of(schema, field);
      var mergeKey = meta.mergeKey();
      var orderItems = elements(order);
      var originalItems = originalList == null ? List.<JsonNode>of() : elements(originalList);
      var patchItems = patchList == null ? List.<JsonNode>of() : elements(patchList);
      checkPatchFollowsOrder(patchItems, orderItems, mergeKey, patchList, order);

      List<JsonNode> merged;
      var liveOrder = originalItems;
      if (originalList != null && patchList == null) {
        merged = originalItems;
      } else if (originalList == null && patchList != null) {
        merged = elements(removeDirectives(patchList));
      } else if (originalList != null) {
        if (meta.merges()) {
          var result = mergeList(originalItems, patchItems, meta.elementSchema(), mergeKey, false);
          merged = result.items();
          liveOrder = result.originalView();
        } else {
          merged = patchItems;
        }
      } else {
        continue;
      }
      var parts = partition(merged, orderItems, mergeKey);
      var kind = elementKind(List.of(liveOrder, patchItems));
      original.set(field, toArray(arrange(parts.inPatch(), parts.serverOnly(), orderItems, liveOrder, mergeKey, kind)));
      patch.remove(field);
    }
  }

  /** The patch's own elements must appear in {@code $setElementOrder} and in the same relative order. */
  private static void checkPatchFollowsOrder(List<JsonNode> patchItems, List<JsonNode> order, String mergeKey, JsonNode patchList, JsonNode orderList) {
    if (order.isEmpty() || patchItems.isEmpty()) {
      return;
    }
    var kept = new ArrayList<JsonNode>();
    for (var item : patchItems) {
      if (!mergeKey.isEmpty()) {
        if (!item.isObject()) {
          throw PatchFailures.unexpected(badArgType("map[string]interface {}", item));
        }
        if (isText(item.get(DIRECTIVE), "delete")) {
          continue;
        }
      }
      kept.add(item);
    }
    int p = 0;
    int o = 0;
    while (p < kept.size() && o < order.size()) {
      if (kept.get(p).isObject() && kept.get(p).has(DIRECTIVE)) {
        p++;
        continue;
      }
      if (mergeKeysEqual(kept.get(p), order.get(o), mergeKey)) {
        p++;
      }
      o++;
    }
    if (p < kept.size() && o >= order.size()) {
      throw PatchFailures.unexpected("The order in patch list:\n" + GoValueText.format(patchList) + "\n doesn't match "
          + SET_ELEMENT_ORDER + " list:\n" + GoValueText.format(orderList) + "\n");
    }
  }

  private static boolean mergeKeysEqual(JsonNode left, JsonNode right, String mergeKey) {
    if (mergeKey.isEmpty()) {
      return JsonValues.same(left, right);
    }
    for (var side : List.of(left, right)) {
      if (!side.isObject()) {
        throw PatchFailures.unexpected(badArgType("map[string]interface {}", side));
      }
      if (!side.has(mergeKey)) {
        throw PatchFailures.unexpected(noMergeKey(side, mergeKey));
      }
    }
    return JsonValues.same(left.get(mergeKey), right.get(mergeKey));
  }

  /**
   * A merged list, and the live list as upstream's later ordering step sees it: upstream deletes and appends
   * within the live list's own array, so that step orders by the live list overwritten with the deletions'
   * shifts and the first appended elements. Reproducing this keeps {@code $setElementOrder} results identical.
   */
  private record MergedList(List<JsonNode> items, List<JsonNode> originalView) {}

  /**
   * Merges the elements of a list with the {@code merge} strategy (or a {@code $deleteFromPrimitiveList}
   * list) and puts them in upstream's order.
   */
  private static MergedList mergeList(List<JsonNode> original, List<JsonNode> patch, Schema elementSchema, String mergeKey, boolean deleteList) {
    if (original.isEmpty() && patch.isEmpty()) {
      return new MergedList(original, original);
    }
    var kind = elementKind(List.of(original, patch));
    List<JsonNode> serverOrder;
    List<JsonNode> patchOrder;
    List<JsonNode> merged;
    List<JsonNode> view;
    if (kind != GoKind.MAP) {
      if (deleteList) {
        return new MergedList(original.stream().filter(item -> patch.stream().noneMatch(gone -> JsonValues.same(item, gone))).toList(), original);
      }
      serverOrder = original;
      patchOrder = patch;
      merged = distinct(concat(original, patch));
      view = original;
    } else {
      if (mergeKey.isEmpty()) {
        var name = elementSchema == null || elementSchema.name().isEmpty() ? "struct" : elementSchema.name();
        throw PatchFailures.unexpected("cannot merge lists without merge key for " + name);
      }
      var base = new ArrayList<>(original);
      var shared = new SharedArray(original);
      var plain = new ArrayList<JsonNode>();
      var replace = false;
      for (var item : patch) {
        var directive = item.get(DIRECTIVE);
        if (directive == null) {
          plain.add(item);
        } else if (isText(directive, "delete")) {
          if (!item.has(mergeKey)) {
            throw PatchFailures.unexpected(noMergeKey(item, mergeKey));
          }
          var gone = item.get(mergeKey);
          base.removeIf(e -> e.has(mergeKey) && JsonValues.same(e.get(mergeKey), gone));
          shared.removeAll(e -> e.has(mergeKey) && JsonValues.same(e.get(mergeKey), gone));
        } else if (isText(directive, "replace")) {
          // Keep scanning: the other directive elements are still validated and dropped.
          replace = true;
        } else if (isText(directive, "merge")) {
          throw PatchFailures.unexpected("merging lists cannot yet be specified in the patch");
        } else {
          throw PatchFailures.unexpected("unknown patch type: " + GoValueText.formatVerbS(directive) + " in map: " + GoValueText.format(item));
        }
      }
      if (replace) {
        base = plain;
        plain = new ArrayList<>();
        shared.detach();
      }
      serverOrder = List.copyOf(base);
      patchOrder = plain;
      for (var item : plain) {
        if (!item.has(mergeKey)) {
          throw PatchFailures.unexpected(noMergeKey(item, mergeKey));
        }
        var key = item.get(mergeKey);
        int at = -1;
        for (int i = 0; i < base.size(); i++) {
          if (base.get(i).has(mergeKey) && JsonValues.same(base.get(i).get(mergeKey), key)) {
            at = i;
            break;
          }
        }
        if (at >= 0) {
          var mergedItem = mergeObject((ObjectNode) base.get(at), (ObjectNode) item, elementSchema);
          base.set(at, mergedItem);
          shared.set(at, mergedItem);
        } else {
          // A new element: its nulls mean nothing (a typed decode drops them), so they are not stored.
          MergePatch.pruneNulls(item);
          base.add(item);
          shared.append(item);
        }
      }
      merged = base;
      view = shared.view();
    }
    var parts = partition(merged, patchOrder, mergeKey);
    return new MergedList(arrange(parts.inPatch(), parts.serverOnly(), patchOrder, serverOrder, mergeKey, kind), view);
  }

  /**
   * The live list's array as upstream's in-place edits leave it: removal shifts the tail left (leaving the
   * last slot stale), appends write into free slots until the array is full, then go elsewhere.
   */
  private static final class SharedArray {
    private final JsonNode[] slots;
    private int length;
    private boolean attached = true;

    SharedArray(List<JsonNode> items) {
      slots = items.toArray(new JsonNode[0]);
      length = slots.length;
    }

    void removeAll(Predicate<JsonNode> gone) {
      if (!attached) {
        return;
      }
      for (int i = 0; i < length; ) {
        if (gone.test(slots[i])) {
          System.arraycopy(slots, i + 1, slots, i, length - i - 1);
          length--;
        } else {
          i++;
        }
      }
    }

    void set(int index, JsonNode item) {
      if (attached && index < length) {
        slots[index] = item;
      }
    }

    void append(JsonNode item) {
      if (attached && length < slots.length) {
        slots[length++] = item;
      } else {
        attached = false;
      }
    }

    void detach() {
      attached = false;
    }

    List<JsonNode> view() {
      return List.of(slots);
    }
  }

  private record Partition(List<JsonNode> inPatch, List<JsonNode> serverOnly) {}

  /** Splits merged elements into those the patch (or order list) names and those only the server has. */
  private static Partition partition(List<JsonNode> merged, List<JsonNode> by, String mergeKey) {
    var inPatch = new ArrayList<JsonNode>();
    var serverOnly = new ArrayList<JsonNode>();
    for (var item : merged) {
      boolean found;
      if (mergeKey.isEmpty()) {
        found = by.stream().anyMatch(b -> JsonValues.same(b, item));
      } else {
        if (!item.isObject()) {
          throw PatchFailures.unexpected(badArgType("map[string]interface {}", item));
        }
        if (!item.has(mergeKey)) {
          throw PatchFailures.unexpected(noMergeKey(item, mergeKey));
        }
        found = false;
        for (int i = 0; i < by.size(); i++) {
          var candidate = by.get(i);
          if (!candidate.isObject()) {
            throw PatchFailures.unexpected("value for key " + i + " is not a map");
          }
          if (candidate.has(mergeKey) && JsonValues.same(candidate.get(mergeKey), item.get(mergeKey))) {
            found = true;
            break;
          }
        }
      }
      (found ? inPatch : serverOnly).add(item);
    }
    return new Partition(inPatch, serverOnly);
  }

  /**
   * Upstream's element order: patch elements in the patch's (or {@code $setElementOrder}'s) order, server-only
   * elements in the server's order, the two interleaved so that a server-only element comes before a patch
   * element only when both are in the server list and it came first there.
   */
  private static List<JsonNode> arrange(List<JsonNode> inPatch, List<JsonNode> serverOnly, List<JsonNode> patchOrder,
      List<JsonNode> serverOrder, String mergeKey, GoKind kind) {
    Function<JsonNode, JsonNode> identity = item -> kind == GoKind.MAP ? item.get(mergeKey) : item;
    if (kind == GoKind.MAP) {
      requireMergeKey(mergeKey, inPatch, patchOrder, serverOnly, serverOrder);
    }
    var patchSorted = sortedBy(inPatch, patchOrder, identity);
    var serverSorted = sortedBy(serverOnly, serverOrder, identity);
    var result = new ArrayList<JsonNode>(patchSorted.size() + serverSorted.size());
    int s = 0;
    int p = 0;
    while (s < serverSorted.size() || p < patchSorted.size()) {
      if (s >= serverSorted.size()) {
        result.add(patchSorted.get(p++));
      } else if (p >= patchSorted.size()) {
        result.add(serverSorted.get(s++));
      } else {
        int serverAt = position(serverOrder, serverSorted.get(s), identity);
        int patchAt = position(serverOrder, patchSorted.get(p), identity);
        if (serverAt >= 0 && patchAt >= 0 && serverAt < patchAt) {
          result.add(serverSorted.get(s++));
        } else {
          result.add(patchSorted.get(p++));
        }
      }
    }
    return result;
  }

  @SafeVarargs
  private static void requireMergeKey(String mergeKey, List<JsonNode>... lists) {
    for (var list : lists) {
      for (var item : list) {
        if (!item.isObject()) {
          throw PatchFailures.unexpected(badArgType("map[string]interface {}", item));
        }
        if (!item.has(mergeKey)) {
          throw PatchFailures.unexpected(noMergeKey(item, mergeKey));
        }
      }
    }
  }

  private static List<JsonNode> sortedBy(List<JsonNode> items, List<JsonNode> order, Function<JsonNode, JsonNode> identity) {
    var sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparingInt(item -> {
      int at = position(order, item, identity);
      return at < 0 ? Integer.MAX_VALUE : at;
    }));
    return sorted;
  }

  private static int position(List<JsonNode> list, JsonNode item, Function<JsonNode, JsonNode> identity) {
    var wanted = identity.apply(item);
    for (int i = 0; i < list.size(); i++) {
      if (JsonValues.same(identity.apply(list.get(i)), wanted)) {
        return i;
      }
    }
    return -1;
  }

  /** The common Go type of all elements; upstream refuses lists of lists and mixed lists. */
  private static GoKind elementKind(List<List<JsonNode>> lists) {
    GoKind kind = null;
    for (var list : lists) {
      for (var item : list) {
        var k = JsonValues.kind(item);
        if (kind == null) {
          if (k == GoKind.SLICE) {
            throw PatchFailures.rejected(LISTS_OF_LISTS);
          }
          kind = k;
        } else if (kind != k) {
          throw PatchFailures.unexpected("list element types are not identical: " + GoValueText.formatLists(lists));
        }
      }
    }
    if (kind == null) {
      throw PatchFailures.unexpected("no elements in any of the given slices");
    }
    return kind;
  }

  /** Sets a field the original lacks (or holds with another type) to the patch value, minus nulls and directives. */
  private static void putPatchValue(ObjectNode original, String field, JsonNode value) {
    MergePatch.pruneNulls(value);
    var cleaned = removeDirectives(value);
    if (cleaned == null) {
      original.remove(field);
    } else {
      original.set(field, cleaned);
    }
  }

  /** Drops every object carrying {@code $patch} (null if the value itself is one). */
  private static JsonNode removeDirectives(JsonNode value) {
    if (value instanceof ObjectNode object) {
      if (object.has(DIRECTIVE)) {
        return null;
      }
      for (var key : new ArrayList<>(fieldNames(object))) {
        var cleaned = removeDirectives(object.get(key));
        if (cleaned == null) {
          object.remove(key);
        } else {
          object.set(key, cleaned);
        }
      }
      return object;
    }
    if (value instanceof ArrayNode array) {
      var result = JsonNodeFactory.instance.arrayNode();
      for (var element : array) {
        var cleaned = removeDirectives(element);
        if (cleaned != null) {
          result.add(cleaned);
        }
      }
      return result;
    }
    return value;
  }

  /** Removes directive keys that remain inside values taken whole from the patch. */
  private static void dropDirectiveKeys(JsonNode value) {
    if (value instanceof ObjectNode object) {
      object.properties().removeIf(e -> isDirectiveKey(e.getKey()));
      for (var entry : object.properties()) {
        dropDirectiveKeys(entry.getValue());
      }
    } else if (value instanceof ArrayNode array) {
      for (var element : array) {
        dropDirectiveKeys(element);
      }
    }
  }

  private static boolean isDirectiveKey(String key) {
    return key.equals(DIRECTIVE) || key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER) || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
  }

  /** The list field a {@code <prefix>/<field>} directive key names. */
  private static String listFieldOf(String key, String prefix, String badFormat) {
    int slash = key.indexOf('/');
    if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
      throw PatchFailures.badRequest(badFormat);
    }
    return key.substring(slash + 1);
  }

  private static String noMergeKey(JsonNode item, String mergeKey) {
    return "map: " + GoValueText.format(item) + " does not contain declared merge key: " + mergeKey;
  }

  private static String badArgType(String expected, JsonNode actual) {
    return "expected a " + expected + ", but received a " + GoValueText.typeName(actual);
  }

  private static boolean isText(JsonNode node, String text) {
    return node != null && node.isTextual() && node.textValue().equals(text);
  }

  private static List<String> fieldNames(ObjectNode object) {
    var names = new ArrayList<String>(object.size());
    for (var entry : object.properties()) {
      names.add(entry.getKey());
    }
    return names;
  }

  private static List<JsonNode> elements(JsonNode array) {
    var list = new ArrayList<JsonNode>(array.size());
    array.forEach(list::add);
    return list;
  }

  private static ArrayNode toArray(List<JsonNode> items) {
    var array = JsonNodeFactory.instance.arrayNode(items.size());
    items.forEach(array::add);
    return array;
  }

  private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
    var all = new ArrayList<JsonNode>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  private static List<JsonNode> distinct(List<JsonNode> items) {
    var result = new ArrayList<JsonNode>();
    for (var item : items) {
      if (result.stream().noneMatch(r -> JsonValues.same(r, item))) {
        result.add(item);
      }
    }
    return result;
  }
}
