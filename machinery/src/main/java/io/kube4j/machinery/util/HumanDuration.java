package io.kube4j.machinery.util;

import java.time.Duration;
import java.time.Instant;

/**
 * The short, lossy duration text Kubernetes prints in AGE-like columns ({@code 45s}, {@code 5m10s},
 * {@code 3h}, {@code 2d5h}, {@code 3y}), with the same rounding thresholds as upstream's
 * {@code duration.HumanDuration}, so that kube4j tables read exactly like a real cluster's.
 */
public final class HumanDuration {

  private HumanDuration() {}

  /** Formats {@code d}; up to one second in the future still reads {@code 0s} (clock skew), more is {@code <invalid>}. */
  public static String format(Duration d) {
    long seconds = d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0); // truncate toward zero like Go's int(d.Seconds())
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = seconds / 3600;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return (hours / 24) + "d";
    } else if (hours < 24 * 365 * 8) {
      long days = (hours / 24) % 365;
      return days == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + days + "d";
    }
    return (hours / 24 / 365) + "y";
  }

  /** The time elapsed from {@code then} to {@code now}, or {@code <unknown>} when {@code then} is absent. */
  public static String since(Instant then, Instant now) {
    return then == null ? "<unknown>" : format(Duration.between(then, now));
  }
}
