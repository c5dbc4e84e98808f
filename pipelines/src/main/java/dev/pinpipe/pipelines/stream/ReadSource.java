package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.SourcePosition;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.schemas.RecordKind;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisIO;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisRecord;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;
import software.amazon.kinesis.common.InitialPositionInStream;

/**
 * Reads one record kind's bodies from Kafka or Kinesis, keyed by their position (see {@link
 * SourcePosition}) and stamped with their arrival: the record's create time on Kafka, its
 * approximate arrival on Kinesis.
 */
final class ReadSource {
  private ReadSource() {}

  /**
   * How far behind the clock the watermark of an idle partition or shard runs: a catch-up run
   * knows it has read everything there was at its start once the watermark passes the start.
   */
  static final Duration IDLE_WATERMARK = Duration.standardSeconds(5);

  private static final KvCoder<String, byte[]> CODER =
      KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(ByteArrayCoder.of()));

  /** {@code <prefix>.<kind>} from the consumer group's committed offsets, or its beginning. */
  static PTransform<PBegin, PCollection<KV<String, byte[]>>> kafka(
      String bootstrapServers, String prefix, RecordKind kind, String groupId) {
    return new PTransform<PBegin, PCollection<KV<String, byte[]>>>() {
      @Override
      public PCollection<KV<String, byte[]>> expand(PBegin begin) {
        return begin
            .apply("ReadTopic", KafkaIO.<byte[], byte[]>read()
                .withBootstrapServers(bootstrapServers)
                .withTopic(Names.topic(prefix, kind))
                .withKeyDeserializerAndCoder(ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
                .withValueDeserializerAndCoder(ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
                .withCreateTime(IDLE_WATERMARK)
                .withConsumerConfigUpdates(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, groupId,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    // The writer commits offsets itself, after the Delta commit that holds them.
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))
                .withConsumerConfigUpdates(KafkaBroker.READ_COMMITTED))
            .apply("KeyByPosition", MapElements
                .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(byte[].class)))
                .via((KafkaRecord<byte[], byte[]> record) -> KV.of(
                    SourcePosition.of(record.getTopic(), String.valueOf(record.getPartition()),
                        String.valueOf(record.getOffset())),
                    record.getKV().getValue())))
            .setCoder(CODER);
      }
    };
  }

  /**
   * {@code streaming-<prefix>-<kind>} from its oldest record: Kinesis keeps no reader position,
   * so every start reads what the stream still holds and the tables' key check drops what they
   * already have.
   */
  static PTransform<PBegin, PCollection<KV<String, byte[]>>> kinesis(String prefix, RecordKind kind) {
    return new PTransform<PBegin, PCollection<KV<String, byte[]>>>() {
      @Override
      public PCollection<KV<String, byte[]>> expand(PBegin begin) {
        return begin
            .apply("ReadStream", KinesisIO.read()
                .withStreamName(Names.stream(prefix, kind))
                .withInitialPositionInStream(InitialPositionInStream.TRIM_HORIZON)
                .withArrivalTimeWatermarkPolicy(IDLE_WATERMARK))
            .apply("KeyByPosition", MapElements
                .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(byte[].class)))
                .via((KinesisRecord record) -> KV.of(
                    SourcePosition.of(record.getStreamName(), record.getShardId(), record.getSequenceNumber()),
                    record.getDataAsBytes())))
            .setCoder(CODER);
      }
    };
  }
}
