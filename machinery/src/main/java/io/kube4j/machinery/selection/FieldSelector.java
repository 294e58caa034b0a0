package io.kube4j.machinery.selection;

import io.kube4j.machinery.errors.ApiException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A conjunction of {@code field=value} / {@code field!=value} terms over an object's selectable fields;
 * the Kubernetes {@code fields.Selector}. Parsed exactly as upstream's {@code fields.ParseSelector}
 * (terms sorted, {@code ==} same as {@code =}, values unescaped from {@code \,} {@code \=} {@code \\}).
 * Which field names a kind supports is the caller's business: see {@link #requireSupported}. Immutable.
 */
public final class FieldSelector {

  /** One term; {@code equal} false means {@code !=}. Values are stored unescaped. */
  public record Term(String field, boolean equal, String value) {
    public boolean matches(Function<String, String> fieldValue) {
      var actual = fieldValue.apply(field);
      var v = actual == null ? "" : actual;
      return equal == v.equals(value);
    }

    @Override
    public String toString() {
      return field + (equal ? "=" : "!=") + escape(value);
    }
  }

  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  /** The selector matching every object. */
  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /** A selector made of these terms, kept in the order given. */
  public static FieldSelector of(List<Term> terms) {
    return terms.isEmpty() ? EVERYTHING : new FieldSelector(terms);
  }

  /** A selector requiring {@code field=value} for each pair given, in order. */
  public static FieldSelector ofEquals(String... fieldValuePairs) {
    var terms = new ArrayList<Term>();
    for (int i = 0; i + 1 < fieldValuePairs.length; i += 2) {
      terms.add(new Term(fieldValuePairs[i], true, fieldValuePairs[i + 1]));
    }
    return new FieldSelector(terms);
  }

  /**
   * Parses {@code a=b,c!=d,e==f}; null or empty selects everything.
   *
   * @throws ApiException 400 BadRequest with upstream's message for a term without an operator or a bad escape
   */
  public static FieldSelector parse(String text) {
    if (text == null || text.isEmpty()) {
      return EVERYTHING;
    }
    var parts = splitTerms(text);
    parts.sort(null);
    var terms = new ArrayList<Term>();
    for (var part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      Term term = null;
      outer:
      for (int i = 0; i < part.length(); i++) {
        for (var op : new String[] {"!=", "==", "="}) {
          if (part.startsWith(op, i)) {
            term = new Term(part.substring(0, i), !op.equals("!="), unescape(part.substring(i + op.length())));
            break outer;
          }
        }
      }
      if (term == null) {
        throw ApiException.badRequest("invalid selector: '" + text + "'; can't understand '" + part + "'");
      }
      terms.add(term);
    }
    return new FieldSelector(terms);
  }

  private static List<String> splitTerms(String s) {
    var terms = new ArrayList<String>();
    int start = 0;
    boolean inSlash = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inSlash) {
        inSlash = false;
      } else if (c == '\\') {
        inSlash = true;
      } else if (c == ',') {
        terms.add(s.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(s.substring(start));
    return terms;
  }

  /** Upstream {@code fields.EscapeValue}. */
  public static String escape(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }

  /** Upstream {@code fields.UnescapeValue}, failing with its messages. */
  public static String unescape(String s) {
    if (s.indexOf('\\') < 0 && s.indexOf(',') < 0 && s.indexOf('=') < 0) {
      return s;
    }
    var sb = new StringBuilder();
    boolean inSlash = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inSlash) {
        if (c == '\\' || c == ',' || c == '=') {
          sb.append(c);
        } else {
          throw ApiException.badRequest("invalid field selector: invalid escape sequence: \\" + c);
        }
        inSlash = false;
        continue;
      }
      switch (c) {
        case '\\' -> inSlash = true;
        // upstream prints the rune with %v, i.e. as its code point number
        case ',', '=' -> throw ApiException.badRequest("invalid field selector: unescaped character in value: " + (int) c);
        default -> sb.append(c);
      }
    }
    if (inSlash) {
      throw ApiException.badRequest("invalid field selector: invalid escape sequence: \\");
    }
    return sb.toString();
  }

  /** Whether every term holds; {@code fieldValue} returns a field's value, null meaning absent (compared as ""). */
  public boolean matches(Function<String, String> fieldValue) {
    for (var t : terms) {
      if (!t.matches(fieldValue)) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  public List<Term> terms() {
    return terms;
  }

  /** The field names the terms refer to, in term order, without duplicates. */
  public Set<String> fieldNames() {
    var names = new LinkedHashSet<String>();
    terms.forEach(t -> names.add(t.field()));
    return names;
  }

  /**
   * The value an exact-match term requires for {@code field} ({@code metadata.name=foo} gives "foo"), or
   * null; lets storage narrow a list to one key as upstream's {@code RequiresExactMatch}.
   */
  public String exactMatch(String field) {
    for (var t : terms) {
      if (t.equal() && t.field().equals(field)) {
        return t.value();
      }
    }
    return null;
  }

  /**
   * Rejects a selector naming a field the kind cannot select on.
   *
   * @throws ApiException 400 BadRequest {@code field label not supported: <name>} for the first unsupported field
   */
  public void requireSupported(Collection<String> supportedFields) {
    for (var t : terms) {
      if (!supportedFields.contains(t.field())) {
        throw ApiException.badRequest("field label not supported: " + t.field());
      }
    }
  }

  /** Upstream's canonical text: terms sorted as parsed, values re-escaped. */
  @Override
  public String toString() {
    return String.join(",", terms.stream().map(Term::toString).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSelector other && other.terms.equals(terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }
}
