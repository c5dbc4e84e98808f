package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.io.OffsetCommitter;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * Lands Kafka records in the lake, in the Kafka Connect S3 sink layout: one file per flush of a
 * topic partition, named after its first offset, with the offsets committed behind it.
 */
public final class LandRecords
    extends PTransform<PCollection<KafkaRecord<byte[], byte[]>>, PCollection<LandedFile>> {
  private final String lakeRoot;
  private final int flushSize;
  private final Duration rotateInterval;
  private final OffsetCommitter committer;

  private LandRecords(String lakeRoot, int flushSize, Duration rotateInterval, OffsetCommitter committer) {
    this.lakeRoot = lakeRoot;
    this.flushSize = flushSize;
    this.rotateInterval = rotateInterval;
    this.committer = committer;
  }

  /** Files of up to {@code flushSize} records, written at the latest {@code rotateInterval} after their first record arrived. */
  public static LandRecords to(String lakeRoot, int flushSize, Duration rotateInterval, OffsetCommitter committer) {
    if (flushSize < 1) {
      throw new IllegalArgumentException("--flushSize must be at least 1");
    }
    if (!rotateInterval.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("--rotateIntervalSeconds must be at least 1");
    }
    return new LandRecords(lakeRoot, flushSize, rotateInterval, committer);
  }

  private static SchemaCoder<LakeRecord> schemaCoder(PCollection<?> input) {
    try {
      return input.getPipeline().getSchemaRegistry().getSchemaCoder(LakeRecord.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("LakeRecord has a @DefaultSchema", e);
    }
  }

  @Override
  public PCollection<LandedFile> expand(PCollection<KafkaRecord<byte[], byte[]>> records) {
    return records
        .apply("KeyByTopicPartition",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(LakeRecord.class)))
                .via((KafkaRecord<byte[], byte[]> record) -> KV.of(
                    record.getTopic() + "/" + record.getPartition(),
                    new LakeRecord(record.getTopic(), record.getPartition(), record.getOffset(),
                        LakeRecord.lineOf(record.getKV().getValue())))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), schemaCoder(records)))
        .apply("WriteLakeFiles", ParDo.of(new WriteLakeFiles(lakeRoot, flushSize, rotateInterval, committer)));
  }
}
