package io.kube4j.machinery.selection;

import java.util.List;

/** How upstream's selector errors print values: Go's {@code %q} and {@code %#v} forms. */
final class LabelSyntax {

  private LabelSyntax() {}

  /** Go's {@code %q} for the strings found in selectors (ASCII printable text plus the usual escapes). */
  static String quote(String s) {
    var sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Go's {@code %#v} of a {@code []string}, as field errors print a bad list value. */
  static String goStringSlice(List<String> values) {
    if (values == null) {
      return "[]string(nil)";
    }
    var sb = new StringBuilder("[]string{");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
    }
    return sb.append('}').toString();
  }

  /** How upstream's error aggregate prints several distinct messages. */
  static String aggregate(List<String> messages) {
    var distinct = messages.stream().distinct().toList();
    return distinct.size() == 1 ? distinct.getFirst() : "[" + String.join(", ", distinct) + "]";
  }
}
