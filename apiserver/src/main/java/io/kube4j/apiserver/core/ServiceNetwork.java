package io.kube4j.apiserver.core;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The service IPv4 CIDR (default {@code 10.43.0.0/16}, as k3s) and node-port range (default
 * 30000–32767). The first address of the CIDR is the {@code kubernetes} service's.
 */
public record ServiceNetwork(String cidr, long base, int prefixLength, int nodePortMin, int nodePortMax) {

  public static ServiceNetwork of(String cidr, int nodePortMin, int nodePortMax) {
    var slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("service CIDR must look like 10.43.0.0/16, got " + cidr);
    }
    var ip = parse(cidr.substring(0, slash)).orElseThrow(() -> new IllegalArgumentException("not an IPv4 CIDR: " + cidr));
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    if (prefix < 8 || prefix > 30) {
      throw new IllegalArgumentException("service CIDR prefix must be between /8 and /30, got " + cidr);
    }
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return new ServiceNetwork(cidr, ip & mask, prefix, nodePortMin, nodePortMax);
  }

  public static ServiceNetwork defaults() {
    return of("10.43.0.0/16", 30000, 32767);
  }

  private long size() {
    return 1L << (32 - prefixLength);
  }

  /** The {@code kubernetes} service's address: the first usable one. */
  public String apiServerIp() {
    return format(base + 1);
  }

  public boolean contains(long ip) {
    return ip > base && ip < base + size() - 1;
  }

  public boolean nodePortInRange(int port) {
    return port >= nodePortMin && port <= nodePortMax;
  }

  /** A free address, picked at random to spread allocations (upstream picks randomly too). */
  Optional<Long> freeIp(Set<Long> used, Set<Long> skipped) {
    long usable = size() - 2;
    long start = ThreadLocalRandom.current().nextLong(usable);
    for (long i = 0; i < usable; i++) {
      long ip = base + 1 + (start + i) % usable;
      if (ip == base + 1) {
        continue; // reserved for the kubernetes service, allocated explicitly
      }
      if (!used.contains(ip) && !skipped.contains(ip)) {
        return Optional.of(ip);
      }
    }
    return Optional.empty();
  }

  Optional<Integer> freeNodePort(Set<Integer> used, Set<Integer> skipped) {
    int count = nodePortMax - nodePortMin + 1;
    int start = ThreadLocalRandom.current().nextInt(count);
    for (int i = 0; i < count; i++) {
      int port = nodePortMin + (start + i) % count;
      if (!used.contains(port) && !skipped.contains(port)) {
        return Optional.of(port);
      }
    }
    return Optional.empty();
  }

  public static Optional<Long> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    var parts = text.split("\\.");
    if (parts.length != 4) {
      return Optional.empty();
    }
    long v = 0;
    for (var p : parts) {
      try {
        int octet = Integer.parseInt(p);
        if (octet < 0 || octet > 255 || (p.length() > 1 && p.startsWith("0"))) {
          return Optional.empty();
        }
        v = (v << 8) | octet;
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(v);
  }

  public static String format(long ip) {
    return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
  }
}
