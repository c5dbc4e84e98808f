package dev.pinpipe.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import dev.pinpipe.schemas.RecordKind;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;

public class RecordParserTest {

  private static String rejection(RecordKind kind, String line) {
    return assertThrows(InvalidRecordException.class, () -> RecordParser.parse(kind, line))
        .getMessage();
  }

  @Test
  public void rejectsLinesThatAreNotJsonObjects() {
    assertEquals("not valid JSON", rejection(RecordKind.PIN, "{\"index\": 1"));
    assertEquals("not valid JSON", rejection(RecordKind.PIN, "{\"index\": 1} trailing"));
    assertEquals("not a JSON object", rejection(RecordKind.PIN, "[1, 2]"));
    assertEquals("not a JSON object", rejection(RecordKind.GEO, "\"text\""));
    assertEquals("not a JSON object", rejection(RecordKind.USER, ""));
  }

  @Test
  public void rejectsMissingOrNullKeys() {
    assertEquals("missing key index", rejection(RecordKind.PIN, "{\"ind\": 1}"));
    assertEquals("missing key ind", rejection(RecordKind.GEO, "{\"index\": 1}"));
    assertEquals("missing key ind", rejection(RecordKind.USER, "{\"ind\": null}"));
  }

  @Test
  public void rejectsIntegersThatAreNotIntegral() {
    assertEquals("index is not an integer", rejection(RecordKind.PIN, "{\"index\": 3.5}"));
    assertEquals("index is not an integer", rejection(RecordKind.PIN, "{\"index\": \"abc\"}"));
    assertEquals("index is not an integer", rejection(RecordKind.PIN, "{\"index\": true}"));
    assertEquals("ind is not an integer", rejection(RecordKind.USER, "{\"ind\": 1e30}"));
    assertEquals("age is not an integer", rejection(RecordKind.USER, "{\"ind\": 1, \"age\": \"old\"}"));
    assertEquals("age is not an integer", rejection(RecordKind.USER, "{\"ind\": 1, \"age\": 3000000000}"));
    assertEquals(
        "downloaded is not an integer",
        rejection(RecordKind.PIN, "{\"index\": 1, \"downloaded\": \"yes\"}"));
  }

  @Test
  public void acceptsIntegralNumbersAndNumericStrings() throws Exception {
    assertEquals(3L, (long) RecordParser.parse(RecordKind.PIN, "{\"index\": 3.0}").getInt64("index"));
    assertEquals(42L, (long) RecordParser.parse(RecordKind.PIN, "{\"index\": \"42\"}").getInt64("index"));
    Row user = RecordParser.parse(RecordKind.USER, "{\"ind\": 7, \"age\": \"25\"}");
    assertEquals(25, (int) user.getInt32("age"));
  }

  @Test
  public void rejectsCoordinatesThatAreNotNumbers() {
    assertEquals(
        "latitude is not a number", rejection(RecordKind.GEO, "{\"ind\": 1, \"latitude\": \"north\"}"));
    assertEquals(
        "longitude is not a number", rejection(RecordKind.GEO, "{\"ind\": 1, \"longitude\": [1]}"));
  }

  @Test
  public void rejectsDatetimesThatCannotBeRead() {
    assertEquals(
        "timestamp is not a datetime",
        rejection(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": \"yesterday\"}"));
    assertEquals(
        "timestamp is not a datetime",
        rejection(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": 1598586767}"));
    assertEquals(
        "date_joined is not a datetime",
        rejection(RecordKind.USER, "{\"ind\": 1, \"date_joined\": \"2020-13-45 00:00:00\"}"));
  }

  @Test
  public void rejectsTextFieldsHoldingObjects() {
    assertEquals("title is not text", rejection(RecordKind.PIN, "{\"index\": 1, \"title\": {}}"));
  }

  @Test
  public void readsBothDatetimeFormatsAsUtc() throws Exception {
    Instant expected = Instant.parse("2020-08-28T03:52:47Z");
    for (String timestamp :
        new String[] {"2020-08-28 03:52:47", "2020-08-28T03:52:47", "2020-08-28T03:52:47Z"}) {
      Row geo =
          RecordParser.parse(RecordKind.GEO, "{\"ind\": 1, \"timestamp\": \"" + timestamp + "\"}");
      assertEquals(timestamp, expected, geo.getDateTime("timestamp").toInstant());
    }
  }

  @Test
  public void missingFieldsAreNullAndUnknownFieldsAreIgnored() throws Exception {
    Row geo =
        RecordParser.parse(
            RecordKind.GEO, "{\"ind\": 5, \"latitude\": -45.5, \"extra\": {\"a\": 1}}");
    assertEquals(5L, (long) geo.getInt64("ind"));
    assertEquals(-45.5, geo.getDouble("latitude"), 0.0);
    assertNull(geo.getDouble("longitude"));
    assertNull(geo.getString("country"));
  }

  @Test
  public void keepsTextAsSentIncludingNumbersAndUnicode() throws Exception {
    Row pin =
        RecordParser.parse(
            RecordKind.PIN,
            "{\"index\": 1, \"follower_count\": 718, \"poster_name\": \"Zoë's Café \"}");
    assertEquals("718", pin.getString("follower_count"));
    assertEquals("Zoë's Café ", pin.getString("poster_name"));
  }
}
