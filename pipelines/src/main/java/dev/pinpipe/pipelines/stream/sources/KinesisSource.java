package dev.pinpipe.pipelines.stream.sources;

import dev.pinpipe.pipelines.aws.Http1ClientBuilderFactory;
import dev.pinpipe.pipelines.aws.Kinesis;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.delta.CatchUpMark;
import dev.pinpipe.pipelines.delta.SourcePosition;
import dev.pinpipe.pipelines.kafka.OffsetCommitter;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.schemas.RecordKind;
import java.util.Optional;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisIO;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import software.amazon.kinesis.common.InitialPositionInStream;

/**
 * The streams {@code streaming-<prefix>-pin}, {@code -geo} and {@code -user}, read from their
 * oldest record: Kinesis keeps no reader position, so every start reads what the streams still
 * hold, and the Delta writer's key check drops what the tables already have.
 */
final class KinesisSource extends StreamSource {
  /** Nothing to record: Kinesis keeps no reader position. */
  private static final OffsetCommitter NOTHING_TO_COMMIT = (topic, partition, nextOffset) -> {};

  private final StreamPipeline.Options options;
  private final String prefix;

  KinesisSource(StreamPipeline.Options options) {
    this.options = options;
    this.prefix = options.getTopicPrefix();
  }

  @Override
  public void check() {
    Http1ClientBuilderFactory.installForLocalEndpoints(options.as(AwsOptions.class));
    Kinesis.prepare(options, prefix, false, "--source=kinesis");
  }

  @Override
  public PTransform<PBegin, PCollection<KV<String, byte[]>>> read(RecordKind kind) {
    String stream = Names.stream(prefix, kind);
    return new PTransform<PBegin, PCollection<KV<String, byte[]>>>() {
      @Override
      public PCollection<KV<String, byte[]>> expand(PBegin begin) {
        return begin
            .apply("ReadStream", KinesisIO.read()
                .withStreamName(stream)
                .withInitialPositionInStream(InitialPositionInStream.TRIM_HORIZON)
                .withArrivalTimeWatermarkPolicy(IDLE_WATERMARK))
            .apply("KeyByPosition", MapElements
                .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(byte[].class)))
                .via((KinesisRecord record) -> KV.of(
                    SourcePosition.of(record.getStreamName(), record.getShardId(), record.getSequenceNumber()),
                    record.getDataAsBytes())))
            .setCoder(BODIES);
      }
    };
  }

  @Override
  public OffsetCommitter committer() {
    return NOTHING_TO_COMMIT;
  }

  /**
   * Done once the writer has seen every shard's watermark pass the start and committed what came
   * before: it then marks a table, with when the latest record it committed arrived ({@link
   * CatchUpMark}), read here as the run's progress is, on any runner. A mark stays once written,
   * so the first one read is kept: the table's log is read once per check until then, not again.
   */
  @Override
  public CatchUp planCatchUp(CatchUpMark mark) {
    return new CatchUp() {
      private Optional<Optional<Instant>> found = Optional.empty();

      private synchronized Optional<Optional<Instant>> marked() {
        if (found.isEmpty()) {
          found = mark.read();
        }
        return found;
      }

      @Override
      public boolean committed(PipelineResult result) {
        return marked().isPresent();
      }

      @Override
      public Optional<Instant> latestArrival(PipelineResult result) {
        return marked().flatMap(latest -> latest);
      }
    };
  }

  @Override
  public boolean catchesUpByWatermark() {
    return true;
  }

  @Override
  public boolean usesAws() {
    return true;
  }
}
