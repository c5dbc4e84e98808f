package dev.pinpipe.transforms;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the source's follower_count text ({@code 718}, {@code 12k}, {@code 12.3k}, {@code 1M}). */
public final class FollowerCounts {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)(?:(\\.\\d+)?([kM]))?");
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private FollowerCounts() {}

  /**
   * Plain digits, or a number with suffix {@code k} (x1,000) or {@code M} (x1,000,000), decimals
   * allowed before a suffix. Fractions of a follower are truncated. Anything else is null.
   */
  public static Long parse(String text) {
    if (text == null || text.length() > RecordParser.MAX_NUMBER_CHARS) {
      return null; // bounded before BigDecimal, whose cost grows with the square of the digits
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(m.group(2) == null ? m.group(1) : m.group(1) + m.group(2));
    if (m.group(3) != null) {
      number = number.multiply(m.group(3).equals("k") ? THOUSAND : MILLION);
    }
    try {
      return number.toBigInteger().longValueExact();
    } catch (ArithmeticException tooLarge) {
      return null;
    }
  }
}
