package io.kube4j.api.kinds;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CronJob schedule as the standard cron parser upstream uses reads it: five fields (minute, hour, day of month,
 * month, day of week) with lists, ranges, steps and names, the {@code @hourly}-style descriptors, {@code @every
 * <duration>}, and an optional {@code TZ=<zone>} or {@code CRON_TZ=<zone>} prefix. Parse errors carry upstream's
 * messages. {@link #next} gives the first activation strictly after a time, for the CronJob controller.
 */
public final class CronSchedule {

  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  private static final Pattern GO_DURATION = Pattern.compile("((\\d+(\\.\\d+)?)(h|ms|m|s))+");
  private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domStar;
  private final boolean dowStar;
  private final ZoneId zone;
  private final Duration every;

  private CronSchedule(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
      boolean domStar, boolean dowStar, ZoneId zone, Duration every) {
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
    this.domStar = domStar;
    this.dowStar = dowStar;
    this.zone = zone;
    this.every = every;
  }

  /** A schedule that does not parse; the message is the one upstream reports. */
  public static final class ParseException extends Exception {
    public ParseException(String message) {
      super(message);
    }
  }

  /** The zone given with TZ=/CRON_TZ=, if any. */
  public Optional<ZoneId> zone() {
    return Optional.ofNullable(zone);
  }

  /** Whether the schedule names its own time zone with a TZ= or CRON_TZ= prefix. */
  public static boolean hasTimeZonePrefix(String spec) {
    return spec.contains("TZ");
  }

  public static CronSchedule parse(String spec) throws ParseException {
    var s = spec.strip();
    if (s.isEmpty()) {
      throw new ParseException("empty spec string");
    }
    ZoneId zone = null;
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int space = s.indexOf(' ');
      var name = s.substring(s.indexOf('=') + 1, space < 0 ? s.length() : space);
      try {
        zone = ZoneId.of(name);
      } catch (DateTimeException e) {
        throw new ParseException("provided bad location " + name + ": unknown time zone " + name);
      }
      s = space < 0 ? "" : s.substring(space).strip();
    }
    if (s.startsWith("@")) {
      return descriptor(s, zone);
    }
    var fields = s.split("\\s+");
    if (fields.length != 5) {
      throw new ParseException("expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]");
    }
    var minutes = new BitSet();
    var hours = new BitSet();
    var doms = new BitSet();
    var months = new BitSet();
    var dows = new BitSet();
    parseField(fields[0], 0, 59, List.of(), minutes);
    parseField(fields[1], 0, 23, List.of(), hours);
    boolean domStar = parseField(fields[2], 1, 31, List.of(), doms);
    parseField(fields[3], 1, 12, MONTHS, months);
    boolean dowStar = parseField(fields[4], 0, 6, DAYS, dows);
    return new CronSchedule(minutes, hours, doms, months, dows, domStar, dowStar, zone, null);
  }

  private static CronSchedule descriptor(String s, ZoneId zone) throws ParseException {
    String fields = switch (s) {
      case "@yearly", "@annually" -> "0 0 1 1 *";
      case "@monthly" -> "0 0 1 * *";
      case "@weekly" -> "0 0 * * 0";
      case "@daily", "@midnight" -> "0 0 * * *";
      case "@hourly" -> "0 * * * *";
      default -> null;
    };
    if (fields != null) {
      var parsed = parse(fields);
      return new CronSchedule(parsed.minutes, parsed.hours, parsed.daysOfMonth, parsed.months, parsed.daysOfWeek,
          parsed.domStar, parsed.dowStar, zone, null);
    }
    if (s.startsWith("@every ")) {
      var text = s.substring("@every ".length()).strip();
      var duration = parseGoDuration(text);
      if (duration == null) {
        throw new ParseException("failed to parse duration " + s + ": time: invalid duration \"" + text + "\"");
      }
      if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
        duration = Duration.ofSeconds(1);
      }
      return new CronSchedule(null, null, null, null, null, false, false, zone, duration.truncatedTo(ChronoUnit.SECONDS));
    }
    throw new ParseException("unrecognized descriptor: " + s);
  }

  private static Duration parseGoDuration(String text) {
    if (!GO_DURATION.matcher(text).matches()) {
      return null;
    }
    var m = GO_DURATION_PART.matcher(text);
    double nanos = 0;
    while (m.find()) {
      double v = Double.parseDouble(m.group(1));
      nanos += switch (m.group(2)) {
        case "h" -> v * 3600e9;
        case "m" -> v * 60e9;
        case "s" -> v * 1e9;
        default -> v * 1e6;
      };
    }
    return Duration.ofNanos((long) nanos);
  }

  /** Parses one field into bits; returns whether it was an unrestricted "*" or "?". */
  private static boolean parseField(String field, int min, int max, List<String> names, BitSet bits)
      throws ParseException {
    boolean star = false;
    for (String expr : field.split(",")) {
      star |= parseRange(expr, min, max, names, bits);
    }
    return star;
  }

  private static boolean parseRange(String expr, int min, int max, List<String> names, BitSet bits)
      throws ParseException {
    var rangeAndStep = expr.split("/", -1);
    var lowAndHigh = rangeAndStep[0].split("-", -1);
    boolean singleDigit = lowAndHigh.length == 1;
    int start;
    int end;
    boolean star = false;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = min;
      end = max;
      star = true;
    } else {
      start = parseValue(lowAndHigh[0], names);
      switch (lowAndHigh.length) {
        case 1 -> end = start;
        case 2 -> end = parseValue(lowAndHigh[1], names);
        default -> throw new ParseException("too many hyphens: " + expr);
      }
    }
    int step;
    switch (rangeAndStep.length) {
      case 1 -> step = 1;
      case 2 -> {
        step = parseInt(rangeAndStep[1]);
        if (singleDigit) {
          end = max;
        }
        if (step > 1) {
          star = false;
        }
      }
      default -> throw new ParseException("too many slashes: " + expr);
    }
    if (start < min) {
      throw new ParseException("beginning of range (" + start + ") below minimum (" + min + "): " + expr);
    }
    if (end > max) {
      throw new ParseException("end of range (" + end + ") above maximum (" + max + "): " + expr);
    }
    if (start > end) {
      throw new ParseException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
    }
    if (step == 0) {
      throw new ParseException("step of range should be a positive number: " + expr);
    }
    for (int i = start; i <= end; i += step) {
      bits.set(i);
    }
    return star;
  }

  private static int parseValue(String text, List<String> names) throws ParseException {
    int idx = names.indexOf(text.toLowerCase(Locale.ROOT));
    if (idx >= 0) {
      // Month names map to 1..12, day names to 0..6.
      return names.size() == 12 ? idx + 1 : idx;
    }
    return parseInt(text);
  }

  private static int parseInt(String text) throws ParseException {
    try {
      int v = Integer.parseInt(text);
      if (v < 0) {
        throw new ParseException("negative number (" + v + ") not allowed: " + text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ParseException("failed to parse int from " + text + ": strconv.Atoi: parsing \"" + text
          + "\": invalid syntax");
    }
  }

  /** The first activation strictly after {@code after}, in the schedule's zone if it names one; empty if none within five years. */
  public Optional<ZonedDateTime> next(ZonedDateTime after) {
    var t = zone == null ? after : after.withZoneSameInstant(zone);
    if (every != null) {
      return Optional.of(t.plus(every).truncatedTo(ChronoUnit.SECONDS));
    }
    t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    var limit = t.plusYears(5);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
        continue;
      }
      if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
        continue;
      }
      if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
        continue;
      }
      return Optional.of(t);
    }
    return Optional.empty();
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    // Standard cron: when both day fields are restricted, either may match.
    return domStar || dowStar ? dom && dow : dom || dow;
  }

  @Override
  public String toString() {
    return "CronSchedule" + Arrays.asList(minutes, hours, daysOfMonth, months, daysOfWeek, zone, every);
  }
}
