package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RejectedRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Test input and output for the steps that take lines keyed by their source. */
public final class TestLines {
  private TestLines() {}

  /** Lines from sources {@code test:1}, {@code test:2}, ... in the order given. */
  public static Create.Values<SourcedLine> sourced(List<String> lines) {
    return Create.of(sourcedLines(lines)).withCoder(SourcedLine.LineCoder.of());
  }

  /** The same lines as a list. */
  public static List<SourcedLine> sourcedLines(List<String> lines) {
    List<SourcedLine> sourced = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      sourced.add(SourcedLine.of(source(i + 1), lines.get(i)));
    }
    return sourced;
  }

  public static String source(int lineNumber) {
    return "test:" + lineNumber;
  }

  /** A rejected record without its times, which a test cannot know: kind|reason|raw|source. */
  public static String rejected(String kind, String reason, String raw, String source) {
    return String.join("|", kind, reason, raw, source);
  }

  /** Rejected records as {@link #rejected} describes them. */
  public static PCollection<String> described(PCollection<Row> rejected, String name) {
    return rejected.apply(name, MapElements.into(TypeDescriptors.strings()).via((Row row) -> rejected(
        row.getString("kind"), row.getString("reason"), row.getString("raw"), row.getString(RejectedRecord.KEY))));
  }
}
