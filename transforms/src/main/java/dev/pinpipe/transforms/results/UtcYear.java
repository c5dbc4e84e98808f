package dev.pinpipe.transforms.results;

import org.joda.time.DateTimeZone;
import org.joda.time.ReadableInstant;

/** Calendar year in UTC, kept only inside an inclusive range of years. */
final class UtcYear {
  private UtcYear() {}

  /** The UTC year of {@code instant} if it lies in {@code [from, to]}, else null. */
  static Integer within(ReadableInstant instant, int from, int to) {
    if (instant == null) {
      return null;
    }
    int year = instant.toInstant().toDateTime(DateTimeZone.UTC).getYear();
    return year >= from && year <= to ? year : null;
  }
}
