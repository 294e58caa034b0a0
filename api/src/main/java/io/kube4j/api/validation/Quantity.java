package io.kube4j.api.validation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A Kubernetes resource quantity ({@code 100m}, {@code 1Gi}, {@code 1e3}, {@code 0.5}): an exact decimal amount
 * plus the suffix family it was written in, printed in upstream's canonical form so that {@code 1024Mi} reads back
 * as {@code 1Gi} and {@code 0.5} as {@code 500m}. Amounts are rounded up to whole nano-units, as upstream does.
 * Equality and ordering are by amount only.
 */
public final class Quantity implements Comparable<Quantity> {

  /** The suffix family a quantity is written in; canonical output keeps the family. */
  public enum Format {
    DECIMAL_SI,
    BINARY_SI,
    DECIMAL_EXPONENT
  }

  /** Upstream's parse error, shown to users when a quantity does not parse. */
  public static final String FORMAT_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);

  private final BigDecimal amount;
  private final Format format;

  private Quantity(BigDecimal amount, Format format) {
    this.amount = amount;
    this.format = format;
  }

  /** Thrown when a string is not a quantity; the message is upstream's. */
  public static final class FormatException extends IllegalArgumentException {
    public FormatException(String input) {
      super(FORMAT_ERROR + ": " + input);
    }
  }

  public static Quantity of(BigDecimal amount, Format format) {
    return new Quantity(roundUpToNano(amount), format);
  }

  public static Quantity ofMillis(long millis) {
    return new Quantity(BigDecimal.valueOf(millis, 3), Format.DECIMAL_SI);
  }

  public static Quantity ofUnits(long units, Format format) {
    return new Quantity(BigDecimal.valueOf(units), format);
  }

  /** Whether {@code s} parses as a quantity. */
  public static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (FormatException e) {
      return false;
    }
  }

  /** Parses a quantity string; throws {@link FormatException} with upstream's message when it is not one. */
  public static Quantity parse(String input) {
    Objects.requireNonNull(input, "input");
    var s = input.strip();
    if (s.isEmpty()) {
      throw new FormatException(input);
    }
    int i = 0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      i++;
    }
    int numberStart = i;
    int digits = 0;
    boolean dot = false;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
      i++;
    }
    if (digits == 0) {
      throw new FormatException(input);
    }
    var number = s.substring(numberStart, i);
    if (number.endsWith(".")) {
      number = number + "0";
    }
    if (number.startsWith(".")) {
      number = "0" + number;
    }
    var suffix = s.substring(i);
    BigDecimal amount = new BigDecimal(number);
    Format format;
    switch (suffix) {
      case "" -> format = Format.DECIMAL_SI;
      case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" -> {
        format = Format.BINARY_SI;
        int power = switch (suffix) {
          case "Ki" -> 10;
          case "Mi" -> 20;
          case "Gi" -> 30;
          case "Ti" -> 40;
          case "Pi" -> 50;
          default -> 60;
        };
        amount = amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(power)));
      }
      case "n", "u", "m", "k", "M", "G", "T", "P", "E" -> {
        format = Format.DECIMAL_SI;
        amount = amount.scaleByPowerOfTen(decimalExponent(suffix));
      }
      default -> {
        if (suffix.length() >= 2 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
          var exp = suffix.substring(1);
          if (!exp.matches("[-+]?[0-9]+") || exp.replaceFirst("^[-+]", "").length() > 5) {
            throw new FormatException(input);
          }
          format = Format.DECIMAL_EXPONENT;
          amount = amount.scaleByPowerOfTen(Integer.parseInt(exp));
        } else {
          throw new FormatException(input);
        }
      }
    }
    if (negative) {
      amount = amount.negate();
    }
    return new Quantity(roundUpToNano(amount), format);
  }

  private static int decimalExponent(String suffix) {
    return switch (suffix) {
      case "n" -> -9;
      case "u" -> -6;
      case "m" -> -3;
      case "" -> 0;
      case "k" -> 3;
      case "M" -> 6;
      case "G" -> 9;
      case "T" -> 12;
      case "P" -> 15;
      case "E" -> 18;
      default -> throw new IllegalArgumentException(suffix);
    };
  }

  private static BigDecimal roundUpToNano(BigDecimal amount) {
    // Upstream keeps at most nano precision and rounds away from zero, so "0.1n" becomes "1n".
    return amount.scale() > 9 ? amount.setScale(9, RoundingMode.UP) : amount;
  }

  public BigDecimal amount() {
    return amount;
  }

  public Format format() {
    return format;
  }

  public int signum() {
    return amount.signum();
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  /** The amount in whole units, rounded up (upstream's {@code Value()}). */
  public long value() {
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The amount in thousandths, rounded up (upstream's {@code MilliValue()}). */
  public long milliValue() {
    return amount.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  public Quantity add(Quantity other) {
    return new Quantity(amount.add(other.amount), format);
  }

  public Quantity subtract(Quantity other) {
    return new Quantity(amount.subtract(other.amount), format);
  }

  @Override
  public int compareTo(Quantity other) {
    return amount.compareTo(other.amount);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && amount.compareTo(q.amount) == 0;
  }

  @Override
  public int hashCode() {
    return amount.stripTrailingZeros().hashCode();
  }

  /** The canonical form upstream's {@code Quantity.String()} prints. */
  @Override
  public String toString() {
    if (amount.signum() == 0) {
      return "0";
    }
    var fmt = format;
    if (fmt == Format.BINARY_SI) {
      // Small or fractional binary amounts print as decimal, to avoid rounding and confusion.
      if (amount.abs().compareTo(BigDecimal.valueOf(1024)) < 0 || amount.stripTrailingZeros().scale() > 0) {
        fmt = Format.DECIMAL_SI;
      }
    }
    if (fmt == Format.BINARY_SI) {
      var whole = amount.toBigIntegerExact();
      var sign = whole.signum() < 0 ? "-" : "";
      var mantissa = whole.abs();
      int power = 0;
      while (power < 60 && mantissa.signum() != 0 && mantissa.getLowestSetBit() >= 10) {
        mantissa = mantissa.shiftRight(10);
        power += 10;
      }
      var suffix = switch (power) {
        case 0 -> "";
        case 10 -> "Ki";
        case 20 -> "Mi";
        case 30 -> "Gi";
        case 40 -> "Ti";
        case 50 -> "Pi";
        default -> "Ei";
      };
      return sign + mantissa + suffix;
    }
    var stripped = amount.stripTrailingZeros();
    int exponent = -stripped.scale();
    BigInteger unscaled = stripped.unscaledValue();
    // Use the largest multiple of three not above the exponent, so the mantissa stays an integer.
    int exp3 = Math.floorDiv(exponent, 3) * 3;
    if (fmt == Format.DECIMAL_SI) {
      exp3 = Math.min(exp3, 18);
    }
    var mantissa = unscaled.multiply(BigInteger.TEN.pow(exponent - exp3));
    String suffix;
    if (fmt == Format.DECIMAL_EXPONENT) {
      suffix = exp3 == 0 ? "" : "e" + exp3;
    } else {
      suffix = switch (exp3) {
        case -9 -> "n";
        case -6 -> "u";
        case -3 -> "m";
        case 0 -> "";
        case 3 -> "k";
        case 6 -> "M";
        case 9 -> "G";
        case 12 -> "T";
        case 15 -> "P";
        case 18 -> "E";
        default -> throw new IllegalStateException("exponent out of range: " + exp3);
      };
    }
    return mantissa + suffix;
  }
}
