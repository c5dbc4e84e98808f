package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;

class SourcedLineTest {

  @Test
  void readableAndUnreadableLinesSurviveTheirCoder() throws Exception {
    SourcedLine readable = SourcedLine.of("lake/a.json:1", "{\"ind\": 1, \"title\": \"Zoë\"}");
    SourcedLine unreadable = SourcedLine.unreadable("lake/a.json:2", "{\"\\xFF\"}", Utf8Lines.NOT_UTF8);
    CoderProperties.coderDecodeEncodeEqual(SourcedLine.LineCoder.of(), readable);
    CoderProperties.coderDecodeEncodeEqual(SourcedLine.LineCoder.of(), unreadable);
    CoderProperties.coderDecodeEncodeEqual(SourcedLine.LineCoder.of(), SourcedLine.of("", ""));
    assertNull(readable.unreadable());
    assertEquals(Utf8Lines.NOT_UTF8, unreadable.unreadable());
  }

  @Test
  void isTheDefaultCoderOfTheType() throws Exception {
    assertEquals(SourcedLine.LineCoder.of(), CoderRegistry.createDefault().getCoder(TypeDescriptor.of(SourcedLine.class)));
  }
}
