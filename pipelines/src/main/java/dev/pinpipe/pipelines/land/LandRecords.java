package dev.pinpipe.pipelines.land;

import dev.pinpipe.pipelines.kafka.OffsetCommitter;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
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

  @Override
  public PCollection<LandedFile> expand(PCollection<KafkaRecord<byte[], byte[]>> records) {
    return records
        .apply("BatchByTopicPartition", ParDo.of(new BatchByTopicPartition(flushSize)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), PartitionBatch.coder()))
        .apply("WriteLakeFiles", ParDo.of(new WriteLakeFiles(lakeRoot, flushSize, rotateInterval, committer)));
  }
}
