package dev.pinpipe.pipelines.land;

import dev.pinpipe.pipelines.lake.LakeLayout;
import dev.pinpipe.pipelines.common.BackgroundRun;
import dev.pinpipe.pipelines.kafka.GroupCommits;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.kafka.KafkaCatchUp;
import dev.pinpipe.pipelines.kafka.KafkaGroupCommitter;
import dev.pinpipe.pipelines.options.KafkaOptions;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.pipelines.options.LakeOptions;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.Required;
import dev.pinpipe.schemas.RecordKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;

/**
 * {@code land}: the Kafka to lake sink. Reads every topic named {@code <prefix>.*} and writes its
 * records, unchanged, as JSON-lines files in the Kafka Connect S3 sink layout under a local folder
 * or {@code s3://bucket/prefix}, which {@code batch} reads as it is. It resumes from its consumer
 * group's committed offsets, which it commits only once the files holding the records are durable.
 */
public final class LakeSink {
  /** Options of {@code land}. */
  public interface Options extends LakeOptions, KafkaOptions {
    @Description("Kafka consumer group whose committed offsets say where landing resumes"
        + " (default pinpipe-land-<topicPrefix>)")
    String getGroupId();

    void setGroupId(String value);

    @Description("Records per file: a partition's file is written once this many are waiting")
    @Default.Integer(5_000)
    int getFlushSize();

    void setFlushSize(int value);

    @Description("Seconds after its first record that a file is written, however few it holds")
    @Default.Integer(60)
    int getRotateIntervalSeconds();

    void setRotateIntervalSeconds(int value);

    @Description("Stop once everything on the topics at start has landed (a catch-up run);"
        + " otherwise land until stopped")
    @Default.Boolean(false)
    boolean getExitWhenCaughtUp();

    void setExitWhenCaughtUp(boolean value);

    @Description("Kafka's max.partition.fetch.bytes for land's consumer: how much of a partition one"
        + " fetch brings (default Kafka's, 1 MiB; the command line gives 8 MiB on Flink)")
    Integer getMaxPartitionFetchBytes();

    void setMaxPartitionFetchBytes(Integer value);
  }

  private LakeSink() {}

  /** A started landing: the pipeline, and for a catch-up run what it landed. */
  public static final class Landing {
    public final PipelineResult result;
    /** Offsets committed by a catch-up run; empty for a run that lands until stopped. */
    public final Optional<KafkaCatchUp.Landed> caughtUp;
    private final GroupCommits commits;
    private long landed;

    Landing(PipelineResult result, Optional<KafkaCatchUp.Landed> caughtUp, GroupCommits commits) {
      this.result = result;
      this.caughtUp = caughtUp;
      this.commits = commits;
    }

    /** One line on how far the run has got, from a new look at its group's commits. */
    public String progress() {
      landed = commits.sinceStart();
      return LakeSink.progress(landed);
    }

    /** Records landed and committed since the run started, at the last {@link #progress} look. */
    public long recordsLanded() {
      return landed;
    }
  }

  /** The topics a prefix lands: {@code <prefix>.} followed by anything. */
  public static Pattern topicPattern(String prefix) {
    return Pattern.compile(Pattern.quote(prefix + ".") + ".+");
  }

  static String groupId(Options options) {
    String group = options.getGroupId();
    return group == null || group.isBlank() ? defaultGroupId(options.getTopicPrefix()) : group;
  }

  /** The consumer group land uses for {@code topicPrefix} unless --groupId names another. */
  public static String defaultGroupId(String topicPrefix) {
    return "pinpipe-land-" + topicPrefix;
  }

  /** One line on how far a running land has got, from its group's commits: Flink reports no metrics while it runs. */
  static String progress(long recordsLanded) {
    return String.format("%,d records landed and committed", recordsLanded);
  }

