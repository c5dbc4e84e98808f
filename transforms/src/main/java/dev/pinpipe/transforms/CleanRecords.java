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
 * comes keyed by where it came from (a lake file and line, a topic partition and offset), and its
 * clean record keeps that key. A line that cannot be read, or that makes any step throw, goes to
 * {@link WithRejects#rejected()} with the line, its source, its arrival (the element's timestamp)
 * and a reason, and is counted in the metric {@code rejected_<kind>} of namespace
 * {@value #METRICS_NAMESPACE} (a clean one in {@code clean_<kind>}): no single line can fail the
 * pipeline. Duplicates pass; which copy
 * to keep is each pipeline's choice.
 */
public final class CleanRecords
    extends PTransform<PCollection<KV<String, String>>, WithRejects<KV<String, Row>>> {
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

  /** The counter of lines rejected for {@code kind}, for steps that reject lines before this one. */
  public static Counter rejectedCounter(RecordKind kind) {
    return Metrics.counter(METRICS_NAMESPACE, rejectedCounterName(kind));
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
  public WithRejects<KV<String, Row>> expand(PCollection<KV<String, String>> lines) {
    PCollectionTuple cleaned =
        lines.apply(
            "ParseAndClean" + kind.label(),
            ParDo.of(new CleanLineFn(kind)).withOutputTags(CLEAN, TupleTagList.of(REJECTED)));
    return new WithRejects<>(
        cleaned.get(CLEAN).setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(kind.cleanSchema()))),
        cleaned.get(REJECTED).setRowSchema(RejectedRecord.SCHEMA));
  }

  /** When a line arrived: its element's timestamp, unless it has none (a bounded read). */
  public static Instant arrival(Instant timestamp) {
    return timestamp.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE) ? timestamp : null;
  }

  private static final class CleanLineFn extends DoFn<KV<String, String>, KV<String, Row>> {
    private final RecordKind kind;
    private final SerializableFunction<Row, Row> rules;
    private final Counter rejected;
    private final Counter clean;

    CleanLineFn(RecordKind kind) {
      this.kind = kind;
      this.rules = rulesFor(kind);
      this.rejected = rejectedCounter(kind);
      this.clean = Metrics.counter(METRICS_NAMESPACE, cleanCounterName(kind));
    }

    @ProcessElement
    public void process(@Element KV<String, String> sourced, @Timestamp Instant timestamp,
        MultiOutputReceiver out) {
      String line = sourced.getValue();
      String reason;
      try {
        out.get(CLEAN).output(KV.of(sourced.getKey(), rules.apply(RecordParser.parse(kind, line))));
        clean.inc();
        return;
      } catch (InvalidRecordException e) {
        reason = e.getMessage();
      } catch (RuntimeException e) {
        // A rule this line broke that no check foresaw: the line is rejected, never the job.
        reason = "cannot be read: " + e.getClass().getSimpleName() + ": "
            + Text.shortened(String.valueOf(e.getMessage()));
      }
      rejected.inc();
      out.get(REJECTED).output(
          RejectedRecord.of(kind, reason, line, sourced.getKey(), arrival(timestamp), Instant.now()));
    }
  }
}
