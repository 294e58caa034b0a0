package io.kube4j.api.validation;

/**
 * A path to a field inside an object, rendered the way upstream's {@code field.Path} renders it:
 * {@code spec.containers[0].env[1].name}, {@code metadata.labels[app]}.
 */
public record FieldPath(String value) {

  public static FieldPath root(String name) {
    return new FieldPath(name);
  }

  public FieldPath child(String name) {
    return new FieldPath(value.isEmpty() ? name : value + "." + name);
  }

  public FieldPath child(String first, String... more) {
    var p = child(first);
    for (String m : more) {
      p = p.child(m);
    }
    return p;
  }

  public FieldPath index(int i) {
    return new FieldPath(value + "[" + i + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(value + "[" + key + "]");
  }

  @Override
  public String toString() {
    return value;
  }
}
