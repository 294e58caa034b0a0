package io.kube4j.api.validation;

import java.util.List;

/**
 * How a kind's {@code metadata.name} is checked: one of upstream's name validation functions, which also checks
 * {@code generateName} prefixes (where a trailing '-' is allowed).
 */
@FunctionalInterface
public interface NameRule {

  /** Upstream messages for what is wrong with {@code name}; {@code prefix} is true when checking a generateName. */
  List<String> check(String name, boolean prefix);

  NameRule DNS_SUBDOMAIN = (name, prefix) -> Names.dns1123Subdomain(prefix ? trimDash(name) : name);
  NameRule DNS_LABEL = (name, prefix) -> Names.dns1123Label(prefix ? trimDash(name) : name);
  NameRule DNS1035_LABEL = (name, prefix) -> Names.dns1035Label(prefix ? trimDash(name) : name);
  NameRule PATH_SEGMENT = (name, prefix) -> Names.pathSegmentName(name);
  NameRule ANY = (name, prefix) -> List.of();

  private static String trimDash(String s) {
    return s.endsWith("-") ? s.substring(0, s.length() - 1) : s;
  }
}
