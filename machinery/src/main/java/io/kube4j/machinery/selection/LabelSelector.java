package io.kube4j.machinery.selection;

import io.kube4j.api.validation.Names;
import com.fasterxml.jackson.databind.JsonNode;
import io.kube4j.machinery.errors.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of label requirements, all of which must hold for a label map to match; the Kubernetes
 * {@code labels.Selector}. Built from the query-string syntax ({@link #parse}), from a
 * {@code metav1.LabelSelector} JSON object ({@link #fromJson}) or from an exact label set
 * ({@link #fromSet}). {@link #toString()} gives upstream's canonical form (requirements sorted by
 * key, set values sorted). Immutable.
 */
public final class LabelSelector {

  /** A selector operator, spelled as upstream's {@code selection.Operator}. */
  public enum Operator {
    EQUALS("="), DOUBLE_EQUALS("=="), NOT_EQUALS("!="), IN("in"), NOT_IN("notin"), EXISTS("exists"),
    DOES_NOT_EXIST("!"), GREATER_THAN("gt"), LESS_THAN("lt");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    /** Upstream's spelling ({@code "in"}, {@code "!="}, {@code "gt"} ...). */
    public String text() {
      return text;
    }
  }

  /** One requirement: {@code key op values}. Values of a parsed selector are sorted and unique. */
  public record Requirement(String key, Operator operator, List<String> values) {

    public Requirement {
      values = List.copyOf(values);
    }

    /** Whether {@code labels} satisfies this requirement, with upstream's semantics (gt/lt only on integers). */
    public boolean matches(Map<String, String> labels) {
      var has = labels.containsKey(key);
      var value = labels.get(key);
      return switch (operator) {
        case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(value);
        case NOT_IN, NOT_EQUALS -> !has || !values.contains(value);
        case EXISTS -> has;
        case DOES_NOT_EXIST -> !has;
        case GREATER_THAN, LESS_THAN -> {
          if (!has || values.size() != 1) {
            yield false;
          }
          try {
            long actual = Long.parseLong(value);
            long bound = Long.parseLong(values.getFirst());
            yield operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
          } catch (NumberFormatException e) {
            yield false; // upstream: a label that is not an integer never satisfies gt/lt
          }
        }
      };
    }

    @Override
    public String toString() {
      var sb = new StringBuilder();
      if (operator == Operator.DOES_NOT_EXIST) {
        sb.append('!');
      }
      sb.append(key);
      switch (operator) {
        case EQUALS -> sb.append('=');
        case DOUBLE_EQUALS -> sb.append("==");
        case NOT_EQUALS -> sb.append("!=");
        case IN -> sb.append(" in ");
        case NOT_IN -> sb.append(" notin ");
        case GREATER_THAN -> sb.append('>');
        case LESS_THAN -> sb.append('<');
        case EXISTS, DOES_NOT_EXIST -> {
          return sb.toString();
        }
      }
      var set = operator == Operator.IN || operator == Operator.NOT_IN;
      if (set) {
        sb.append('(');
      }
      sb.append(values.size() == 1 ? values.getFirst() : String.join(",", values.stream().sorted().toList()));
      if (set) {
        sb.append(')');
      }
      return sb.toString();
    }
  }

  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<Requirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<Requirement> requirements, boolean nothing) {
    this.requirements = List.copyOf(requirements);
    this.nothing = nothing;
  }

  /** The selector that matches every label set (upstream {@code labels.Everything()}). */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** The selector that matches nothing (upstream {@code labels.Nothing()}), what an absent {@code selector} means. */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /** A selector requiring exactly these labels (upstream {@code SelectorFromValidatedSet}); values are not re-validated. */
  public static LabelSelector fromSet(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return EVERYTHING;
    }
    var reqs = new ArrayList<Requirement>();
    new TreeMap<>(labels).forEach((k, v) -> reqs.add(new Requirement(k, Operator.EQUALS, List.of(v))));
    return new LabelSelector(reqs, false);
  }

  /** Builds a selector from explicit requirements, sorted by key as upstream's {@code Selector.Add}. */
  public static LabelSelector of(List<Requirement> requirements) {
    var sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(Requirement::key));
    return new LabelSelector(sorted, false);
  }

  /**
   * Parses the query-string form ({@code app=web,tier!=db,env in (a,b),!legacy,size>3}) exactly as
   * upstream's {@code labels.Parse}; an empty or blank string selects everything.
   *
   * @throws ApiException 400 BadRequest with upstream's message when the text is not a valid selector
   */
  public static LabelSelector parse(String text) {
    if (text == null) {
      return EVERYTHING;
    }
    var reqs = new Parser(text).parse();
    reqs.sort(Comparator.comparing(Requirement::key));
    return new LabelSelector(reqs, false);
  }

  /**
   * Converts a {@code metav1.LabelSelector} JSON object as upstream's {@code LabelSelectorAsSelector}:
   * null or missing selects nothing, an object without requirements selects everything.
   *
   * @throws ApiException 400 BadRequest with upstream's message for an unknown operator or invalid key/value
   */
  public static LabelSelector fromJson(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return NOTHING;
    }
    var matchLabels = selector.path("matchLabels");
    var matchExpressions = selector.path("matchExpressions");
    var reqs = new ArrayList<Requirement>();
    if (matchLabels.isObject()) {
      var sorted = new TreeMap<String, String>();
      matchLabels.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
      for (var e : sorted.entrySet()) {
        reqs.add(newRequirement(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
      }
    }
    if (matchExpressions.isArray()) {
      for (var expr : matchExpressions) {
        var opText = expr.path("operator").asText("");
        var op = switch (opText) {
          case "In" -> Operator.IN;
          case "NotIn" -> Operator.NOT_IN;
          case "Exists" -> Operator.EXISTS;
          case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
          default -> throw ApiException.badRequest(LabelSyntax.quote(opText) + " is not a valid label selector operator");
        };
        List<String> values = null;
        if (expr.path("values").isArray() && !expr.path("values").isEmpty()) {
          values = new ArrayList<>();
          for (var v : expr.path("values")) {
            values.add(v.asText());
          }
        }
        reqs.add(newRequirement(expr.path("key").asText(""), op, values));
      }
    }
    if (reqs.isEmpty()) {
      return EVERYTHING;
    }
    return of(reqs);
  }

  /**
   * Upstream's {@code NewRequirement}: validates the key, the operator's arity and every value.
   * {@code values} may be null (Go's nil slice, which error messages show as {@code []string(nil)}).
   *
   * @throws ApiException 400 BadRequest listing every problem, formatted as upstream's error aggregate
   */
  public static Requirement newRequirement(String key, Operator op, List<String> values) {
    var errs = new ArrayList<String>();
    var keyErrs = Names.qualifiedName(key);
    if (!keyErrs.isEmpty()) {
      errs.add("key: Invalid value: " + LabelSyntax.quote(key) + ": " + String.join("; ", keyErrs));
    }
    var vals = values == null ? List.<String>of() : values;
    var shown = LabelSyntax.goStringSlice(values);
    switch (op) {
      case IN, NOT_IN -> {
        if (vals.isEmpty()) {
          errs.add("values: Invalid value: " + shown + ": for 'in', 'notin' operators, values set can't be empty");
        }
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        if (vals.size() != 1) {
          errs.add("values: Invalid value: " + shown + ": exact-match compatibility requires one single value");
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!vals.isEmpty()) {
          errs.add("values: Invalid value: " + shown + ": values set must be empty for exists and does not exist");
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        if (vals.size() != 1) {
          errs.add("values: Invalid value: " + shown + ": for 'Gt', 'Lt' operators, exactly one value is required");
        }
        for (int i = 0; i < vals.size(); i++) {
          try {
            Long.parseLong(vals.get(i));
          } catch (NumberFormatException e) {
            errs.add("values[" + i + "]: Invalid value: " + LabelSyntax.quote(vals.get(i)) + ": for 'Gt', 'Lt' operators, the value must be an integer");
          }
        }
      }
    }
    for (int i = 0; i < vals.size(); i++) {
      var valueErrs = Names.labelValue(vals.get(i));
      if (!valueErrs.isEmpty()) {
        errs.add("values[" + i + "][" + key + "]: Invalid value: " + LabelSyntax.quote(vals.get(i)) + ": " + String.join("; ", valueErrs));
      }
    }
    if (!errs.isEmpty()) {
      throw ApiException.badRequest(LabelSyntax.aggregate(errs));
    }
    return new Requirement(key, op, vals);
  }

  /** Whether every requirement holds for {@code labels} (a null map is treated as no labels). */
  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    var ls = labels == null ? Map.<String, String>of() : labels;
    for (var r : requirements) {
      if (!r.matches(ls)) {
        return false;
      }
    }
    return true;
  }

  /** Reads the labels of a JSON object's {@code metadata.labels} and matches them. */
  public boolean matches(JsonNode object) {
    return matches(labelsOf(object));
  }

  /** Upstream {@code Selector.Empty()}: true only for the match-everything selector. */
  public boolean isEmpty() {
    return !nothing && requirements.isEmpty();
  }

  /** Whether this is the match-nothing selector. */
  public boolean matchesNothing() {
    return nothing;
  }

  /**
   * Upstream {@code RequiresExactMatch}: the single value the first requirement on {@code key} demands
   * ({@code =}, {@code ==}, or {@code in} with one value), or null; lets storage narrow a list.
   */
  public String requiresExactMatch(String key) {
    for (var r : requirements) {
      if (r.key().equals(key)) {
        var exact = r.operator() == Operator.EQUALS || r.operator() == Operator.DOUBLE_EQUALS || r.operator() == Operator.IN;
        return exact && r.values().size() == 1 ? r.values().getFirst() : null;
      }
    }
    return null;
  }

  /** The requirements, sorted by key. */
  public List<Requirement> requirements() {
    return requirements;
  }

  /** Upstream's canonical text; empty for both everything and nothing. */
  @Override
  public String toString() {
    return String.join(",", requirements.stream().map(Requirement::toString).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelector other && other.nothing == nothing && other.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + (nothing ? 1 : 0);
  }

  /** Upstream {@code labels.FormatLabels}: {@code k=v} pairs sorted by key, or {@code <none>}. */
  public static String formatLabels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return "<none>";
    }
    var sb = new StringBuilder();
    new TreeMap<>(labels).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }

  /** Upstream {@code metav1.FormatLabelSelector}: the canonical text, {@code <none>} when empty, {@code <error>} when invalid. */
  public static String formatLabelSelector(JsonNode selector) {
    try {
      var s = fromJson(selector).toString();
      return s.isEmpty() ? "<none>" : s;
    } catch (ApiException e) {
      return "<error>";
    }
  }

  static Map<String, String> labelsOf(JsonNode object) {
    var labels = object == null ? null : object.path("metadata").path("labels");
    if (labels == null || !labels.isObject()) {
      return Map.of();
    }
    var m = new TreeMap<String, String>();
    labels.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private enum Token {
    ERROR, END, CLOSED_PAR, COMMA, DOES_NOT_EXIST, DOUBLE_EQUALS, EQUALS, GREATER_THAN, IDENTIFIER, IN, LESS_THAN, NOT_EQUALS, NOT_IN, OPEN_PAR
  }

  private record Scanned(Token token, String literal) {}

  private static Token keyword(String s) {
    return switch (s) {
      case ")" -> Token.CLOSED_PAR;
      case "," -> Token.COMMA;
      case "!" -> Token.DOES_NOT_EXIST;
      case "==" -> Token.DOUBLE_EQUALS;
      case "=" -> Token.EQUALS;
      case ">" -> Token.GREATER_THAN;
      case "in" -> Token.IN;
      case "<" -> Token.LESS_THAN;
      case "!=" -> Token.NOT_EQUALS;
      case "notin" -> Token.NOT_IN;
      case "(" -> Token.OPEN_PAR;
      default -> null;
    };
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSpecial(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }

  /** A recursive-descent parser over the token stream, mirroring upstream's grammar and messages. */
  private static final class Parser {
    private final String s;
    private int pos;
    private final List<Scanned> items = new ArrayList<>();
    private int position;

    Parser(String s) {
      this.s = s;
    }

    private Scanned lex() {
      while (pos < s.length() && isWhitespace(s.charAt(pos))) {
        pos++;
      }
      if (pos >= s.length()) {
        return new Scanned(Token.END, "");
      }
      if (isSpecial(s.charAt(pos))) {
        var buffer = new StringBuilder();
        Scanned last = null;
        while (pos < s.length() && isSpecial(s.charAt(pos))) {
          buffer.append(s.charAt(pos));
          var tok = keyword(buffer.toString());
          if (tok != null) {
            last = new Scanned(tok, buffer.toString());
            pos++;
          } else if (last != null) {
            break;
          } else {
            pos++;
          }
        }
        if (last == null) {
          return new Scanned(Token.ERROR, "error expected: keyword found '" + buffer + "'");
        }
        return last;
      }
      int start = pos;
      while (pos < s.length() && !isSpecial(s.charAt(pos)) && !isWhitespace(s.charAt(pos))) {
        pos++;
      }
      var word = s.substring(start, pos);
      var tok = keyword(word);
      return new Scanned(tok == null ? Token.IDENTIFIER : tok, word);
    }

    private Scanned lookahead(boolean values) {
      return adjust(items.get(position), values);
    }

    private Scanned consume(boolean values) {
      return adjust(items.get(position++), values);
    }

    private static Scanned adjust(Scanned item, boolean values) {
      if (values && (item.token() == Token.IN || item.token() == Token.NOT_IN)) {
        return new Scanned(Token.IDENTIFIER, item.literal());
      }
      return item;
    }

    List<Requirement> parse() {
      while (true) {
        var item = lex();
        items.add(item);
        if (item.token() == Token.END) {
          break;
        }
      }
      var reqs = new ArrayList<Requirement>();
      while (true) {
        var look = lookahead(true);
        switch (look.token()) {
          case IDENTIFIER, DOES_NOT_EXIST -> {
            try {
              reqs.add(parseRequirement());
            } catch (ApiException e) {
              throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
            }
            var next = consume(true);
            switch (next.token()) {
              case END -> {
                return reqs;
              }
              case COMMA -> {
                var after = lookahead(true);
                if (after.token() != Token.IDENTIFIER && after.token() != Token.DOES_NOT_EXIST) {
                  throw ApiException.badRequest("found '" + after.literal() + "', expected: identifier after ','");
                }
              }
              default -> throw ApiException.badRequest("found '" + next.literal() + "', expected: ',' or 'end of string'");
            }
          }
          case END -> {
            return reqs;
          }
          default -> throw ApiException.badRequest("found '" + look.literal() + "', expected: !, identifier, or 'end of string'");
        }
      }
    }

    private Requirement parseRequirement() {
      Operator op = null;
      var item = consume(true);
      if (item.token() == Token.DOES_NOT_EXIST) {
        op = Operator.DOES_NOT_EXIST;
        item = consume(true);
      }
      if (item.token() != Token.IDENTIFIER) {
        throw ApiException.badRequest("found '" + item.literal() + "', expected: identifier");
      }
      var key = item.literal();
      var keyErrs = Names.qualifiedName(key);
      if (!keyErrs.isEmpty()) {
        // upstream validates with a nil field path here, which prints as "<nil>"
        throw ApiException.badRequest("<nil>: Invalid value: " + LabelSyntax.quote(key) + ": " + String.join("; ", keyErrs));
      }
      var after = lookahead(true).token();
      if ((after == Token.END || after == Token.COMMA) && op != Operator.DOES_NOT_EXIST) {
        op = Operator.EXISTS;
      }
      if (op == Operator.EXISTS || op == Operator.DOES_NOT_EXIST) {
        return newRequirement(key, op, List.of());
      }
      op = parseOperator();
      List<String> values = switch (op) {
        case IN, NOT_IN -> parseValues();
        default -> parseExactValue();
      };
      return newRequirement(key, op, new ArrayList<>(new TreeSet<>(values)));
    }

    private Operator parseOperator() {
      var item = consume(false);
      return switch (item.token()) {
        case IN -> Operator.IN;
        case EQUALS -> Operator.EQUALS;
        case DOUBLE_EQUALS -> Operator.DOUBLE_EQUALS;
        case GREATER_THAN -> Operator.GREATER_THAN;
        case LESS_THAN -> Operator.LESS_THAN;
        case NOT_IN -> Operator.NOT_IN;
        case NOT_EQUALS -> Operator.NOT_EQUALS;
        default -> throw ApiException.badRequest("found '" + item.literal() + "', expected: in, notin, =, ==, !=, gt, lt");
      };
    }

    private List<String> parseValues() {
      var item = consume(true);
      if (item.token() != Token.OPEN_PAR) {
        throw ApiException.badRequest("found '" + item.literal() + "' expected: '('");
      }
      var look = lookahead(true);
      switch (look.token()) {
        case IDENTIFIER, COMMA -> {
          var values = parseIdentifiersList();
          if (consume(true).token() != Token.CLOSED_PAR) {
            // upstream reports the token seen before the list here
            throw ApiException.badRequest("found '" + look.literal() + "', expected: ')'");
          }
          return values;
        }
        case CLOSED_PAR -> {
          consume(true);
          return List.of("");
        }
        default -> throw ApiException.badRequest("found '" + look.literal() + "', expected: ',', ')' or identifier");
      }
    }

    private List<String> parseIdentifiersList() {
      var values = new TreeSet<String>();
      while (true) {
        var item = consume(true);
        switch (item.token()) {
          case IDENTIFIER -> {
            values.add(item.literal());
            var next = lookahead(true);
            switch (next.token()) {
              case COMMA -> {
                continue;
              }
              case CLOSED_PAR -> {
                return new ArrayList<>(values);
              }
              default -> throw ApiException.badRequest("found '" + next.literal() + "', expected: ',' or ')'");
            }
          }
          case COMMA -> {
            if (values.isEmpty()) {
              values.add("");
            }
            var next = lookahead(true).token();
            if (next == Token.CLOSED_PAR) {
              values.add("");
              return new ArrayList<>(values);
            }
            if (next == Token.COMMA) {
              consume(true);
              values.add("");
            }
          }
          default -> throw ApiException.badRequest("found '" + item.literal() + "', expected: ',', or identifier");
        }
      }
    }

    private List<String> parseExactValue() {
      var look = lookahead(true).token();
      if (look == Token.END || look == Token.COMMA) {
        return List.of("");
      }
      var item = consume(true);
      if (item.token() == Token.IDENTIFIER) {
        return List.of(item.literal());
      }
      throw ApiException.badRequest("found '" + item.literal() + "', expected: identifier");
    }
  }
}
