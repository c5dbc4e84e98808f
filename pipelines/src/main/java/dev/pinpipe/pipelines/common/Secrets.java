package dev.pinpipe.pipelines.common;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything the project prints or logs. Text is redacted in two ways:
 * by form, for a password in a URL's user info ({@code //user:secret@host}) or in a {@code
 * password=} parameter (any case, {@code ;} or {@code &} separated); and by value, for the
 * passwords a command was given, wherever they appear, so a driver that echoes one in its own
 * words is covered too.
 */
public final class Secrets {
  /** What a password becomes. */
  public static final String MASK = "***";
  /** Shorter known passwords are masked by form only, lest every such letter vanish. */
  private static final int MIN_MASKED_BY_VALUE = 4;
  /** Each form as (what comes before)(the password)(what comes after). */
  private static final List<Pattern> FORMS = List.of(
      Pattern.compile("(//[^/@:\\s]*:)([^@/\\s]*)(@)"),
      Pattern.compile("(?i)(password=)([^;&\\s]*)()"));

  private final List<String> values;

  private Secrets(List<String> values) {
    this.values = values;
  }

  /** Redaction by form alone. */
  public static Secrets byForm() {
    return new Secrets(List.of());
  }

  /** Redaction by form, and of these values wherever they appear. */
  public static Secrets of(Collection<String> values) {
    List<String> kept = new ArrayList<>();
    for (String value : values) {
      if (value != null && value.length() >= MIN_MASKED_BY_VALUE) {
        kept.add(value);
      }
    }
    kept.sort((a, b) -> b.length() - a.length()); // a longer secret first, in case one holds another
    return new Secrets(List.copyOf(kept));
  }

  /**
   * The passwords in a command's arguments ({@code --jdbcPassword=}, and in any URL argument)
   * and in the environment variable that holds the database password.
   */
  public static Secrets fromCommandLine(String[] args, String passwordVariable) {
    List<String> values = new ArrayList<>();
    values.add(System.getenv(passwordVariable));
    for (String arg : args) {
      if (arg.startsWith("--jdbcPassword=")) {
        values.add(arg.substring("--jdbcPassword=".length()));
      }
      values.addAll(passwordsIn(arg));
    }
    return of(values);
  }

  /** The passwords a URL holds, in its user info or a {@code password=} parameter. */
  public static List<String> passwordsIn(String text) {
    List<String> found = new ArrayList<>();
    for (Pattern form : FORMS) {
      Matcher password = form.matcher(text);
      while (password.find()) {
        found.add(password.group(2));
      }
    }
    return found;
  }

  /** {@code text} with every password masked. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String redacted = text;
    for (String value : values) {
      redacted = redacted.replace(value, MASK);
    }
    for (Pattern form : FORMS) {
      redacted = form.matcher(redacted).replaceAll("$1" + MASK + "$3");
    }
    return redacted;
  }

  /** A stream that writes what {@code out} would, a line at a time, redacted. */
  public PrintStream redacting(OutputStream out) {
    return new PrintStream(new LineRedactor(out), true, StandardCharsets.UTF_8);
  }

  /** Holds output until a line ends (or a flush), then writes it redacted. */
  private final class LineRedactor extends FilterOutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineRedactor(OutputStream out) {
      super(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
      line.write(b);
      if (b == '\n') {
        writeLine();
      }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
      for (int i = offset; i < offset + length; i++) {
        write(bytes[i]);
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      writeLine();
      out.flush();
    }

    private void writeLine() throws IOException {
      if (line.size() > 0) {
        out.write(redact(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        line.reset();
      }
    }
  }
}
