package dev.pinpipe.pipelines.kafka;

import dev.pinpipe.pipelines.common.OneLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A Kafka admin connection that has already seen a broker answer, so a wrong or dead
 * {@code --kafkaBootstrapServers} fails in one line instead of retrying in the background.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;

  /**
   * The setting every consumer of pinpipe's takes: records of a transaction that was rolled back
   * (or is still open) are never read, so they never become data. The default, read_uncommitted,
   * hands them out like any other.
   */
  public static final Map<String, Object> READ_COMMITTED = Map.of(
      ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
  private final Admin admin;

  private KafkaBroker(Admin admin) {
    this.admin = admin;
  }

  /** No broker answered: wrong servers at start, or (for a job already running) an outage. */
  public static final class Unreachable extends IllegalArgumentException {
    Unreachable(String message) {
      super(message);
    }
  }

  /** Connects, failing fast and naming the option when no broker answers within 10 s. */
  public static KafkaBroker connect(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("--kafkaBootstrapServers is required, e.g. 127.0.0.1:19092");
    }
    Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    try {
      admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      admin.close();
      throw new Unreachable("--kafkaBootstrapServers=" + bootstrapServers + ": no broker answered within 10 s");
    }
    return new KafkaBroker(admin);
  }

  public Admin admin() {
    return admin;
  }

  public Set<String> topics() {
    return get(admin.listTopics().names());
  }

  /** Every partition of the topics whose whole name matches {@code pattern}. */
  public List<TopicPartition> partitionsMatching(Pattern pattern) {
    List<String> topics = new ArrayList<>();
    for (String topic : topics()) {
      if (pattern.matcher(topic).matches()) {
        topics.add(topic);
      }
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicDescription topic : get(admin.describeTopics(topics).allTopicNames()).values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        partitions.add(new TopicPartition(topic.name(), partition.partition()));
      }
    }
    return partitions;
  }

  /**
   * Creates the topics that are missing and waits until every partition of each has a leader,
   * so that the first sends are not bounced (NOT_LEADER_OR_FOLLOWER) while leaders are elected.
   * Throws {@link IllegalArgumentException} when the broker refuses to create them.
   */
  public void createTopics(List<NewTopic> topics) {
    List<String> names = new ArrayList<>();
    topics.forEach(topic -> names.add(topic.name()));
    try {
      admin.createTopics(topics).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        // The broker refused the request (an invalid name, say): the caller's configuration.
        throw new IllegalArgumentException(
            "cannot create topics " + names + ": " + OneLine.of(e.getCause().getMessage()), e);
      }
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics " + names + ": " + e, e);
    }
    long deadline = System.currentTimeMillis() + TIMEOUT_SECONDS * 1000;
    while (!haveLeaders(names)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("topics " + names + " have no leaders after " + TIMEOUT_SECONDS + " s");
      }
      sleep(100);
    }
  }

  /** True once every partition of the topics has a leader; false while the broker does not know them yet. */
  private boolean haveLeaders(List<String> names) {
    Map<String, TopicDescription> topics;
    try {
      topics = get(admin.describeTopics(names).allTopicNames());
    } catch (IllegalStateException e) {
      if (OneLine.rootCause(e) instanceof UnknownTopicOrPartitionException) {
        // Just created: the broker that answered has not seen the new topics' metadata yet (CI
        // saw this once, on a broker that had just started).
        return false;
      }
      throw e;
    }
    return topics.values().stream()
        .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  /**
   * The earliest or latest offset of each partition, as {@code spec} says, as a read_committed
   * consumer sees them: the latest is the end of the committed records (an open transaction's
   * records are not counted).
   */
  public Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(partition -> request.put(partition, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry :
        get(admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()).entrySet()) {
      offsets.put(entry.getKey(), entry.getValue().offset());
    }
    return offsets;
  }

  /** The offsets {@code group} has committed; partitions it never committed are absent. */
  public Map<TopicPartition, Long> committed(String group) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata())
        .forEach((partition, offset) -> {
          if (offset != null) {
            offsets.put(partition, offset.offset());
          }
        });
    return offsets;
  }

  /** Commits {@code nextOffset} (the first offset not yet handled) for {@code group}. */
  public void commit(String group, TopicPartition partition, long nextOffset) {
    get(admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(nextOffset))).all());
  }

  private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka admin request failed: " + OneLine.rootCause(e).getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
