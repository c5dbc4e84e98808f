package dev.pinpipe.transforms;

import java.util.Set;

/** String rules shared by every table. */
final class Text {
  private Text() {}

  /** Empty or blank strings become null; other strings are kept exactly. */
  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** {@link #blankToNull}, and null for any of the source's placeholder values. */
  static String withoutPlaceholders(String value, Set<String> placeholders) {
    String text = blankToNull(value);
    return text == null || placeholders.contains(text) ? null : text;
  }

  /** {@code text} on one line and at most 100 characters, to quote inside a rejection reason. */
  static String shortened(String text) {
    String line = text.replaceAll("\\s", " ");
    return line.length() <= 100 ? line : line.substring(0, 100) + "...";
  }
}
