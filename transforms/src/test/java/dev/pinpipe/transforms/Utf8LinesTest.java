package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {

  @Test
  void decodesUtf8AndRejectsAnythingElse() throws Exception {
    assertEquals("Zoë's café €", Utf8Lines.decode("Zoë's café €".getBytes(StandardCharsets.UTF_8)));
    byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(Utf8Lines.NOT_UTF8, assertThrows(InvalidRecordException.class, () -> Utf8Lines.decode(latin1)).getMessage());
    byte[] cutShort = {'a', (byte) 0xE2, (byte) 0x82};
    assertThrows(InvalidRecordException.class, () -> Utf8Lines.decode(cutShort));
  }

  @Test
  void escapesExactlyTheBytesThatAreNotUtf8() {
    assertEquals("caf\\xE9 ë", Utf8Lines.escaped(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xC3, (byte) 0xAB}));
    assertEquals("a\\xE2\\x82", Utf8Lines.escaped(new byte[] {'a', (byte) 0xE2, (byte) 0x82}));
    assertEquals("\\xFF\\xFE", Utf8Lines.escaped(new byte[] {(byte) 0xFF, (byte) 0xFE}));
    assertEquals("", Utf8Lines.escaped(new byte[0]));
  }

  @Test
  void givesASourcedLineOrAnUnreadableOneWithTheBytesEscaped() {
    assertEquals(SourcedLine.of("f:1", "café"), Utf8Lines.sourced("f:1", "café".getBytes(StandardCharsets.UTF_8)));
    assertEquals(SourcedLine.unreadable("f:2", "caf\\xE9", Utf8Lines.NOT_UTF8),
        Utf8Lines.sourced("f:2", "café".getBytes(StandardCharsets.ISO_8859_1)));
  }
}
