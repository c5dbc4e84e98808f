package dev.pinpipe.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * A line as a reader got it, with where it came from (a lake file and line, a topic partition and
 * offset): its text, or, when its bytes could not be read as a line, why not and the bytes as far
 * as they can be shown. Readers hand both kinds to {@link CleanRecords}, which rejects the second
 * with its reason: one step, with one output of lines, rather than a step with a rejected output
 * of its own, which Spark would store and read back once per output.
 */
@DefaultCoder(SourcedLine.LineCoder.class)
public final class SourcedLine {
  private final String source;
  private final String text;
  private final String unreadable;

  private SourcedLine(String source, String text, String unreadable) {
    this.source = Objects.requireNonNull(source, "source");
    this.text = Objects.requireNonNull(text, "text");
    this.unreadable = unreadable;
  }

  /** A line read as text. */
  public static SourcedLine of(String source, String text) {
    return new SourcedLine(source, text, null);
  }

  /** Bytes that could not be read as a line, shown as {@code raw}, and why. */
  public static SourcedLine unreadable(String source, String raw, String reason) {
    return new SourcedLine(source, raw, Objects.requireNonNull(reason, "reason"));
  }

  public String source() {
    return source;
  }

  /** The line's text, or what can be shown of an unreadable one. */
  public String text() {
    return text;
  }

  /** Why the line could not be read; null if it could. */
  public String unreadable() {
    return unreadable;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourcedLine
        && source.equals(((SourcedLine) other).source)
        && text.equals(((SourcedLine) other).text)
        && Objects.equals(unreadable, ((SourcedLine) other).unreadable);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, text, unreadable);
  }

  @Override
  public String toString() {
    return source + (unreadable == null ? ": " : " (" + unreadable + "): ") + text;
  }

  /** Source, text and the nullable reason, as UTF-8 strings. */
  public static final class LineCoder extends CustomCoder<SourcedLine> {
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();
    private static final NullableCoder<String> REASON = NullableCoder.of(STRING);
    private static final LineCoder INSTANCE = new LineCoder();

    public static LineCoder of() {
      return INSTANCE;
    }

    /** How {@code @DefaultCoder} finds this coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(SourcedLine.class), INSTANCE);
    }

    @Override
    public void encode(SourcedLine line, OutputStream out) throws IOException {
      STRING.encode(line.source, out);
      STRING.encode(line.text, out);
      REASON.encode(line.unreadable, out);
    }

    @Override
    public SourcedLine decode(InputStream in) throws IOException {
      return new SourcedLine(STRING.decode(in), STRING.decode(in), REASON.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
