package dev.pinpipe.pipelines.emulate;

import dev.pinpipe.pipelines.aws.Http1ClientBuilderFactory;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.options.KafkaOptions;
import dev.pinpipe.pipelines.aws.Kinesis;
import dev.pinpipe.pipelines.options.KinesisOptions;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.common.PipelineCounters;
import dev.pinpipe.pipelines.sourcedb.SourceDatabase;
import dev.pinpipe.pipelines.options.SourceDatabaseOptions;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.SourceTables;
import dev.pinpipe.transforms.CleanRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code emulate}: reads posts from the source tables and posts each post's three records as
 * JSON to the Kafka topics {@code <prefix>.pin}, {@code .geo} and {@code .user} and/or the
 * Kinesis streams {@code streaming-<prefix>-pin}, {@code -geo} and {@code -user}, keyed by ind.
 * {@code --mode=random} sends random posts with replacement at a steady rate, as the original
 * emulator did; {@code --mode=replay} sends every post once.
 */
public final class PostingEmulator {
  /** How posts are picked. */
  public enum Mode {
    RANDOM,
    REPLAY
  }

  /** Options of {@code emulate}. */
  public interface Options extends SourceDatabaseOptions, KafkaOptions, KinesisOptions {
    @Description("random: random posts with replacement at --ratePerSecond; replay: every post once")
    @Default.String("random")
    String getMode();

    void setMode(String value);

    @Description("Posts per second in random mode")
    @Default.Integer(10)
    int getRatePerSecond();

    void setRatePerSecond(int value);

    @Description("Posts to send in random mode")
    @Default.Long(1_000)
    long getCount();

    void setCount(long value);

    @Description("Seed of the random picks")
    @Default.Long(42)
    long getSeed();

    void setSeed(long value);

    @Description(
        "Post to the Kinesis streams streaming-<prefix>-pin, -geo and -user; region, endpoint and"
            + " credentials come from --awsRegion, --endpoint and the AWS SDK's default chain")
    @Default.Boolean(false)
    boolean getKinesis();

    void setKinesis(boolean value);

    @Description("Create missing Kinesis streams (one shard each)")
    @Default.Boolean(false)
    boolean getCreateStreams();

    void setCreateStreams(boolean value);

  }

  private PostingEmulator() {}

  private static boolean sendsToKafka(Options options) {
    return options.getKafkaBootstrapServers() != null && !options.getKafkaBootstrapServers().isBlank();
  }

  /** The --mode option, in any case. */
  static Mode mode(Options options) {
    try {
      return Mode.valueOf(options.getMode().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("--mode=" + options.getMode() + ": must be random or replay");
    }
  }

  /** Checks the database and the broker, then runs. */
  public static PipelineResult run(Options options) {
    String prefix = options.getTopicPrefix();
    Names.requireTopicPrefix(prefix);
    if (mode(options) == Mode.RANDOM && (options.getRatePerSecond() < 1 || options.getCount() < 1)) {
      throw new IllegalArgumentException("--ratePerSecond and --count must be at least 1");
    }
    boolean kafka = sendsToKafka(options);
    if (!kafka && !options.getKinesis()) {
      throw new IllegalArgumentException("give --kafkaBootstrapServers and/or --kinesis=true: nowhere to post");
    }
    long posts = countPosts(options);
    if (kafka) {
      createTopics(options.getKafkaBootstrapServers(), prefix);
    }
    if (options.getKinesis()) {
      Http1ClientBuilderFactory.installForLocalEndpoints(options.as(AwsOptions.class));
      Kinesis.prepare(options, prefix, options.getCreateStreams(), "--kinesis");
    }
    Pipeline pipeline = Pipeline.create(options);
    apply(pipeline, options, posts);
    return pipeline.run();
  }

  public static void apply(Pipeline pipeline, Options options, long posts) {
    PCollection<Long> picks =
        mode(options) == Mode.REPLAY
            ? null
            : pipeline
                .apply("Ticks", new PacedTicks(options.getCount(), options.getRatePerSecond()))
                .apply("PickRandomPost", MapElements.into(TypeDescriptors.longs())
                    .via(new RandomPost(options.getSeed(), posts)));
    for (RecordKind kind : RecordKind.values()) {
      String table = SourceTables.table(kind);
      PCollection<KV<String, String>> records =
          picks == null
              ? pipeline.apply("Start_" + table, Impulse.create())
                  .apply("Read_" + table, ParDo.of(new ReadSourceTable(SourceDatabase.configuration(options), kind)))
              : picks.apply("Read_" + table,
                  ParDo.of(new LookUpSourceRows(SourceDatabase.configuration(options), kind)));
      if (sendsToKafka(options)) {
        records.apply("SendToKafka_" + kind.label(),
            KafkaIO.<String, String>write()
                .withBootstrapServers(options.getKafkaBootstrapServers())
                .withTopic(Names.topic(options.getTopicPrefix(), kind))
                .withKeySerializer(StringSerializer.class)
                .withValueSerializer(StringSerializer.class)
                .withProducerConfigUpdates(PRODUCER_SETTINGS));
      }
      if (options.getKinesis()) {
        records.apply("SendToKinesis_" + kind.label(),
            Kinesis.write(
                Names.stream(options.getTopicPrefix(), kind),
                options.as(AwsOptions.class).getEndpoint() != null));
      }
    }
  }

  /** Records read from the source to be posted so far (each is then sent). */
  public static long recordsRead(PipelineResult result) {
    return PipelineCounters.attempted(result, CleanRecords.METRICS_NAMESPACE, SourceRowJson.RECORDS);
  }

  private static long countPosts(Options options) {
    try (Connection connection = SourceDatabase.connect(options);
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + SourceTables.table(RecordKind.PIN))) {
      count.next();
      long posts = count.getLong(1);
      if (posts == 0) {
        throw new IllegalArgumentException("--jdbcUrl: pinterest_data is empty; run seed-db first");
      }
      return posts;
    } catch (SQLException e) {
      throw new IllegalArgumentException("--jdbcUrl: cannot read the source tables: " + OneLine.of(e.getMessage()));
    }
  }

  /**
   * Every record acknowledged by all replicas. Retries are left to Kafka's default, bounded by
   * {@code delivery.timeout.ms} (2 min) rather than counted: a cap of 20 retries gave up after
   * about 17 s of NOT_LEADER_OR_FOLLOWER answers, which a busy broker gives for a new topic.
   */
  private static final Map<String, Object> PRODUCER_SETTINGS = Map.of(ProducerConfig.ACKS_CONFIG, "all");

  /** Creates the three topics (broker defaults) if missing, so the first sends meet a leader. */
  static void createTopics(String bootstrapServers, String prefix) {
    List<NewTopic> topics = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      topics.add(new NewTopic(Names.topic(prefix, kind), Optional.empty(), Optional.empty()));
    }
    try (KafkaBroker broker = KafkaBroker.connect(bootstrapServers)) {
      try {
        broker.createTopics(topics);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--topicPrefix=" + prefix + ": " + e.getMessage(), e);
      }
    }
  }

  /** The post a tick sends: uniform over the table, with replacement, the same for a seed. */
  private static final class RandomPost implements org.apache.beam.sdk.transforms.SerializableFunction<Long, Long> {
    private final long seed;
    private final long posts;

    RandomPost(long seed, long posts) {
      this.seed = seed;
      this.posts = posts;
    }

    @Override
    public Long apply(Long tick) {
      return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + tick).nextLong(posts);
    }
  }
}
