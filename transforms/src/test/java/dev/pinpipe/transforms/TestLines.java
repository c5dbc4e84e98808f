package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RejectedRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Test input and output for the steps that take lines keyed by their source. */
public final class TestLines {
  private TestLines() {}

  /** Lines keyed {@code test:1}, {@code test:2}, ... in the order given. */
  public static Create.Values<KV<String, String>> sourced(List<String> lines) {
    List<KV<String, String>> keyed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      keyed.add(KV.of(source(i + 1), lines.get(i)));
    }
    return Create.of(keyed).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));
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
