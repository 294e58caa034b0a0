package io.kube4j.api.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string-format checks of Kubernetes' {@code IsXxx} validators. Each returns the list of upstream
 * messages describing what is wrong (empty when valid), so callers wrap them in {@link FieldError}s at
 * the path they are validating.
 */
public final class Names {

  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  public static final int LABEL_VALUE_MAX = 63;
  public static final int QUALIFIED_NAME_MAX = 63;

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
  private static final String DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE = "(" + QUALIFIED_NAME + ")?";
  private static final String CONFIG_KEY = "[-._a-zA-Z0-9]+";
  private static final String C_IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";
  private static final String PERCENT = "[0-9]+%";

  private static final Pattern DNS1123_LABEL_RE = Pattern.compile(DNS1123_LABEL);
  private static final Pattern DNS1123_SUBDOMAIN_RE = Pattern.compile(DNS1123_SUBDOMAIN);
  private static final Pattern DNS1035_LABEL_RE = Pattern.compile(DNS1035_LABEL);
  private static final Pattern QUALIFIED_NAME_RE = Pattern.compile(QUALIFIED_NAME);
  private static final Pattern LABEL_VALUE_RE = Pattern.compile(LABEL_VALUE);
  private static final Pattern CONFIG_KEY_RE = Pattern.compile(CONFIG_KEY);
  private static final Pattern C_IDENTIFIER_RE = Pattern.compile(C_IDENTIFIER);
  private static final Pattern PERCENT_RE = Pattern.compile(PERCENT);
  private static final Pattern IANA_SVC_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

  private Names() {}

  /** The upstream "regex used for validation" message, with its examples. */
  static String regexError(String msg, String regex, String... examples) {
    var sb = new StringBuilder(msg).append(" (");
    if (examples.length > 0) {
      sb.append("e.g. ");
      for (int i = 0; i < examples.length; i++) {
        if (i > 0) {
          sb.append(",  or ");
        }
        sb.append('\'').append(examples[i]).append('\'');
      }
      sb.append(", ");
    }
    return sb.append("regex used for validation is '").append(regex).append("')").toString();
  }

  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  /** RFC 1123 label: most names that become DNS labels (namespaces, container names, ports of services). */
  public static List<String> dns1123Label(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!DNS1123_LABEL_RE.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN_RE.matcher(value).matches()) {
        // A subdomain is a common mistake: point the user at the dots.
        errs.add("must not contain dots");
      } else {
        errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            + "and must start and end with an alphanumeric character", DNS1123_LABEL, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  /** RFC 1123 subdomain: the name rule of most kinds. */
  public static List<String> dns1123Subdomain(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!DNS1123_SUBDOMAIN_RE.matcher(value).matches()) {
      errs.add(dns1123SubdomainFormatError());
    }
    return errs;
  }

  static String dns1123SubdomainFormatError() {
    return regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
        + "and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, "example.com");
  }

