package io.kube4j.tools.schemagen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The upstream descriptions fabric8 keeps as javadoc in its sources jars: the class comment and, per JSON
 * property, the comment of its accessor. Sources are read from the class path ({@code Pod.java} beside
 * {@code Pod.class}), so the sources jars only have to be on the generator's class path.
 */
final class JavadocIndex {

  /** A javadoc comment followed by annotations and the start of a declaration. */
  private static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/\\s*((?:@[^\\n]*\\n\\s*)*)", Pattern.DOTALL);
  private static final Pattern JSON_PROPERTY = Pattern.compile("@JsonProperty\\(\"([^\"]+)\"\\)");
  private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|lt|gt|amp|quot|apos);");

  /** Documentation of one class. */
  record ClassDocs(String description, Map<String, String> properties) {
    static final ClassDocs NONE = new ClassDocs("", Map.of());
  }

  private final ClassLoader loader;
  private final Map<Class<?>, ClassDocs> cache = new HashMap<>();

  JavadocIndex(ClassLoader loader) {
    this.loader = loader;
  }

  ClassDocs of(Class<?> type) {
    return cache.computeIfAbsent(type, this::read);
  }

  private ClassDocs read(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".java";
    String source;
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return ClassDocs.NONE;
      }
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
    String classDoc = "";
    var properties = new HashMap<String, String>();
    Matcher declaration = Pattern.compile("\\bclass " + type.getSimpleName() + "\\b").matcher(source);
    int classAt = declaration.find() ? declaration.start() : -1;
    Matcher m = COMMENT.matcher(source);
    while (m.find()) {
      String text = clean(m.group(1));
      if (m.start() < classAt) {
        classDoc = text;
        continue;
      }
      Matcher p = JSON_PROPERTY.matcher(m.group(2));
      if (p.find()) {
        properties.putIfAbsent(p.group(1), text);
      }
    }
    return new ClassDocs(classDoc, Map.copyOf(properties));
  }

  /** Javadoc text to the upstream description: one line each, {@code <br><p> } for line breaks, HTML entities. */
  static String clean(String javadoc) {
    var sb = new StringBuilder();
    for (String line : javadoc.split("\n")) {
      String t = line.strip();
      if (t.startsWith("*")) {
        t = t.substring(1).strip();
      }
      if (t.isEmpty()) {
        continue;
      }
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(t);
    }
    String text = sb.toString().replace("<br><p> ", "\n").replace("<br><p>", "\n");
    return decodeEntities(text);
  }

  static String decodeEntities(String text) {
    Matcher m = ENTITY.matcher(text);
    var out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String replacement = switch (e) {
        case "lt" -> "<";
        case "gt" -> ">";
        case "amp" -> "&";
        case "quot" -> "\"";
        case "apos" -> "'";
        default -> {
          int cp = e.startsWith("#x") || e.startsWith("#X")
              ? Integer.parseInt(e.substring(2), 16)
              : Integer.parseInt(e.substring(1));
          yield new String(Character.toChars(cp));
        }
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
