package io.kube4j.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {

  static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
      + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
      + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or "
      + "'-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
      + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
      + "start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
      + "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, "
      + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
      + "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  static final String NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must "
      + "start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
      + "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  static final String CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
      + "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

  static Stream<Arguments> cases() {
    Function<String, List<String>> subdomain = Names::dns1123Subdomain;
    Function<String, List<String>> label = Names::dns1123Label;
    Function<String, List<String>> dns1035 = Names::dns1035Label;
    Function<String, List<String>> qualified = Names::qualifiedName;
    Function<String, List<String>> labelValue = Names::labelValue;
    Function<String, List<String>> configKey = Names::configMapKey;
    Function<String, List<String>> env = Names::envVarName;
    Function<String, List<String>> iana = Names::ianaSvcName;
    Function<String, List<String>> percent = Names::percent;
    Function<String, List<String>> ip = Names::ip;
    Function<String, List<String>> segment = Names::pathSegmentName;
    return Stream.of(
        Arguments.of("subdomain ok", subdomain, "example.com", List.of()),
        Arguments.of("subdomain upper", subdomain, "Example.com", List.of(SUBDOMAIN_MSG)),
        Arguments.of("subdomain underscore", subdomain, "my_app", List.of(SUBDOMAIN_MSG)),
        Arguments.of("subdomain trailing dash", subdomain, "app-", List.of(SUBDOMAIN_MSG)),
        Arguments.of("subdomain too long", subdomain, "a".repeat(254), List.of("must be no more than 253 characters")),
        Arguments.of("label ok", label, "my-name", List.of()),
        Arguments.of("label digits first ok", label, "123-abc", List.of()),
        Arguments.of("label dots", label, "a.b", List.of("must not contain dots")),
        Arguments.of("label upper", label, "MyName", List.of(LABEL_MSG)),
        Arguments.of("label too long", label, "a".repeat(64), List.of("must be no more than 63 characters")),
        Arguments.of("dns1035 ok", dns1035, "web-1", List.of()),
        Arguments.of("dns1035 digit first", dns1035, "1web", List.of(DNS1035_MSG)),
        Arguments.of("qualified ok", qualified, "app.kubernetes.io/name", List.of()),
        Arguments.of("qualified plain ok", qualified, "My_Name.1", List.of()),
        Arguments.of("qualified bad name", qualified, "bad key!", List.of(NAME_PART_MSG)),
        Arguments.of("qualified empty prefix", qualified, "/name", List.of("prefix part must be non-empty")),
        Arguments.of("qualified bad prefix", qualified, "Example.com/name", List.of("prefix part " + SUBDOMAIN_MSG)),
        Arguments.of("qualified empty name", qualified, "example.com/", List.of("name part must be non-empty")),
        Arguments.of("qualified long name", qualified, "a".repeat(64), List.of("name part must be no more than 63 characters")),
        Arguments.of("qualified two slashes", qualified, "a/b/c", List.of("a qualified name must consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
            + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with "
            + "an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")),
        Arguments.of("label value empty ok", labelValue, "", List.of()),
        Arguments.of("label value ok", labelValue, "v1.2_3-x", List.of()),
        Arguments.of("label value slash", labelValue, "a/b", List.of(LABEL_VALUE_MSG)),
        Arguments.of("label value too long", labelValue, "a".repeat(64), List.of("must be no more than 63 characters")),
        Arguments.of("config key ok", configKey, "app.properties", List.of()),
        Arguments.of("config key space", configKey, "bad key", List.of(CONFIG_KEY_MSG)),
        Arguments.of("config key dot", configKey, ".", List.of("must not be '.'")),
        Arguments.of("config key dotdot", configKey, "..", List.of("must not be '..'")),
        Arguments.of("config key dotdot prefix", configKey, "..data", List.of("must not start with '..'")),
        Arguments.of("env relaxed ok", env, "1-my.var:x", List.of()),
        Arguments.of("env equals", env, "A=B", List.of("a valid environment variable name must consist only of printable ASCII characters other than '='")),
        Arguments.of("env non-ascii", env, "café", List.of("a valid environment variable name must consist only of printable ASCII characters other than '='")),
        Arguments.of("iana ok", iana, "http-web", List.of()),
        Arguments.of("iana too long", iana, "abcdefghijklmnop", List.of("must be no more than 15 characters")),
        Arguments.of("iana upper", iana, "Http", List.of("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
        Arguments.of("iana digits", iana, "8080", List.of("must contain at least one letter (a-z)")),
        Arguments.of("iana double hyphen", iana, "a--b", List.of("must not contain consecutive hyphens")),
        Arguments.of("iana edge hyphen", iana, "-ab", List.of("must not begin or end with a hyphen")),
        Arguments.of("percent ok", percent, "25%", List.of()),
        Arguments.of("percent bad", percent, "25", List.of("a valid percent string must be a numeric string followed "
            + "by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")),
        Arguments.of("ipv4 ok", ip, "10.96.0.1", List.of()),
        Arguments.of("ipv6 ok", ip, "2001:db8::ffff", List.of()),
        Arguments.of("ip bad", ip, "10.96.0.256", List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
        Arguments.of("ip leading zero", ip, "010.1.1.1", List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
        Arguments.of("segment ok", segment, "system:controller:x", List.of()),
        Arguments.of("segment slash", segment, "a/b", List.of("may not contain '/'")),
        Arguments.of("segment dotdot", segment, "..", List.of("may not be '..'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void messages(String name, Function<String, List<String>> rule, String value, List<String> expected) {
    assertThat(rule.apply(value)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void portNumbers() {
    assertThat(Names.portNumber(80)).isEmpty();
    assertThat(Names.portNumber(0)).containsExactly("must be between 1 and 65535, inclusive");
    assertThat(Names.portNumber(65536)).containsExactly("must be between 1 and 65535, inclusive");
  }
}
