package dev.pinpipe.pipelines.stream.sources;

import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.Required;
import dev.pinpipe.pipelines.delta.SourcePosition;
import dev.pinpipe.pipelines.kafka.ArrivalTimePolicy;
import dev.pinpipe.pipelines.kafka.GroupCommits;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.delta.CatchUpMark;
import dev.pinpipe.pipelines.kafka.KafkaCatchUp;
import dev.pinpipe.pipelines.kafka.KafkaGroupCommitter;
import dev.pinpipe.pipelines.kafka.OffsetCommitter;
import dev.pinpipe.pipelines.kafka.PartitionTails;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.schemas.RecordKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Instant;

/**
 * The topics {@code <prefix>.pin}, {@code .geo} and {@code .user}, read from the consumer group's
 * committed offsets (or their beginning); the writer commits the group's offsets after each Delta
 * commit, so a restart resumes there.
 */
final class KafkaSource extends StreamSource {
  private final StreamPipeline.Options options;
  private final String servers;
  private final String prefix;
  private final String groupId;
  /** Read from the broker once, when first needed: where each partition's records end at start. */
  private PartitionTails tails;

  KafkaSource(StreamPipeline.Options options) {
    this.options = options;
    this.servers = options.getKafkaBootstrapServers();
    this.prefix = options.getTopicPrefix();
    String group = options.getGroupId();
    this.groupId = group == null || group.isBlank() ? StreamPipeline.defaultGroupId(prefix) : group;
  }

  @Override
  public void check() {
    Required.option(options.getKafkaBootstrapServers(), "--kafkaBootstrapServers",
        "the Kafka cluster to read with --source=kafka");
    try (KafkaBroker broker = KafkaBroker.connect(servers)) {
      Set<String> topics = broker.topics();
      for (RecordKind kind : RecordKind.values()) {
        if (!topics.contains(Names.topic(prefix, kind))) {
          throw new IllegalArgumentException("--topicPrefix=" + prefix + ": no topic " + Names.topic(prefix, kind)
              + " on " + servers + "; run emulate first");
        }
      }
    }
  }

  @Override
  public PTransform<PBegin, PCollection<KV<String, byte[]>>> read(RecordKind kind) {
    String bootstrapServers = servers;
    String topic = Names.topic(prefix, kind);
    String group = groupId;
    PartitionTails atStart = tails();
    return new PTransform<PBegin, PCollection<KV<String, byte[]>>>() {
      @Override
      public PCollection<KV<String, byte[]>> expand(PBegin begin) {
        return begin
            .apply("ReadTopic", KafkaIO.<byte[], byte[]>read()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeyDeserializerAndCoder(ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
                .withValueDeserializerAndCoder(ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
                .withTimestampPolicyFactory(ArrivalTimePolicy.factory(IDLE_WATERMARK, atStart))
                .withConsumerConfigUpdates(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, group,
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
            .setCoder(BODIES);
      }
    };
  }

  @Override
  public OffsetCommitter committer() {
    return new KafkaGroupCommitter(servers, groupId);
  }

  /**
   * Done once the group has committed past every record there was at start; the broker says when
   * the latest of them arrived.
   */
  @Override
  public CatchUp planCatchUp(CatchUpMark unused) {
    KafkaCatchUp plan = KafkaCatchUp.plan("stream", tails());
    Optional<Instant> latest = tails().latestArrival();
    return new CatchUp() {
      @Override
      public boolean committed(PipelineResult result) {
        return plan.reached();
      }

      @Override
      public Optional<Instant> latestArrival(PipelineResult result) {
        return latest;
      }
    };
  }

  private PartitionTails tails() {
    if (tails == null) {
      try (KafkaBroker broker = KafkaBroker.connect(servers)) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (RecordKind kind : RecordKind.values()) {
          partitions.addAll(broker.partitionsMatching(Pattern.compile(Pattern.quote(Names.topic(prefix, kind)))));
        }
        tails = PartitionTails.atStart(broker, GroupCommits.atStart(broker, servers, groupId, partitions));
      }
    }
    return tails;
  }

  @Override
  public boolean catchesUpByWatermark() {
    return false;
  }

  @Override
  public boolean usesAws() {
    return false;
  }
}
