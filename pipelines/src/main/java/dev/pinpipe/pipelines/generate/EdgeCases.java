package dev.pinpipe.pipelines.generate;

import dev.pinpipe.schemas.RecordKind;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The awkward values a real lake holds, added on purpose so that every rule is exercised:
 * malformed lines of each rejection reason, values on every age and year boundary, and unicode.
 */
final class EdgeCases {
  private EdgeCases() {}

  /** Ages on every age-group boundary, given to the first one-post posters (joined mid-2016). */
  static final int[] BOUNDARY_AGES = {17, 18, 24, 25, 35, 36, 50, 51, 60};

  /** date_joined on the edges of the 2015-2020 range, for the next one-post posters (age 30). */
  static final String[] BOUNDARY_JOINED = {
    "2014-12-31T23:59:59Z", "2015-01-01T00:00:00Z", "2020-12-31T23:59:59Z", "2021-01-01T00:00:00Z"
  };

  /** Post timestamps on the edges of the 2018-2022 range. */
  static final String[] BOUNDARY_TIMESTAMPS = {
    "2017-12-31T23:59:59Z", "2018-01-01T00:00:00Z", "2022-12-31T23:59:59Z", "2023-01-01T00:00:00Z"
  };

  static final List<String> UNICODE_COUNTRIES =
      List.of("Curaçao", "Réunion", "Côte d'Ivoire", "Åland Islands", "São Tomé and Príncipe");
  static final List<String> UNICODE_FIRST_NAMES =
      List.of("José", "Zoë", "Łukasz", "Søren", "Anaïs", "Björk", "Chloé", "Nuño");

  /** One line that {@code batch} must reject, with the post's index in it where it has a key. */
  static String malformedLine(RecordKind kind, long ind, SplittableRandom random) {
    switch (kind) {
      case PIN:
        return TextMaker.pick(
            List.of(
                "{\"index\": " + ind + ", \"title\": \"cut off",
                "[\"index\", " + ind + "]",
                "{\"title\": \"no index\", \"category\": \"art\"}",
                "{\"index\": \"pin-" + ind + "\", \"category\": \"art\"}",
                "{\"index\": " + ind + ".5, \"category\": \"art\"}",
                "{\"index\": " + ind + ", \"downloaded\": \"yes\"}"),
            random);
      case GEO:
        return TextMaker.pick(
            List.of(
                "{\"ind\": " + ind + ", \"latitude\": \"north\", \"longitude\": 1.5}",
                "{\"ind\": " + ind + ", \"timestamp\": \"yesterday\"}",
                "{\"ind\": null, \"country\": \"Chad\"}",
                "geo " + ind + " lost its braces"),
            random);
      default:
        return TextMaker.pick(
            List.of(
                "{\"ind\": " + ind + ", \"age\": \"old\"}",
                "{\"ind\": " + ind + ", \"date_joined\": \"2020-13-45 00:00:00\"}",
                "\"just a string\"",
                "{\"ind\": " + ind + ".5}"),
            random);
    }
  }
}
