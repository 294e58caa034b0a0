package io.kube4j.machinery.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.machinery.errors.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Kubernetes JSONPath that CRD {@code additionalPrinterColumns} use: field steps
 * ({@code .spec.replicas}, {@code .metadata.labels.app\.kubernetes\.io/name}, {@code ['a.b']}),
 * indexes ({@code [0]}, {@code [-1]}), wildcards ({@code [*]}, {@code .*}) and filters
 * ({@code [?(@.type=="Ready")]}, {@code !=}, {@code [?(@.ready)]}). Missing keys yield no result,
 * as upstream's printer runs its paths with {@code AllowMissingKeys}. Immutable once compiled.
 */
public final class JsonPath {

  private sealed interface Step permits Field, Index, Wildcard, Filter {}

  private record Field(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  /** {@code @.path op literal}, or an existence test when {@code op} is null. */
  private record Filter(List<Step> path, String op, String literal) implements Step {}

  private final String text;
  private final List<Step> steps;

  private JsonPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  /**
   * Compiles a path such as {@code .status.conditions[?(@.type=="Ready")].status}; surrounding
   * {@code {}} are accepted.
   *
   * @throws ApiException 400 BadRequest when the path is outside the supported subset
   */
  public static JsonPath compile(String text) {
    var t = text.strip();
    if (t.startsWith("{") && t.endsWith("}")) {
      t = t.substring(1, t.length() - 1).strip();
    }
    if (t.startsWith("$")) {
      t = t.substring(1);
    }
    var parser = new PathParser(t, text);
    var steps = parser.steps(false);
    if (parser.pos != t.length()) {
      throw parser.error();
    }
    return new JsonPath(text, List.copyOf(steps));
  }

  /** Every node the path selects, in document order; empty when nothing matches. */
  public List<JsonNode> find(JsonNode root) {
    var current = new ArrayList<JsonNode>();
    current.add(root);
    return apply(steps, current);
  }

  private static List<JsonNode> apply(List<Step> steps, List<JsonNode> start) {
    var current = start;
    for (var step : steps) {
      var next = new ArrayList<JsonNode>();
      for (var node : current) {
        switch (step) {
          case Field f -> {
            var child = node.isObject() ? node.get(f.name()) : null;
            if (child != null) {
              next.add(child);
            }
          }
          case Index i -> {
            if (node.isArray()) {
              int idx = i.index() < 0 ? node.size() + i.index() : i.index();
              if (idx >= 0 && idx < node.size()) {
                next.add(node.get(idx));
              }
            }
          }
          case Wildcard w -> {
            if (node.isArray() || node.isObject()) {
              node.forEach(next::add);
            }
          }
          case Filter f -> {
            if (node.isArray()) {
              for (var element : node) {
                if (filterMatches(f, element)) {
                  next.add(element);
                }
              }
            }
          }
        }
      }
      current = next;
    }
    return current;
  }

  private static boolean filterMatches(Filter f, JsonNode element) {
    var found = apply(f.path(), new ArrayList<>(List.of(element)));
    if (f.op() == null) {
      return !found.isEmpty() && !(found.getFirst().isBoolean() && !found.getFirst().asBoolean());
    }
    var actual = found.isEmpty() || found.getFirst().isNull() ? null : found.getFirst().isValueNode() ? found.getFirst().asText() : found.getFirst().toString();
    boolean equal = actual != null && literalEquals(actual, f.literal(), found.getFirst());
    return switch (f.op()) {
      case "==" -> equal;
      case "!=" -> actual != null && !equal;
      default -> {
        if (actual == null) {
          yield false;
        }
        try {
          double a = Double.parseDouble(actual);
          double b = Double.parseDouble(f.literal());
          yield switch (f.op()) {
            case ">" -> a > b;
            case ">=" -> a >= b;
            case "<" -> a < b;
            default -> a <= b;
          };
        } catch (NumberFormatException e) {
          yield false; // comparing non-numbers: no match, as upstream cannot order them either
        }
      }
    };
  }

  private static boolean literalEquals(String actual, String literal, JsonNode node) {
    if (node.isNumber()) {
      try {
        return Double.parseDouble(literal) == node.asDouble();
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return actual.equals(literal);
  }

  @Override
  public String toString() {
    return text;
  }

  private static final class PathParser {
    private final String s;
    private final String original;
    private int pos;

    PathParser(String s, String original) {
      this.s = s;
      this.original = original;
    }

    ApiException error() {
      return ApiException.badRequest("unrecognized column definition " + quote(original));
    }

    private static String quote(String v) {
      return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Parses steps until the end, or (inside a filter) until a comparison operator or ')'. */
    List<Step> steps(boolean inFilter) {
      var steps = new ArrayList<Step>();
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '.') {
          pos++;
          if (pos < s.length() && s.charAt(pos) == '*') {
            pos++;
            steps.add(new Wildcard());
            continue;
          }
          var name = new StringBuilder();
          while (pos < s.length()) {
            char d = s.charAt(pos);
            if (d == '\\' && pos + 1 < s.length()) {
              name.append(s.charAt(pos + 1));
              pos += 2;
              continue;
            }
            if (d == '.' || d == '[' || (inFilter && (d == '=' || d == '!' || d == '<' || d == '>' || d == ')' || d == ' '))) {
              break;
            }
            name.append(d);
            pos++;
          }
          if (name.isEmpty()) {
            throw error();
          }
          steps.add(new Field(name.toString()));
        } else if (c == '[') {
          pos++;
          steps.add(bracket());
        } else if (inFilter) {
          break;
        } else {
          throw error();
        }
      }
      return steps;
    }

    private Step bracket() {
      if (pos >= s.length()) {
        throw error();
      }
      char c = s.charAt(pos);
      if (c == '*') {
        pos++;
        expect(']');
        return new Wildcard();
      }
      if (c == '\'' || c == '"') {
        var name = literal();
        expect(']');
        return new Field(name);
      }
      if (c == '?') {
        pos++;
        expect('(');
        skipSpaces();
        expect('@');
        var path = steps(true);
        skipSpaces();
        String op = null;
        String lit = null;
        for (var candidate : new String[] {"==", "!=", ">=", "<=", ">", "<"}) {
          if (s.startsWith(candidate, pos)) {
            op = candidate;
            pos += candidate.length();
            skipSpaces();
            if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
              lit = literal();
            } else {
              int start = pos;
              while (pos < s.length() && s.charAt(pos) != ')' && s.charAt(pos) != ' ') {
                pos++;
              }
              lit = s.substring(start, pos);
            }
            break;
          }
        }
        skipSpaces();
        expect(')');
        expect(']');
        return new Filter(List.copyOf(path), op, lit);
      }
      int start = pos;
      while (pos < s.length() && s.charAt(pos) != ']') {
        pos++;
      }
      var number = s.substring(start, pos).strip();
      expect(']');
      try {
        return new Index(Integer.parseInt(number));
      } catch (NumberFormatException e) {
        throw error();
      }
    }

    private String literal() {
      char quoteChar = s.charAt(pos++);
      var sb = new StringBuilder();
      while (pos < s.length() && s.charAt(pos) != quoteChar) {
        if (s.charAt(pos) == '\\' && pos + 1 < s.length()) {
          pos++;
        }
        sb.append(s.charAt(pos++));
      }
      expect(quoteChar);
      return sb.toString();
    }

    private void skipSpaces() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }

    private void expect(char c) {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error();
      }
      pos++;
    }
  }
}
