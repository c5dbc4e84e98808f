package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pinpipe.schemas.CleanSchemas;
import dev.pinpipe.schemas.RecordKind;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class CleaningRulesTest {

  private static Row pin(String json) throws InvalidRecordException {
    return PinCleaning.clean(RecordParser.parse(RecordKind.PIN, json));
  }

  @Test
  void cleansAWellFormedPin() throws Exception {
    Row clean =
        pin(
            "{\"index\": 7, \"unique_id\": \"u-1\", \"title\": \"T\", \"description\": \"D\","
                + " \"poster_name\": \"Poster\", \"follower_count\": \"12.3k\", \"tag_list\":"
                + " \"A,B\", \"is_image_or_video\": \"image\", \"image_src\": \"https://x/y.jpg\","
                + " \"downloaded\": 1, \"save_location\": \"Local save in /data/travel\","
                + " \"category\": \"travel\"}");
    assertEquals(CleanSchemas.PIN, clean.getSchema());
    assertEquals(
        List.of(7L, "u-1", "T", "D", 12_300L, "Poster", "A,B", "image", "https://x/y.jpg",
            "/data/travel", "travel", 1),
        clean.getValues());
  }

  @Test
  void pinColumnsComeInTheDocumentedOrder() {
    assertEquals(
        List.of("ind", "unique_id", "title", "description", "follower_count", "poster_name",
            "tag_list", "is_image_or_video", "image_src", "save_location", "category", "downloaded"),
        CleanSchemas.PIN.getFieldNames());
  }

  @Test
  void pinPlaceholdersBecomeNull() throws Exception {
    Row clean =
        pin(
            "{\"index\": 1, \"title\": \"No Title Data Available\", \"description\":"
                + " \"No description available Story format\", \"poster_name\": \"User Info"
                + " Error\", \"follower_count\": \"User Info Error\", \"tag_list\":"
                + " \"N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e\", \"image_src\": \"Image src error.\"}");
    for (String field :
        List.of("title", "description", "poster_name", "follower_count", "tag_list", "image_src")) {
      assertNull(clean.getValue(field), field);
    }
    assertNull(pin("{\"index\": 1, \"description\": \"No description available\"}").getString("description"));
    assertNull(pin("{\"index\": 1, \"description\": \"Untitled\"}").getString("description"));
  }

  @Test
  void placeholdersMatchExactly() throws Exception {
    Row clean = pin("{\"index\": 1, \"title\": \"Untitled\", \"poster_name\": \"User Info Error!\"}");
    assertEquals("Untitled", clean.getString("title"));
    assertEquals("User Info Error!", clean.getString("poster_name"));
  }

  @Test
  void blankStringsBecomeNullInEveryTable() throws Exception {
    Row clean = pin("{\"index\": 1, \"title\": \"\", \"category\": \"   \", \"unique_id\": \"\\t\"}");
    assertNull(clean.getString("title"));
    assertNull(clean.getString("category"));
    assertNull(clean.getString("unique_id"));
    assertNull(GeoCleaning.clean(RecordParser.parse(RecordKind.GEO, "{\"ind\": 1, \"country\": \" \"}")).getString("country"));
    assertNull(UserCleaning.clean(RecordParser.parse(RecordKind.USER, "{\"ind\": 1, \"first_name\": \"\", \"last_name\": \" \"}")).getString("user_name"));
  }

  @Test
  void textIsOtherwiseKeptExactly() throws Exception {
    assertEquals(" Lisa | Blog ", pin("{\"index\": 1, \"poster_name\": \" Lisa | Blog \"}").getString("poster_name"));
  }

  @Test
  void unreadableFollowerCountBecomesNull() throws Exception {
    assertNull(pin("{\"index\": 1, \"follower_count\": \"lots\"}").getInt64("follower_count"));
  }

  @Test
  void saveLocationKeepsOnlyThePath() {
    assertEquals("/data/travel", PinCleaning.savePath("Local save in /data/travel"));
    assertEquals("/data/art", PinCleaning.savePath("/data/art"));
    assertNull(PinCleaning.savePath("Local save in "));
    assertNull(PinCleaning.savePath(null));
  }

  @Test
  void geoCoordinatesNeedBothValues() throws Exception {
    Row clean =
        GeoCleaning.clean(
            RecordParser.parse(
                RecordKind.GEO,
                "{\"ind\": 3, \"timestamp\": \"2020-08-28 03:52:47\", \"latitude\": -45.5,"
                    + " \"longitude\": 120, \"country\": \"Réunion\"}"));
    assertEquals(CleanSchemas.GEO, clean.getSchema());
    assertEquals(List.of(-45.5, 120.0), clean.getArray("coordinates"));
    assertEquals("Réunion", clean.getString("country"));
    assertEquals(Instant.parse("2020-08-28T03:52:47Z"), clean.getDateTime("timestamp").toInstant());
    Row noLongitude =
        GeoCleaning.clean(RecordParser.parse(RecordKind.GEO, "{\"ind\": 3, \"latitude\": 1}"));
    assertNull(noLongitude.getArray("coordinates"));
  }

  @Test
  void userNameJoinsWhicheverNamesArePresent() throws Exception {
    Row clean =
        UserCleaning.clean(
            RecordParser.parse(
                RecordKind.USER,
                "{\"ind\": 2, \"first_name\": \"Zoë\", \"last_name\": \"Ali\", \"age\": 20,"
                    + " \"date_joined\": \"2015-10-21T04:00:00\"}"));
    assertEquals(CleanSchemas.USER, clean.getSchema());
    assertEquals("Zoë Ali", clean.getString("user_name"));
    assertEquals(20, (int) clean.getInt32("age"));
    assertEquals(Instant.parse("2015-10-21T04:00:00Z"), clean.getDateTime("date_joined").toInstant());
    assertEquals("Zoë", UserCleaning.userName("Zoë", null));
    assertEquals("Ali", UserCleaning.userName(" ", "Ali"));
    assertNull(UserCleaning.userName(null, null));
  }
}
