package io.kube4j.machinery.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * An immutable set of field paths, the unit of ownership in {@code managedFields}. A path is either a
 * member (owned itself) or only the prefix of members (a child set). Encodes to and decodes from the
 * {@code FieldsV1} JSON exactly as upstream: {@code {"f:metadata":{"f:labels":{".":{},"f:app":{}}}}},
 * where {@code "."} marks a path that is a member and also has members below it.
 */
public final class FieldSet {

  private static final FieldSet EMPTY = new FieldSet(new TreeSet<>(), new TreeMap<>());

  private final NavigableSet<PathElement> members;
  private final SortedMap<PathElement, FieldSet> children;

  private FieldSet(TreeSet<PathElement> members, TreeMap<PathElement, FieldSet> children) {
    this.members = Collections.unmodifiableNavigableSet(members);
    this.children = Collections.unmodifiableSortedMap(children);
  }

  public static FieldSet empty() {
    return EMPTY;
  }

  public static FieldSet of(FieldPath... paths) {
    var b = new Builder();
    for (var p : paths) {
      b.insert(p);
    }
    return b.build();
  }

  public static FieldSet of(List<FieldPath> paths) {
    var b = new Builder();
    paths.forEach(b::insert);
    return b.build();
  }

  /** Collects paths; a builder is used once. */
  public static final class Builder {
    private final TreeSet<PathElement> members = new TreeSet<>();
    private final TreeMap<PathElement, Builder> children = new TreeMap<>();

    public Builder insert(FieldPath path) {
      if (path.isEmpty()) {
        return this;
      }
      var b = this;
      var els = path.elements();
      for (int i = 0; i < els.size() - 1; i++) {
        b = b.children.computeIfAbsent(els.get(i), k -> new Builder());
      }
      b.members.add(els.getLast());
      return this;
    }

    Builder child(PathElement e) {
      return children.computeIfAbsent(e, k -> new Builder());
    }

    void member(PathElement e) {
      members.add(e);
    }

    public FieldSet build() {
      var c = new TreeMap<PathElement, FieldSet>();
      children.forEach((k, v) -> {
        var s = v.build();
        if (!s.isEmpty()) {
          c.put(k, s);
        }
      });
      if (members.isEmpty() && c.isEmpty()) {
        return EMPTY;
      }
      return new FieldSet(new TreeSet<>(members), c);
    }
  }

  public boolean isEmpty() {
    return members.isEmpty() && children.isEmpty();
  }

  /** Elements that are members at this level. */
  public NavigableSet<PathElement> members() {
    return members;
  }

  /** Sets below elements at this level. */
  public SortedMap<PathElement, FieldSet> children() {
    return children;
  }

  /** The part of this set below {@code e}, as a set relative to {@code e}. */
  public FieldSet child(PathElement e) {
    return children.getOrDefault(e, EMPTY);
  }

  public boolean has(FieldPath path) {
    if (path.isEmpty()) {
      return false;
    }
    var s = this;
    var els = path.elements();
    for (int i = 0; i < els.size() - 1; i++) {
      s = s.children.get(els.get(i));
      if (s == null) {
        return false;
      }
    }
    return s.members.contains(els.getLast());
  }

  /** Every member path, in upstream's iteration order (a member before the paths below it). */
  public List<FieldPath> paths() {
    var out = new ArrayList<FieldPath>();
    collect(new FieldPath(List.of()), out);
    return out;
  }

  private void collect(FieldPath prefix, List<FieldPath> out) {
    var all = new TreeSet<PathElement>(members);
    all.addAll(children.keySet());
    for (var e : all) {
      if (members.contains(e)) {
        out.add(prefix.child(e));
      }
      var c = children.get(e);
      if (c != null) {
        c.collect(prefix.child(e), out);
      }
    }
  }

  public int size() {
    int n = members.size();
    for (var c : children.values()) {
      n += c.size();
    }
    return n;
  }

  public FieldSet union(FieldSet o) {
    if (o.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return o;
    }
    var m = new TreeSet<>(members);
    m.addAll(o.members);
    var c = new TreeMap<>(children);
    o.children.forEach((k, v) -> c.merge(k, v, FieldSet::union));
    return new FieldSet(m, c);
  }

  public FieldSet intersection(FieldSet o) {
    var m = new TreeSet<PathElement>();
    for (var e : members) {
      if (o.members.contains(e)) {
        m.add(e);
      }
    }
    return combineChildren(o, m, (a, b) -> b == null ? EMPTY : a.intersection(b));
  }

