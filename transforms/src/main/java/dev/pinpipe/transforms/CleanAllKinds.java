package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import java.util.EnumMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Cleans the lines of all three kinds with {@link CleanRecords}, each by its own rules: the step
 * every pipeline (batch, stream) and the tests begin with. Its input holds each kind's lines under
 * {@link #linesOf}; build it with {@link #input}.
 */
public final class CleanAllKinds extends PTransform<PCollectionTuple, CleanedKinds> {
  private static final Map<RecordKind, TupleTag<SourcedLine>> TAGS = new EnumMap<>(RecordKind.class);

  static {
    for (RecordKind kind : RecordKind.values()) {
      TAGS.put(kind, new TupleTag<>(kind.label()));
    }
  }

  private CleanAllKinds() {}

  public static CleanAllKinds create() {
    return new CleanAllKinds();
  }

  /** The tag of {@code kind}'s lines in the input. */
  public static TupleTag<SourcedLine> linesOf(RecordKind kind) {
    return TAGS.get(kind);
  }

  /** The input of this transform: every kind's lines. */
  public static PCollectionTuple input(Map<RecordKind, PCollection<SourcedLine>> lines) {
    PCollectionTuple input = PCollectionTuple.empty(lines.values().iterator().next().getPipeline());
    for (RecordKind kind : RecordKind.values()) {
      input = input.and(linesOf(kind), lines.get(kind));
    }
    return input;
  }

  @Override
  public CleanedKinds expand(PCollectionTuple lines) {
    Map<RecordKind, WithRejects<KV<String, Row>>> cleaned = new EnumMap<>(RecordKind.class);
    Map<RecordKind, PCollection<Row>> tables = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      String name = kind.title();
      WithRejects<KV<String, Row>> records = lines.get(linesOf(kind)).apply("Clean" + name, CleanRecords.of(kind));
      cleaned.put(kind, records);
      tables.put(kind, records.values().apply("Records" + name, Values.create()).setRowSchema(kind.cleanSchema()));
    }
    return new CleanedKinds(lines.getPipeline(), cleaned,
        CleanTables.of(tables.get(RecordKind.PIN), tables.get(RecordKind.GEO), tables.get(RecordKind.USER)));
  }
}
