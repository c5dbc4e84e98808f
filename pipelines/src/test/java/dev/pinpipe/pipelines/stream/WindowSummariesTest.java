package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.TableSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.beam.sdk.values.Row;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

class WindowSummariesTest {
  @Test
  void aWindowLineShowsTheDataNamesEscaped() {
    TableSpec summary = TableSpec.summary("t");
    DateTime start = new DateTime(2026, 12, 1, 10, 0, DateTimeZone.UTC);
    Row row = Row.withSchema(summary.schema).addValues(start, start.plusMinutes(1), 10L, 1L, 4L,
        "art\u001b[2J", 3L, "Ann\r\nstream: forged", 2L).build();
    assertEquals("window 10:00:00-10:01:00 UTC: 10 records, 1 rejected, 4 posts; top category art\\u001b[2J"
        + " (3 posts), top poster Ann\\u000d\\u000astream: forged (2 posts)", WindowSummaries.line(row));
  }
}
