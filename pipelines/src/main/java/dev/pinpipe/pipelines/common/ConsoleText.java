package dev.pinpipe.pipelines.common;

/**
 * Text from the data made safe to print on a terminal: control characters (escape sequences
 * that retitle or clear the terminal, line breaks that forge a line, tabs) and the invisible
 * marks that reorder text are shown as {@code \\uXXXX} escapes instead of acting.
 */
public final class ConsoleText {
  private ConsoleText() {}

  /** {@code text} with every control and bidirectional formatting character escaped; null stays null. */
  public static String of(String text) {
    if (text == null || text.codePoints().noneMatch(ConsoleText::acts)) {
      return text;
    }
    StringBuilder safe = new StringBuilder(text.length() + 16);
    text.codePoints().forEach(c -> {
      if (acts(c)) {
        safe.append(String.format("\\u%04x", c));
      } else {
        safe.appendCodePoint(c);
      }
    });
    return safe.toString();
  }

  /** C0 and C1 controls, DEL, and the marks that change the direction of what follows. */
  private static boolean acts(int c) {
    return Character.getType(c) == Character.CONTROL
        || c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
