package io.kube4j.machinery.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kube4j.api.schema.Schema;
import io.kube4j.machinery.apply.TypeRef.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The typed operations of structured-merge-diff on Jackson trees: the field set of a value, the
 * comparison of two values, the merge of an applied configuration into a live object and the removal of
 * a set of fields. Values are never modified; results are fresh trees. A Java {@code null} stands for an
 * absent value, a {@code NullNode} for an explicit JSON null.
 */
final class StructuredMerge {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Defaults of list-map key fields that upstream's schemas declare (every {@code protocol} key defaults to TCP). */
  private static final Map<String, JsonNode> KEY_DEFAULTS = Map.of("protocol", NODES.textNode("TCP"));

  private StructuredMerge() {}

  /** A value that does not fit its schema (an associative list element without keys, duplicate keys...). */
  static final class TypeError extends RuntimeException {
    TypeError(String message) {
      super(message);
    }
  }

  /** The result of comparing two values: the paths added, modified (leaves only) and removed by the right-hand side. */
  record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
    boolean isSame() {
      return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }

    Comparison filter(FieldSet ignored) {
      return new Comparison(added.recursiveDifference(ignored), modified.recursiveDifference(ignored),
          removed.recursiveDifference(ignored));
    }
  }

  // ---------------------------------------------------------------- list element identity

  static PathElement elementOf(JsonNode item, TypeRef list, Kind kind) {
    if (kind == Kind.ASSOCIATIVE) {
      var keys = list.keys();
      if (keys.isEmpty()) {
        return setElement(item);
      }
      if (item == null || item.isNull()) {
        throw new TypeError("associative list with keys may not have a null element");
      }
      if (!item.isObject()) {
        throw new TypeError("associative list with keys may not have non-map elements");
      }
      var fields = new TreeMap<String, JsonNode>();
      for (var k : keys) {
        var v = item.get(k);
        if (v != null) {
          fields.put(k, v);
        } else if (KEY_DEFAULTS.containsKey(k) && list.element().declares(k)) {
          fields.put(k, KEY_DEFAULTS.get(k));
        } else {
          // Kubernetes 1.32 (structured-merge-diff v4) requires every key; optional keys came later.
          throw new TypeError("associative list with keys has an element that omits key field "
              + JsonValues.goString(NODES.textNode(k)) + " (and doesn't have default value)");
        }
      }
      return new PathElement.Key(fields);
    }
    return setElement(item);
  }

  private static PathElement setElement(JsonNode item) {
    if (item == null || item.isNull()) {
      throw new TypeError("associative list without keys has an element that's an explicit null");
    }
    if (item.isObject()) {
      throw new TypeError("associative list without keys has an element that's a map type");
    }
    if (item.isArray()) {
      throw new TypeError("not supported: associative list with lists as elements");
    }
    return new PathElement.Value(item);
  }

  private static boolean isList(Kind k) {
    return k == Kind.SET || k == Kind.ASSOCIATIVE;
  }

  private static boolean isMap(Kind k) {
    return k == Kind.STRUCT || k == Kind.MAP;
  }

  // ---------------------------------------------------------------- validation

  /**
   * Checks what upstream checks when it types an applied configuration: objects hold only declared fields,
   * every element of an associative list has its keys and no two elements share them. (Scalar types are
   * left to validation, since schemas here may not mark every int-or-string or quantity as such.)
   *
   * @return the errors, upstream-formatted ({@code .spec.x: element 0: ...}), empty if none
   */
  static List<String> validate(JsonNode v, TypeRef t) {
    var errors = new ArrayList<String>();
    validate(v, t, new FieldPath(List.of()), errors);
    return errors;
  }

  private static void validate(JsonNode v, TypeRef t, FieldPath path, List<String> errors) {
    if (v == null) {
      return;
    }
    var kind = t.kind(v);
    if (isMap(kind) && v.isObject()) {
      for (var e : v.properties()) {
        var child = path.child(new PathElement.Field(e.getKey()));
        if (kind == Kind.STRUCT && !t.schema().properties().isEmpty() && !t.declares(e.getKey())) {
          errors.add(child + ": field not declared in schema");
          continue;
        }
        validate(e.getValue(), t.field(e.getKey()), child, errors);
      }
    } else if (isList(kind) && v.isArray()) {
      var seen = new HashMap<PathElement, Integer>();
      for (int i = 0; i < v.size(); i++) {
        PathElement pe;
        try {
          pe = elementOf(v.get(i), t, kind);
        } catch (TypeError e) {
          errors.add(path + ": element " + i + ": " + e.getMessage());
          continue;
        }
        if (seen.putIfAbsent(pe, i) != null) {
          errors.add(path + ": duplicate entries for key " + pe.display());
          continue;
        }
        validate(v.get(i), t.element(), path.child(pe), errors);
      }
    }
  }

  // ---------------------------------------------------------------- field sets

  /** The set of fields a value sets: its leaves, atomic values, list elements, map entries and empty/null fields. */
  static FieldSet toFieldSet(JsonNode v, TypeRef t) {
    var root = new FieldSet.Builder();
    toFieldSet(v, t, root, null, null);
    return root.build();
  }

  /**
   * Adds the fields of {@code v}, found at element {@code self} of {@code parent} (both null at the root),
   * to {@code node}, the builder of the paths below it.
   */
  private static void toFieldSet(JsonNode v, TypeRef t, FieldSet.Builder node, FieldSet.Builder parent, PathElement self) {
    var kind = t.kind(v);
    switch (kind) {
      case LEAF, ATOMIC -> {
        if (parent != null) {
          parent.member(self);
        }
      }
      case STRUCT, MAP -> {
        if (v == null || !v.isObject()) {
          return;
        }
        for (var e : v.properties()) {
          var pe = new PathElement.Field(e.getKey());
          var cv = e.getValue();
          toFieldSet(cv, t.field(e.getKey()), node.child(pe), node, pe);
          if (cv.isNull() || (cv.isObject() && cv.isEmpty()) || !t.declares(e.getKey())) {
            node.member(pe);
          }
        }
      }
      case SET, ASSOCIATIVE -> {
        if (v == null || !v.isArray()) {
          return;
        }
        var counts = new HashMap<PathElement, Integer>();
        var pes = new ArrayList<PathElement>(v.size());
        for (var item : v) {
          PathElement pe;
          try {
            pe = elementOf(item, t, kind);
          } catch (TypeError e) {
            pe = null;
          }
          pes.add(pe);
          if (pe != null && counts.merge(pe, 1, Integer::sum) == 2) {
            node.member(pe);
          }
        }
        var element = t.element();
        for (int i = 0; i < v.size(); i++) {
          var pe = pes.get(i);
          if (pe == null || counts.get(pe) > 1) {
            continue;
          }
          toFieldSet(v.get(i), element, node.child(pe), node, pe);
          node.member(pe);
        }
      }
    }
  }

  /** Adds, as members, every declared struct field that has members below it (upstream's EnsureNamedFieldsAreMembers). */
  static FieldSet withNamedFieldsAsMembers(FieldSet s, TypeRef t) {
    var b = new FieldSet.Builder();
    addNamed(s, t, new FieldPath(List.of()), b);
    return b.build();
  }

  private static void addNamed(FieldSet s, TypeRef t, FieldPath prefix, FieldSet.Builder b) {
    for (var m : s.members()) {
      b.insert(prefix.child(m));
    }
    s.children().forEach((pe, c) -> {
      if (pe instanceof PathElement.Field f && t.declares(f.name())) {
        b.insert(prefix.child(pe));
      }
      addNamed(c, t.child(pe), prefix.child(pe), b);
    });
  }

  // ---------------------------------------------------------------- compare

  static Comparison compare(JsonNode lhs, JsonNode rhs, TypeRef t) {
    var added = new FieldSet.Builder();
    var modified = new FieldSet.Builder();
    var removed = new FieldSet.Builder();
    new Comparer(added, modified, removed).compare(lhs, rhs, t, new FieldPath(List.of()));
    return new Comparison(added.build(), modified.build(), removed.build());
  }

  private record Comparer(FieldSet.Builder added, FieldSet.Builder modified, FieldSet.Builder removed) {

    void compare(JsonNode l, JsonNode r, TypeRef t, FieldPath path) {
      compareValues(l, r, t, path);
    }

    private JsonNode side(JsonNode parent, String key, TypeRef t, boolean root) {
      if (parent == null || !parent.isObject()) {
        return null;
      }
      var v = parent.get(key);
      if (v != null || t.schema() == null || t.schema().type() != Schema.Type.OBJECT) {
        return v;
      }
      return t.schema().property(key).map(p -> GoZeroValues.implicitValue(t, p, root)).orElse(null);
    }

    private void compareValues(JsonNode l, JsonNode r, TypeRef t, FieldPath path) {
      var kl = l == null ? null : t.kind(l);
      var kr = r == null ? null : t.kind(r);
      var kind = kr == null ? kl : kr;
      if (kl != null && kr != null && kl != kr) {
        leaf(l, r, path);
        return;
      }
      boolean inLeaf = switch (kind) {
        case LEAF, ATOMIC -> {
          leaf(l, r, path);
          yield true;
        }
        case STRUCT, MAP -> {
          if (JsonValues.isEmptyContainer(l) && JsonValues.isEmptyContainer(r) || notObject(l) && notObject(r)) {
            leaf(l, r, path);
            yield true;
          }
          var keys = new LinkedHashSet<String>();
          if (l != null && l.isObject()) {
            l.fieldNames().forEachRemaining(keys::add);
          }
          if (r != null && r.isObject()) {
            r.fieldNames().forEachRemaining(keys::add);
          }
          for (var k : keys) {
            compare(side(l, k, t, path.isEmpty()), side(r, k, t, path.isEmpty()), t.field(k), path.child(new PathElement.Field(k)));
          }
          if (kind == Kind.STRUCT && t.schema() != null) {
            // Fields a Go-typed object always carries: compared as upstream sees them, not as absent.
            for (var p : t.schema().properties().values()) {
              if (keys.contains(p.name())) {
                continue;
              }
              var zero = GoZeroValues.implicitValue(t, p, path.isEmpty());
              if (zero != null) {
                compare(l != null && l.isObject() ? zero : null, r != null && r.isObject() ? zero : null, t.field(p.name()),
                    path.child(new PathElement.Field(p.name())));
              }
            }
          }
          yield false;
        }
        case SET, ASSOCIATIVE -> {
          if (JsonValues.isEmptyContainer(l) && JsonValues.isEmptyContainer(r) || notArray(l) && notArray(r)) {
            leaf(l, r, path);
            yield true;
          }
          items(l != null && l.isArray() ? l : null, r != null && r.isArray() ? r : null, t, kind, path);
          yield false;
        }
      };
      if (!inLeaf && !path.isEmpty()) {
        if (l == null) {
          added.insert(path);
        } else if (r == null) {
          removed.insert(path);
        }
      }
    }

    private static boolean notObject(JsonNode n) {
      return n == null || !n.isObject();
    }

    private static boolean notArray(JsonNode n) {
      return n == null || !n.isArray();
    }

    private void leaf(JsonNode l, JsonNode r, FieldPath path) {
      if (path.isEmpty()) {
        return;
      }
      if (l == null) {
        added.insert(path);
      } else if (r == null) {
        removed.insert(path);
      } else if (!JsonValues.equal(l, r)) {
        modified.insert(path);
      }
    }

    private void items(JsonNode l, JsonNode r, TypeRef t, Kind kind, FieldPath path) {
      var lv = index(l, t, kind);
      var rv = index(r, t, kind);
      var all = new LinkedHashSet<PathElement>(lv.keySet());
      all.addAll(rv.keySet());
      for (var pe : all) {
        var ll = lv.getOrDefault(pe, List.of());
        var rl = rv.getOrDefault(pe, List.of());
        var child = path.child(pe);
        if (ll.size() <= 1 && rl.size() <= 1) {
          compare(ll.isEmpty() ? null : ll.getFirst(), rl.isEmpty() ? null : rl.getFirst(), t.element(), child);
        } else if (ll.size() >= 2 && rl.size() >= 2) {
          boolean same = ll.size() == rl.size();
          for (int i = 0; same && i < ll.size(); i++) {
            same = JsonValues.equal(ll.get(i), rl.get(i));
          }
          if (!same) {
            modified.insert(child);
          }
        } else if (ll.size() >= 2) {
          if (!rl.isEmpty()) {
            compare(null, rl.getFirst(), t.element(), child);
          }
          removed.insert(child);
        } else {
          if (!ll.isEmpty()) {
            compare(ll.getFirst(), null, t.element(), child);
          }
          added.insert(child);
        }
      }
    }

    private static Map<PathElement, List<JsonNode>> index(JsonNode list, TypeRef t, Kind kind) {
      var m = new LinkedHashMap<PathElement, List<JsonNode>>();
      if (list != null) {
        for (var item : list) {
          m.computeIfAbsent(elementOf(item, t, kind), k -> new ArrayList<>()).add(item);
        }
      }
      return m;
    }
  }

  // ---------------------------------------------------------------- merge

  /** Merges {@code rhs} (an applied configuration) into {@code lhs} (the live object); either may be null. */
  static JsonNode merge(JsonNode l, JsonNode r, TypeRef t) {
    if (r == null) {
      return l == null ? null : l.deepCopy();
    }
    if (l == null) {
      return r.deepCopy();
    }
    var kl = t.kind(l);
    var kr = t.kind(r);
    if (kl != kr) {
      return r.deepCopy();
    }
    return switch (kr) {
      case LEAF, ATOMIC -> r.deepCopy();
      case STRUCT, MAP -> {
        if (!l.isObject() || !r.isObject() || (l.isEmpty() && r.isEmpty())) {
          yield r.deepCopy();
        }
        ObjectNode out = NODES.objectNode();
        var keys = new LinkedHashSet<String>();
        l.fieldNames().forEachRemaining(keys::add);
        r.fieldNames().forEachRemaining(keys::add);
        for (var k : keys) {
          var m = merge(l.get(k), r.get(k), t.field(k));
          if (m != null) {
            out.set(k, m);
          }
        }
        yield out;
      }
      case SET, ASSOCIATIVE -> {
        if (!l.isArray() || !r.isArray() || (l.isEmpty() && r.isEmpty())) {
          yield r.deepCopy();
        }
        yield mergeList(l, r, t, kr);
      }
    };
  }

  /**
   * Merges two associative lists keeping the applied order for elements both have and placing elements
   * only the live list has next to the element they followed, as upstream does.
   */
  private static JsonNode mergeList(JsonNode l, JsonNode r, TypeRef t, Kind kind) {
    var lpes = new ArrayList<PathElement>();
    var lvals = new HashMap<PathElement, JsonNode>();
    var ldup = new LinkedHashSet<PathElement>();
    for (var item : l) {
      var pe = elementOf(item, t, kind);
      if (lvals.containsKey(pe)) {
        ldup.add(pe);
      } else {
        lvals.put(pe, item);
      }
      lpes.add(pe);
    }
    var rpes = new ArrayList<PathElement>();
    var rvals = new HashMap<PathElement, JsonNode>();
    for (var item : r) {
      var pe = elementOf(item, t, kind);
      if (rvals.putIfAbsent(pe, item) != null) {
        throw new TypeError("duplicate entries for key " + pe.display());
      }
      rpes.add(pe);
    }
    // The order in which elements present on both sides appear in the applied list.
    var shared = new ArrayList<PathElement>();
    for (var pe : rpes) {
      if (lvals.containsKey(pe)) {
        shared.add(pe);
      }
    }
    int nextShared = 0;
    var done = new HashSet<PathElement>();
    ArrayNode out = NODES.arrayNode();
    int li = 0;
    int ri = 0;
    while (li < lpes.size() || ri < rpes.size()) {
      if (li < lpes.size() && ri < rpes.size()) {
        var pe = lpes.get(li);
        if (pe.equals(rpes.get(ri))) {
          done.add(pe);
          addMerged(out, ldup.contains(pe) ? NODES.nullNode() : lvals.get(pe), rvals.get(pe), t);
          li++;
          ri++;
          if (nextShared < shared.size() && shared.get(nextShared).equals(pe)) {
            nextShared++;
          }
          continue;
        }
        // A live element the applied list moved further down: it is emitted when the applied list reaches it.
        if (rvals.containsKey(pe) && nextShared < shared.size() && !shared.get(nextShared).equals(pe)) {
          li++;
          continue;
        }
      }
      if (li < lpes.size()) {
        var pe = lpes.get(li);
        if (!rvals.containsKey(pe)) {
          addMerged(out, l.get(li), null, t);
          li++;
          continue;
        } else if (done.contains(pe)) {
          li++;
        }
      }
      if (ri < rpes.size()) {
        var pe = rpes.get(ri);
        done.add(pe);
        addMerged(out, lvals.containsKey(pe) ? (ldup.contains(pe) ? NODES.nullNode() : lvals.get(pe)) : null, rvals.get(pe), t);
        ri++;
        if (nextShared < shared.size() && shared.get(nextShared).equals(pe)) {
          nextShared++;
        }
      }
    }
    return out;
  }

  private static void addMerged(ArrayNode out, JsonNode l, JsonNode r, TypeRef t) {
    var m = merge(l, r, t.element());
    if (m != null) {
      out.add(m);
    }
  }

  // ---------------------------------------------------------------- remove

  /** {@code v} without the fields, list elements and map entries of {@code toRemove}; null if nothing is left. */
  static JsonNode removeItems(JsonNode v, FieldSet toRemove, TypeRef t) {
    if (v == null) {
      return null;
    }
    if (toRemove.isEmpty()) {
      return v.deepCopy();
    }
    var kind = t.kind(v);
    return switch (kind) {
      case LEAF -> v.deepCopy();
      case ATOMIC -> null;
      case STRUCT, MAP -> {
        if (!v.isObject() || v.isEmpty()) {
          yield null;
        }
        ObjectNode out = NODES.objectNode();
        for (var e : v.properties()) {
          var pe = new PathElement.Field(e.getKey());
          if (toRemove.members().contains(pe)) {
            continue;
          }
          var sub = toRemove.child(pe);
          if (sub.isEmpty()) {
            out.set(e.getKey(), e.getValue().deepCopy());
          } else {
            var r = removeItems(e.getValue(), sub, t.field(e.getKey()));
            if (r != null) {
              out.set(e.getKey(), r);
            }
          }
        }
        yield out.isEmpty() ? null : out;
      }
      case SET, ASSOCIATIVE -> {
        if (!v.isArray() || v.isEmpty()) {
          yield null;
        }
        ArrayNode out = NODES.arrayNode();
        for (var item : v) {
          PathElement pe;
          try {
            pe = elementOf(item, t, kind);
          } catch (TypeError e) {
            out.add(item.deepCopy());
            continue;
          }
          if (toRemove.members().contains(pe)) {
            continue;
          }
          var sub = toRemove.child(pe);
          if (sub.isEmpty()) {
            out.add(item.deepCopy());
          } else {
            var r = removeItems(item, sub, t.element());
            if (r != null) {
              out.add(r);
            }
          }
        }
        yield out.isEmpty() ? null : out;
      }
    };
  }
}