  /** RFC 1035 label: service names, which become DNS labels and must start with a letter. */
  public static List<String> dns1035Label(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_LABEL_MAX) {
      errs.add(maxLenError(DNS1123_LABEL_MAX));
    }
    if (!DNS1035_LABEL_RE.matcher(value).matches()) {
      errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
          + "alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, "my-name", "abc-123"));
    }
    return errs;
  }

  /** A name that can be one segment of a URL path (RBAC role names): not '.', '..', no '/' or '%'. */
  public static List<String> pathSegmentName(String value) {
    var errs = new ArrayList<String>();
    if (value.equals(".") || value.equals("..")) {
      errs.add("may not be '" + value + "'");
      return errs;
    }
    for (String illegal : List.of("/", "%")) {
      if (value.contains(illegal)) {
        errs.add("may not contain '" + illegal + "'");
      }
    }
    return errs;
  }

  /** A qualified name, as label and annotation keys are: an optional DNS subdomain prefix, '/', and a name. */
  public static List<String> qualifiedName(String value) {
    var errs = new ArrayList<String>();
    var parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        var prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errs.add("prefix part must be non-empty");
        } else {
          for (String msg : dns1123Subdomain(prefix)) {
            errs.add("prefix part " + msg);
          }
        }
      }
      default -> {
        errs.add(regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start "
            + "and end with an alphanumeric character", QUALIFIED_NAME, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > QUALIFIED_NAME_MAX) {
      errs.add("name part " + maxLenError(QUALIFIED_NAME_MAX));
    }
    if (!name.isEmpty() && !QUALIFIED_NAME_RE.matcher(name).matches()) {
      errs.add("name part " + regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and "
          + "end with an alphanumeric character", QUALIFIED_NAME, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** A label value: empty, or up to 63 alphanumerics with '-', '_', '.' inside. */
  public static List<String> labelValue(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > LABEL_VALUE_MAX) {
      errs.add(maxLenError(LABEL_VALUE_MAX));
    }
    if (!LABEL_VALUE_RE.matcher(value).matches()) {
      errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
          + "and must start and end with an alphanumeric character", LABEL_VALUE, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** A C identifier (kept for the callers that still need it, e.g. downward API keys in old clients). */
  public static List<String> cIdentifier(String value) {
    if (C_IDENTIFIER_RE.matcher(value).matches()) {
      return List.of();
    }
    return List.of(regexError("a valid C identifier must start with alphabetic character or '_', followed by a string "
        + "of alphanumeric characters or '_'", C_IDENTIFIER, "my_name", "MY_NAME", "MyName"));
  }

  /**
   * An environment variable name under 1.32's rules: the RelaxedEnvironmentVariableValidation gate is beta and on by
   * default there, so any printable ASCII character except '=' is allowed.
   */
  public static List<String> envVarName(String value) {
    var errs = new ArrayList<String>();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 32 || c > 126 || c == '=') {
        errs.add("a valid environment variable name must consist only of printable ASCII characters other than '='");
        break;
      }
    }
    return errs;
  }

  /** A key of a ConfigMap or Secret (also a file name when mounted). */
  public static List<String> configMapKey(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX));
    }
    if (!CONFIG_KEY_RE.matcher(value).matches()) {
      errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY,
          "key.name", "KEY_NAME", "key-name"));
    }
    if (value.equals(".")) {
      errs.add("must not be '.'");
    } else if (value.equals("..")) {
      errs.add("must not be '..'");
    } else if (value.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  /** An IANA service name, as named ports are (RFC 6335). */
  public static List<String> ianaSvcName(String value) {
    var errs = new ArrayList<String>();
    if (value.length() > 15) {
      errs.add(maxLenError(15));
    }
    if (!IANA_SVC_NAME_CHARS.matcher(value).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (value.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!HAS_LETTER.matcher(value).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (value.startsWith("-") || value.endsWith("-")) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  /** A TCP/UDP port number, 1–65535. */
  public static List<String> portNumber(long port) {
    return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
  }

  public static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /** A percent string such as {@code 25%}. */
  public static List<String> percent(String value) {
    return PERCENT_RE.matcher(value).matches()
        ? List.of()
        : List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT,
            "1%", "93%"));
  }

  /** A valid IPv4 or IPv6 address in canonical-enough textual form. */
  public static List<String> ip(String value) {
    return isIp(value) ? List.of() : List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  }

  public static boolean isIpv4(String value) {
    var parts = value.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (p.length() > 1 && p.charAt(0) == '0') {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  public static boolean isIpv6(String value) {
    if (!value.contains(":") || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return false;
    }
    try {
      return java.net.InetAddress.ofLiteral(value) instanceof java.net.Inet6Address;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static boolean isIp(String value) {
    return isIpv4(value) || isIpv6(value);
  }

  /** The UTF-8 size of a string, as Go measures {@code len(s)}. */
  public static int byteLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
