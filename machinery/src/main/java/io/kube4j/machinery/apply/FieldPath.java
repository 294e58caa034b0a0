package io.kube4j.machinery.apply;

import java.util.ArrayList;
import java.util.List;

/**
 * A path from the root of an object to one field, list element or map entry. Its string form is
 * upstream's ({@code .spec.template.spec.containers[name="nginx"].image}), used in conflict messages.
 */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {

  public FieldPath {
    elements = List.copyOf(elements);
  }

  public static FieldPath of(PathElement... elements) {
    return new FieldPath(List.of(elements));
  }

  /** A path of field names only, e.g. {@code fields("spec", "replicas")}. */
  public static FieldPath fields(String... names) {
    var l = new ArrayList<PathElement>();
    for (var n : names) {
      l.add(new PathElement.Field(n));
    }
    return new FieldPath(l);
  }

  public FieldPath child(PathElement e) {
    var l = new ArrayList<>(elements);
    l.add(e);
    return new FieldPath(l);
  }

  public boolean isEmpty() {
    return elements.isEmpty();
  }

  @Override
  public int compareTo(FieldPath o) {
    for (int i = 0; i < Math.min(elements.size(), o.elements.size()); i++) {
      int c = elements.get(i).compareTo(o.elements.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(elements.size(), o.elements.size());
  }

  @Override
  public String toString() {
    var sb = new StringBuilder();
    elements.forEach(e -> sb.append(e.display()));
    return sb.toString();
  }
}
