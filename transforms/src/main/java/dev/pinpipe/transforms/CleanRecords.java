package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Parses JSON lines of one kind and applies that kind's cleaning rules, a line at a time: the
 * cleaning every pipeline shares, on bounded and unbounded input, in any windowing. Each line
 * comes with where it came from ({@link SourcedLine}), and its clean record is keyed by that
 * source. A line its reader could not read, a line that cannot be parsed, and one that makes any
 * step throw go to {@link WithRejects#rejected()} with the line, its source, its arrival (the
 * element's timestamp) and a reason, and are counted in the metric {@code rejected_<kind>} of
 * namespace {@value #METRICS_NAMESPACE} (a clean one in {@code clean_<kind>}): this is the one
 * step that rejects lines, and no single line can fail the pipeline. Duplicates pass; which copy
 * to keep is each pipeline's choice.
 */
public final class CleanRecords extends PTransform<PCollection<SourcedLine>, WithRejects<KV<String, Row>>> {
  public static final String METRICS_NAMESPACE = "pinpipe";

  private static final TupleTag<KV<String, Row>> CLEAN = new TupleTag<KV<String, Row>>() {};
  private static final TupleTag<Row> REJECTED = new TupleTag<Row>() {};

  private final RecordKind kind;

  private CleanRecords(RecordKind kind) {
    this.kind = kind;
  }

  public static CleanRecords of(RecordKind kind) {
    return new CleanRecords(kind);
  }

  /** The name of the counter of lines rejected for {@code kind}. */
  public static String rejectedCounterName(RecordKind kind) {
    return "rejected_" + kind.label();
  }

  /** The name of the counter of lines of {@code kind} that came out clean. */
  public static String cleanCounterName(RecordKind kind) {
    return "clean_" + kind.label();
  }

  /** The pure cleaning function of {@code kind}, for callers outside a pipeline. */
  public static SerializableFunction<Row, Row> rulesFor(RecordKind kind) {
    switch (kind) {
      case PIN:
        return PinCleaning::clean;
      case GEO:
        return GeoCleaning::clean;
      case USER:
        return UserCleaning::clean;
      default:
        throw new IllegalArgumentException("no cleaning rules for " + kind);
    }
  }

  @Override
  public WithRejects<KV<String, Row>> expand(PCollection<SourcedLine> lines) {
    PCollectionTuple cleaned =
        lines.apply(
            "ParseAndClean" + kind.label(),
            ParDo.of(new CleanLineFn(kind)).withOutputTags(CLEAN, TupleTagList.of(REJECTED)));
    return new WithRejects<>(
        cleaned.get(CLEAN).setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(kind.cleanSchema()))),
        cleaned.get(REJECTED).setRowSchema(RejectedRecord.SCHEMA));
  }

  /** When a line arrived: its element's timestamp, unless it has none (a bounded read). */
  private static Instant arrival(Instant timestamp) {
    return timestamp.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE) ? timestamp : null;
  }

  private static final class CleanLineFn extends DoFn<SourcedLine, KV<String, Row>> {
    private final RecordKind kind;
    private final SerializableFunction<Row, Row> rules;
    private final Counter rejected;
    private final Counter clean;

    CleanLineFn(RecordKind kind) {
      this.kind = kind;
      this.rules = rulesFor(kind);
      this.rejected = Metrics.counter(METRICS_NAMESPACE, rejectedCounterName(kind));
      this.clean = Metrics.counter(METRICS_NAMESPACE, cleanCounterName(kind));
    }

    @ProcessElement
    public void process(@Element SourcedLine line, @Timestamp Instant timestamp, MultiOutputReceiver out) {
      String reason = line.unreadable() != null ? line.unreadable() : cleanOrWhyNot(line, out.get(CLEAN));
      if (reason == null) {
        clean.inc();
        return;
      }
      rejected.inc();
      out.get(REJECTED).output(
          RejectedRecord.of(kind, reason, line.text(), line.source(), arrival(timestamp), Instant.now()));
    }

    /** Outputs the line's clean record and returns null, or returns why the line has none. */
    private String cleanOrWhyNot(SourcedLine line, OutputReceiver<KV<String, Row>> out) {
      try {
        out.output(KV.of(line.source(), rules.apply(RecordParser.parse(kind, line.text()))));
        return null;
      } catch (InvalidRecordException e) {
        return e.getMessage();
      } catch (RuntimeException e) {
        // A rule this line broke that no check foresaw: the line is rejected, never the job.
        return "cannot be read: " + e.getClass().getSimpleName() + ": " + Text.shortened(String.valueOf(e.getMessage()));
      }
    }
  }
}
