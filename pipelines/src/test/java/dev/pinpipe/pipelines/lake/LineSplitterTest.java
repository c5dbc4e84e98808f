package dev.pinpipe.pipelines.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineSplitterTest {

  private static List<String> lines(byte[] bytes, int maxBytes) throws IOException {
    LineSplitter splitter = new LineSplitter(new ByteArrayInputStream(bytes), maxBytes, 3);
    List<String> lines = new ArrayList<>();
    for (LineSplitter.Line line = splitter.next(); line != null; line = splitter.next()) {
      lines.add(new String(line.bytes, StandardCharsets.UTF_8) + (line.length > maxBytes ? "(" + line.length + ")" : ""));
    }
    return lines;
  }

  /** Text with {@code \n} and {@code \r} written as {@code N} and {@code R}, and its lines joined by {@code |}. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = ';', value = {
    "aNbN; a|b",
    "aNb; a|b",
    "aRNbRN; a|b",
    "aRbRcN; a|b|c",
    "aNNbN; a||b",
    "N; ''",
    "''; ''",
    "RNRN; |",
    "a; a",
  })
  void splitsAsTextIoDoes(String text, String expected) throws IOException {
    byte[] bytes = text.replace('N', '\n').replace('R', '\r').getBytes(StandardCharsets.UTF_8);
    assertEquals(expected, String.join("|", lines(bytes, 100)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"a, a", "ab, ab"})
  void dropsAByteOrderMarkOnlyAtTheStart(String text, String expected) throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] bytes = (new String(bom, StandardCharsets.UTF_8) + text + "\n" + new String(bom, StandardCharsets.UTF_8) + text)
        .getBytes(StandardCharsets.UTF_8);
    assertEquals(List.of(expected, "\uFEFF" + expected), lines(bytes, 100));
  }

  @ParameterizedTest(name = "bound {0}")
  @CsvSource({"5, abc(6)|xy", "6, abcdef|xy"})
  void keepsOnlyTheStartOfALineOverTheBound(int maxBytes, String expected) throws IOException {
    assertEquals(expected, String.join("|", lines("abcdef\nxy\n".getBytes(StandardCharsets.UTF_8), maxBytes)));
  }

  @ParameterizedTest(name = "{0} bytes")
  @CsvSource({"65535", "65536", "65537", "200000"})
  void findsLineEndsAcrossReadChunks(int length) throws IOException {
    String line = "x".repeat(length);
    assertEquals(List.of(line, "y", line), lines((line + "\r\ny\r" + line).getBytes(StandardCharsets.UTF_8), 1_000_000));
  }
}