  public FieldSet difference(FieldSet o) {
    if (o.isEmpty()) {
      return this;
    }
    var m = new TreeSet<PathElement>();
    for (var e : members) {
      if (!o.members.contains(e)) {
        m.add(e);
      }
    }
    return combineChildren(o, m, (a, b) -> b == null ? a : a.difference(b));
  }

  /** The paths of this set that are neither in {@code o} nor below a member of {@code o}. */
  public FieldSet recursiveDifference(FieldSet o) {
    if (o.isEmpty()) {
      return this;
    }
    var m = new TreeSet<PathElement>();
    for (var e : members) {
      if (!o.members.contains(e)) {
        m.add(e);
      }
    }
    var c = new TreeMap<PathElement, FieldSet>();
    children.forEach((k, v) -> {
      if (o.members.contains(k)) {
        return;
      }
      var oc = o.children.get(k);
      var d = oc == null ? v : v.recursiveDifference(oc);
      if (!d.isEmpty()) {
        c.put(k, d);
      }
    });
    return m.isEmpty() && c.isEmpty() ? EMPTY : new FieldSet(m, c);
  }

  private FieldSet combineChildren(FieldSet o, TreeSet<PathElement> m, BiFunction<FieldSet, FieldSet, FieldSet> f) {
    var c = new TreeMap<PathElement, FieldSet>();
    children.forEach((k, v) -> {
      var r = f.apply(v, o.children.get(k));
      if (!r.isEmpty()) {
        c.put(k, r);
      }
    });
    return m.isEmpty() && c.isEmpty() ? EMPTY : new FieldSet(m, c);
  }

  /** The {@code FieldsV1} object for this set. */
  public ObjectNode toFieldsV1() {
    var o = JsonNodeFactory.instance.objectNode();
    emit(o, false);
    return o;
  }

  private void emit(ObjectNode o, boolean includeSelf) {
    if (includeSelf && !isEmpty()) {
      o.putObject(".");
    }
    var all = new TreeSet<PathElement>(members);
    all.addAll(children.keySet());
    for (var e : all) {
      var c = children.get(e);
      var n = o.putObject(e.serialize());
      if (c != null) {
        c.emit(n, members.contains(e));
      }
    }
  }

  /** The compact JSON text of {@link #toFieldsV1()}, byte-identical to upstream's. */
  public String toFieldsV1Json() {
    var sb = new StringBuilder();
    appendJson(sb, false);
    return sb.toString();
  }

  private void appendJson(StringBuilder sb, boolean includeSelf) {
    sb.append('{');
    boolean first = true;
    if (includeSelf && !isEmpty()) {
      sb.append("\".\":{}");
      first = false;
    }
    var all = new TreeSet<PathElement>(members);
    all.addAll(children.keySet());
    for (var e : all) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      JsonValues.appendGoJsonString(sb, e.serialize());
      sb.append(':');
      var c = children.get(e);
      if (c == null) {
        sb.append("{}");
      } else {
        c.appendJson(sb, members.contains(e));
      }
    }
    sb.append('}');
  }

  /**
   * Reads a {@code FieldsV1} object.
   *
   * @throws IllegalArgumentException if it is not a valid encoding
   */
  public static FieldSet fromFieldsV1(JsonNode json) {
    if (json == null || json.isNull()) {
      return EMPTY;
    }
    if (!json.isObject()) {
      throw new IllegalArgumentException("FieldsV1 must be a JSON object");
    }
    var b = new Builder();
    read(json, b);
    return b.build();
  }

  private static void read(JsonNode json, Builder b) {
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      if (e.getKey().equals(".")) {
        continue;
      }
      var pe = PathElement.parse(e.getKey());
      var v = e.getValue();
      if (!v.isObject()) {
        throw new IllegalArgumentException("FieldsV1 entry " + e.getKey() + " must be a JSON object");
      }
      if (v.isEmpty() || v.has(".")) {
        b.member(pe);
      }
      if (!v.isEmpty()) {
        read(v, b.child(pe));
      }
    }
  }

  /** Parses FieldsV1 JSON text. */
  public static FieldSet fromFieldsV1Json(String json) {
    return fromFieldsV1(JsonValues.parseSingle(json));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet s && members.equals(s.members) && children.equals(s.children);
  }

  @Override
  public int hashCode() {
    return members.hashCode() * 31 + children.hashCode();
  }

  @Override
  public String toString() {
    var sb = new StringBuilder();
    for (var p : paths()) {
      sb.append(p).append('\n');
    }
    return sb.toString();
  }
}
