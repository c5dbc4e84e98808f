package dev.pinpipe.transforms;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines as bytes, read as UTF-8 strictly: a line with bytes that are not UTF-8 is rejected, not
 * silently given U+FFFD in their place, and is kept with those bytes escaped as {@code \xNN}.
 */
public final class Utf8Lines {
  public static final String NOT_UTF8 = "not valid UTF-8";

  private Utf8Lines() {}

  /** The line's text; {@link InvalidRecordException} with {@link #NOT_UTF8} if it is not UTF-8. */
  public static String decode(byte[] line) throws InvalidRecordException {
    try {
      return strictDecoder().decode(ByteBuffer.wrap(line)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidRecordException(NOT_UTF8);
    }
  }

  /** The line from {@code source} as text, or, if it is not UTF-8, unreadable and escaped. */
  public static SourcedLine sourced(String source, byte[] line) {
    try {
      return SourcedLine.of(source, decode(line));
    } catch (InvalidRecordException e) {
      return SourcedLine.unreadable(source, escaped(line), e.getMessage());
    }
  }

  /** The line's text with every byte that is not UTF-8 written as {@code \xNN}. */
  public static String escaped(byte[] line) {
    CharsetDecoder decoder = strictDecoder();
    ByteBuffer in = ByteBuffer.wrap(line);
    CharBuffer out = CharBuffer.allocate(line.length * 4 + 4);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isUnderflow()) {
        decoder.flush(out);
        return out.flip().toString();
      }
      for (int i = 0; i < result.length(); i++) {
        out.put(String.format("\\x%02X", in.get() & 0xff));
      }
    }
  }

  private static CharsetDecoder strictDecoder() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }
}
