package dev.pinpipe.pipelines.stream;

import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.SourcedLine;
import dev.pinpipe.transforms.Utf8Lines;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Turns streamed record bodies, keyed by their source, into the lines {@link CleanRecords}
 * judges: strict UTF-8. A body that is not UTF-8, or missing (a Kafka tombstone), comes out
 * unreadable, with its bytes escaped, for {@link CleanRecords} to reject like a lake line that
 * cannot be decoded.
 */
final class DecodeRecords extends PTransform<PCollection<KV<String, byte[]>>, PCollection<SourcedLine>> {
  static final String NO_BODY = "record has no body";

  @Override
  public PCollection<SourcedLine> expand(PCollection<KV<String, byte[]>> bodies) {
    return bodies.apply("DecodeUtf8", ParDo.of(new DecodeFn())).setCoder(SourcedLine.LineCoder.of());
  }

  private static final class DecodeFn extends DoFn<KV<String, byte[]>, SourcedLine> {
    @ProcessElement
    public void process(@Element KV<String, byte[]> body, OutputReceiver<SourcedLine> out) {
      byte[] bytes = body.getValue();
      out.output(bytes == null ? SourcedLine.unreadable(body.getKey(), "", NO_BODY) : Utf8Lines.sourced(body.getKey(), bytes));
    }
  }
}
