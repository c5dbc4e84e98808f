package dev.pinpipe.pipelines.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ConsoleTextTest {
  @Test
  void plainTextIsLeftAsItIs() {
    String plain = "Zoë Ødegaard 🎨, 東京";
    assertSame(plain, ConsoleText.of(plain));
    assertNull(ConsoleText.of(null));
  }

  @Test
  void escapeSequencesLineBreaksAndDirectionMarksAreShownNotActedOn() {
    assertEquals("\\u001b]0;pwned\\u0007", ConsoleText.of("\u001b]0;pwned\u0007"));
    assertEquals("\\u001b[2J\\u001b[H", ConsoleText.of("\u001b[2J\u001b[H"));
    assertEquals("Ann\\u000d\\u000aerror: forged", ConsoleText.of("Ann\r\nerror: forged"));
    assertEquals("a\\u0009b\\u007fc\\u009bd", ConsoleText.of("a\tb\u007fc\u009bd"));
    assertEquals("\\u202eevil\\u2066", ConsoleText.of("\u202eevil\u2066"));
  }

  @Test
  void oneLineKeepsTheFirstLineAndEscapesTheRest() {
    assertEquals("bad file \\u001b[2J.json", OneLine.of("bad file \u001b[2J.json\nat line 2"));
  }
}
