package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pinpipe.schemas.RecordKind;
import java.util.stream.Stream;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordParserTest {

  private static String rejection(RecordKind kind, String line) {
    return assertThrows(InvalidRecordException.class, () -> RecordParser.parse(kind, line))
        .getMessage();
  }

  /** Each line the parser must reject, with the reason it must give. */
  static Stream<Arguments> rejectedLines() {
    return Stream.of(
        // not a JSON object
        Arguments.of(RecordKind.PIN, "{\"index\": 1", "not valid JSON"),
        Arguments.of(RecordKind.PIN, "{\"index\": 1} trailing", "not valid JSON"),
        Arguments.of(RecordKind.PIN, "[1, 2]", "not a JSON object"),
        Arguments.of(RecordKind.GEO, "\"text\"", "not a JSON object"),
        Arguments.of(RecordKind.USER, "", "not a JSON object"),
        // missing or null keys
        Arguments.of(RecordKind.PIN, "{\"ind\": 1}", "missing key index"),
        Arguments.of(RecordKind.GEO, "{\"index\": 1}", "missing key ind"),
        Arguments.of(RecordKind.USER, "{\"ind\": null}", "missing key ind"),
        // integers that are not integral
        Arguments.of(RecordKind.PIN, "{\"index\": 3.5}", "index is not an integer"),
        Arguments.of(RecordKind.PIN, "{\"index\": \"abc\"}", "index is not an integer"),
        Arguments.of(RecordKind.PIN, "{\"index\": true}", "index is not an integer"),
        Arguments.of(RecordKind.USER, "{\"ind\": 1e30}", "ind is not an integer"),
        Arguments.of(RecordKind.USER, "{\"ind\": 1, \"age\": \"old\"}", "age is not an integer"),
        Arguments.of(RecordKind.USER, "{\"ind\": 1, \"age\": 3000000000}", "age is not an integer"),
        Arguments.of(RecordKind.PIN, "{\"index\": 1, \"downloaded\": \"yes\"}", "downloaded is not an integer"),
        // coordinates that are not numbers
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"latitude\": \"north\"}", "latitude is not a number"),
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"longitude\": [1]}", "longitude is not a number"),
        // datetimes that cannot be read
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": \"yesterday\"}", "timestamp is not a datetime"),
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": 1598586767}", "timestamp is not a datetime"),
        Arguments.of(RecordKind.USER, "{\"ind\": 1, \"date_joined\": \"2020-13-45 00:00:00\"}",
            "date_joined is not a datetime"),
        // text fields holding objects
        Arguments.of(RecordKind.PIN, "{\"index\": 1, \"title\": {}}", "title is not text"),
        // a key given twice
        Arguments.of(RecordKind.PIN, "{\"index\": 1, \"index\": 2}", "duplicate key index"),
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"x\": {\"a\": 1, \"a\": 2}}", "duplicate key a"),
        // datetimes outside the years 1 to 9999, however they are written
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": \"+999999999-12-31T23:59:59\"}",
            "timestamp is outside the years 1 to 9999"),
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": \"-999999999-01-01T00:00:00+18:00\"}",
            "timestamp is outside the years 1 to 9999"),
        Arguments.of(RecordKind.USER, "{\"ind\": 1, \"date_joined\": \"0000-12-31 23:59:59\"}",
            "date_joined is outside the years 1 to 9999"),
        // numbers that are not finite, whatever their spelling
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"latitude\": \"1e400\"}", "latitude is not a number"),
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"latitude\": -1e400}", "latitude is not a number"),
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"longitude\": \"Infinity\"}", "longitude is not a number"),
        Arguments.of(RecordKind.GEO, "{\"ind\": 1, \"longitude\": \"NaN\"}", "longitude is not a number"),
        // numbers in strings too long to be real are not converted at all
        Arguments.of(RecordKind.PIN, "{\"index\": \"" + "1".repeat(65) + "\"}", "index is not an integer"),
        Arguments.of(RecordKind.PIN, "{\"index\": " + "1".repeat(1_001) + "}", "not valid JSON"),
        // a line longer than any post
        Arguments.of(RecordKind.PIN, "{\"index\": 1, \"title\": \"" + "x".repeat(RecordParser.MAX_LINE_CHARS) + "\"}",
            "longer than 10,000,000 characters"));
  }

  @ParameterizedTest(name = "[{index}] {0} -> {2}")
  @MethodSource("rejectedLines")
  void rejectsTheLineWithItsReason(RecordKind kind, String line, String reason) {
    assertEquals(reason, rejection(kind, line));
  }

  @Test
  void acceptsTheFirstAndLastYearAndLongNumbersWithinTheBound() throws Exception {
    Row first = RecordParser.parse(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": \"0001-01-01 00:00:00\"}");
    assertEquals(Instant.parse("0001-01-01T00:00:00Z"), first.getDateTime("timestamp").toInstant());
    Row last = RecordParser.parse(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": \"9999-12-31T23:59:59\"}");
    assertEquals(Instant.parse("9999-12-31T23:59:59Z"), last.getDateTime("timestamp").toInstant());
    String padded = "0".repeat(RecordParser.MAX_NUMBER_CHARS - 2) + "42";
    assertEquals(42L, (long) RecordParser.parse(RecordKind.PIN, "{\"index\": \"" + padded + "\"}").getInt64("index"));
  }

  @Test
  void acceptsIntegralNumbersAndNumericStrings() throws Exception {
    assertEquals(3L, (long) RecordParser.parse(RecordKind.PIN, "{\"index\": 3.0}").getInt64("index"));
    assertEquals(42L, (long) RecordParser.parse(RecordKind.PIN, "{\"index\": \"42\"}").getInt64("index"));
    Row user = RecordParser.parse(RecordKind.USER, "{\"ind\": 7, \"age\": \"25\"}");
    assertEquals(25, (int) user.getInt32("age"));
  }

  @Test
  void readsBothDatetimeFormatsAsUtc() throws Exception {
    Instant expected = Instant.parse("2020-08-28T03:52:47Z");
    for (String timestamp :
        new String[] {"2020-08-28 03:52:47", "2020-08-28T03:52:47", "2020-08-28T03:52:47Z"}) {
      Row geo =
          RecordParser.parse(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": \"" + timestamp + "\"}");
      assertEquals(expected, geo.getDateTime("timestamp").toInstant(), timestamp);
    }
  }

  @Test
  void missingFieldsAreNullAndUnknownFieldsAreIgnored() throws Exception {
    Row geo =
        RecordParser.parse(
            RecordKind.GEO, "{\"ind\": 5, \"latitude\": -45.5, \"extra\": {\"a\": 1}}");
    assertEquals(5L, (long) geo.getInt64("ind"));
    assertEquals(-45.5, geo.getDouble("latitude"), 0.0);
    assertNull(geo.getDouble("longitude"));
    assertNull(geo.getString("country"));
  }

  @Test
  void keepsTextAsSentIncludingNumbersAndUnicode() throws Exception {
    Row pin =
        RecordParser.parse(
            RecordKind.PIN,
            "{\"index\": 1, \"follower_count\": 718, \"poster_name\": \"Zoë's Café \"}");
    assertEquals("718", pin.getString("follower_count"));
    assertEquals("Zoë's Café ", pin.getString("poster_name"));
  }
}
