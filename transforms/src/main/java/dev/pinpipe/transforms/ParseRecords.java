package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Parses JSON lines into raw records of one kind. Lines that cannot be read go to {@link
 * RecordsWithRejects#rejected()} with the line and a reason, and are counted in the metric
 * {@code rejected_<kind>} of namespace {@value #METRICS_NAMESPACE}.
 */
public final class ParseRecords extends PTransform<PCollection<String>, RecordsWithRejects> {
  public static final String METRICS_NAMESPACE = "pinpipe";

  private static final TupleTag<Row> PARSED = new TupleTag<Row>() {};
  private static final TupleTag<Row> REJECTED = new TupleTag<Row>() {};

  private final RecordKind kind;

  private ParseRecords(RecordKind kind) {
    this.kind = kind;
  }

  public static ParseRecords of(RecordKind kind) {
    return new ParseRecords(kind);
  }

  /** The name of the counter of lines rejected for {@code kind}. */
  public static String rejectedCounterName(RecordKind kind) {
    return "rejected_" + kind.label();
  }

  @Override
  public RecordsWithRejects expand(PCollection<String> lines) {
    PCollectionTuple parsed =
        lines.apply(
            "ParseJsonLine",
            ParDo.of(new ParseFn(kind)).withOutputTags(PARSED, TupleTagList.of(REJECTED)));
    return new RecordsWithRejects(
        parsed.get(PARSED).setRowSchema(kind.rawSchema()),
        parsed.get(REJECTED).setRowSchema(RejectedRecord.SCHEMA));
  }

  private static final class ParseFn extends DoFn<String, Row> {
    private final RecordKind kind;
    private final Counter rejected;

    ParseFn(RecordKind kind) {
      this.kind = kind;
      this.rejected = Metrics.counter(METRICS_NAMESPACE, rejectedCounterName(kind));
    }

    @ProcessElement
    public void process(@Element String line, MultiOutputReceiver out) {
      try {
        out.get(PARSED).output(RecordParser.parse(kind, line));
      } catch (InvalidRecordException e) {
        rejected.inc();
        out.get(REJECTED).output(RejectedRecord.of(kind, e.getMessage(), line));
      }
    }
  }
}
