package dev.pinpipe.pipelines.stream;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.InvalidRecordException;
import dev.pinpipe.transforms.Utf8Lines;
import dev.pinpipe.transforms.WithRejects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Turns streamed record bodies, keyed by their source, into the lines {@link CleanRecords}
 * judges: strict UTF-8. A body that is not UTF-8, or missing (a Kafka tombstone), is rejected
 * with its bytes escaped and counted, like a lake line that cannot be decoded.
 */
final class DecodeRecords extends PTransform<PCollection<KV<String, byte[]>>, WithRejects<KV<String, String>>> {
  static final String NO_BODY = "record has no body";
  private static final TupleTag<KV<String, String>> LINES = new TupleTag<KV<String, String>>() {};
  private static final TupleTag<Row> REJECTED = new TupleTag<Row>() {};

  private final RecordKind kind;

  DecodeRecords(RecordKind kind) {
    this.kind = kind;
  }

  @Override
  public WithRejects<KV<String, String>> expand(PCollection<KV<String, byte[]>> bodies) {
    PCollectionTuple decoded = bodies.apply("DecodeUtf8",
        ParDo.of(new DecodeFn(kind)).withOutputTags(LINES, TupleTagList.of(REJECTED)));
    return new WithRejects<>(
        decoded.get(LINES).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())),
        decoded.get(REJECTED).setRowSchema(RejectedRecord.SCHEMA));
  }

  private static final class DecodeFn extends DoFn<KV<String, byte[]>, KV<String, String>> {
    private final RecordKind kind;
    private final Counter rejected;

    DecodeFn(RecordKind kind) {
      this.kind = kind;
      this.rejected = CleanRecords.rejectedCounter(kind);
    }

    @ProcessElement
    public void process(@Element KV<String, byte[]> body, @Timestamp Instant timestamp, MultiOutputReceiver out) {
      Instant arrived = CleanRecords.arrival(timestamp);
      byte[] bytes = body.getValue();
      if (bytes != null) {
        try {
          out.get(LINES).output(KV.of(body.getKey(), Utf8Lines.decode(bytes)));
          return;
        } catch (InvalidRecordException e) {
          reject(out, e.getMessage(), Utf8Lines.escaped(bytes), body.getKey(), arrived);
          return;
        }
      }
      reject(out, NO_BODY, "", body.getKey(), arrived);
    }

    private void reject(MultiOutputReceiver out, String reason, String raw, String source, Instant arrived) {
      rejected.inc();
      out.get(REJECTED).output(RejectedRecord.of(kind, reason, raw, source, arrived, Instant.now()));
    }
  }
}