  /**
   * Checks the broker, the topics and the lake root, then starts landing. With
   * {@code --exitWhenCaughtUp} it returns once every record on the topics at start has landed,
   * after cancelling the pipeline (and throws if the pipeline ends first); otherwise it returns
   * with the pipeline running.
   */
  public static Landing run(Options options) {
    return run(options, line -> {});
  }

  /** The same; a catch-up run hands {@code progress} a line every few seconds while it lands. */
  public static Landing run(Options options, Consumer<String> progress) {
    Required.option(options.getLakeRoot(), "--lakeRoot", "the folder or s3://bucket/prefix to land in");
    LakeFileSystems.requirePlainPath("--lakeRoot", options.getLakeRoot());
    Required.option(options.getKafkaBootstrapServers(), "--kafkaBootstrapServers", "the Kafka cluster to land from");
    String prefix = options.getTopicPrefix();
    Names.requireTopicPrefix(prefix);
    landRecords(options); // fails fast on a bad --flushSize or --rotateIntervalSeconds
    fetchSize(options); // and on a bad --maxPartitionFetchBytes
    LakeFileSystems.configure(options);
    String root = options.getLakeRoot();
    LakeFileSystems.requireListable("--lakeRoot", root, LakeLayout.glob(root, prefix, RecordKind.PIN));
    GroupCommits commits;
    Optional<KafkaCatchUp> catchUp = Optional.empty();
    try (KafkaBroker broker = KafkaBroker.connect(options.getKafkaBootstrapServers())) {
      List<TopicPartition> partitions = broker.partitionsMatching(topicPattern(prefix));
      if (partitions.isEmpty()) {
        throw new IllegalArgumentException("--topicPrefix=" + prefix + ": no topics " + prefix
            + ".* on " + options.getKafkaBootstrapServers() + "; run emulate first");
      }
      commits = GroupCommits.atStart(broker, options.getKafkaBootstrapServers(), groupId(options), partitions);
      if (options.getExitWhenCaughtUp()) {
        catchUp = Optional.of(KafkaCatchUp.plan("land", broker, commits));
      }
    }
    BackgroundRun.inBackground(options);
    Pipeline pipeline = Pipeline.create(options);
    apply(pipeline, options);
    PipelineResult result = pipeline.run();
    Optional<KafkaCatchUp.Landed> caughtUp = catchUp.map(plan -> plan.await(result, LakeSink::progress, "records", progress));
    return new Landing(result, caughtUp, commits);
  }

  public static PCollection<LandedFile> apply(Pipeline pipeline, Options options) {
    return pipeline
        .apply("ReadTopics",
            KafkaIO.<byte[], byte[]>read()
                .withBootstrapServers(options.getKafkaBootstrapServers())
                .withTopicPattern(topicPattern(options.getTopicPrefix()).pattern())
                .withKeyDeserializerAndCoder(ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
                .withValueDeserializerAndCoder(ByteArrayDeserializer.class, NullableCoder.of(ByteArrayCoder.of()))
                .withConsumerConfigUpdates(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, groupId(options),
                    // A new group lands each topic from its beginning; after that, from its commits.
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))
                .withConsumerConfigUpdates(KafkaBroker.READ_COMMITTED)
                .withConsumerConfigUpdates(fetchSize(options)))
        .apply("LandRecords", landRecords(options));
  }

  private static Map<String, Object> fetchSize(Options options) {
    Integer bytes = options.getMaxPartitionFetchBytes();
    if (bytes == null) {
      return Map.of();
    }
    if (bytes < 1) {
      throw new IllegalArgumentException("--maxPartitionFetchBytes must be at least 1");
    }
    return Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, bytes);
  }

  private static LandRecords landRecords(Options options) {
    return LandRecords.to(options.getLakeRoot(), options.getFlushSize(),
        Duration.standardSeconds(options.getRotateIntervalSeconds()),
        new KafkaGroupCommitter(options.getKafkaBootstrapServers(), groupId(options)));
  }
}
