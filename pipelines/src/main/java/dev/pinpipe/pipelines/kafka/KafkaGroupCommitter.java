package dev.pinpipe.pipelines.kafka;

import dev.pinpipe.pipelines.common.OneLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets to a Kafka consumer group, synchronously, and looks up where records are. A job
 * that runs until stopped outlives its broker's restarts: while no broker answers, a call waits
 * and tries again (what it commits is durable already, so waiting loses nothing), with a line
 * every ten seconds saying so; only an error that waiting cannot mend (access refused, say) fails.
 */
public final class KafkaGroupCommitter implements OffsetCommitter {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaGroupCommitter.class);
  private static final long NOTE_EVERY_MILLIS = 10_000;
  private static final long LONGEST_PAUSE_MILLIS = 5_000;
  private final String bootstrapServers;
  private final String group;
  private static final long LOOKUP_MILLIS = 5_000;
  private transient KafkaBroker broker;
  private transient KafkaConsumer<byte[], byte[]> consumer;

  public KafkaGroupCommitter(String bootstrapServers, String group) {
    this.bootstrapServers = bootstrapServers;
    this.group = group;
  }

  @Override
  public void commit(String topic, int partition, long nextOffset) {
    untilAnswered("commit offset " + nextOffset + " of " + topic + "-" + partition, () -> {
      broker().commit(group, new TopicPartition(topic, partition), nextOffset);
      return null;
    });
  }

  @Override
  public long start(String topic, int partition) {
    TopicPartition key = new TopicPartition(topic, partition);
    return untilAnswered("look up where " + topic + "-" + partition + " starts", () -> {
      Long committed = broker().committed(group).get(key);
      return committed != null ? committed : broker().offsets(List.of(key), OffsetSpec.earliest()).get(key);
    });
  }

  @Override
  public long nextRecord(String topic, int partition, long offset) {
    return untilAnswered("look up the record at " + topic + "-" + partition + "@" + offset,
        () -> lookUp(topic, partition, offset));
  }

  /** Runs {@code call} until a broker answers it, waiting through outages; see the class comment. */
  private <T> T untilAnswered(String what, Supplier<T> call) {
    long pause = 250;
    long waitingSince = 0;
    long nextNote = 0;
    while (true) {
      try {
        T answer = call.get();
        if (waitingSince > 0) {
          LOG.warn("Kafka at {} answers again after {} s: {} done", bootstrapServers,
              (System.currentTimeMillis() - waitingSince) / 1000, what);
        }
        return answer;
      } catch (RuntimeException e) {
        if (!outage(e)) {
          throw e;
        }
        close(); // connect afresh: the broker may be back at another address behind the same name
        long now = System.currentTimeMillis();
        waitingSince = waitingSince == 0 ? now : waitingSince;
        if (now >= nextNote) {
          LOG.warn("Kafka at {} does not answer ({}); waiting to {}{} (what is written is safe, and nothing"
              + " is committed twice)", bootstrapServers, OneLine.of(OneLine.rootCause(e).getMessage()), what,
              now == waitingSince ? "" : ", " + (now - waitingSince) / 1000 + " s so far");
          nextNote = now + NOTE_EVERY_MILLIS;
        }
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Kafka to " + what, interrupted);
        }
        pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
      }
    }
  }

  /** An error that ends when the broker is back: none answered, or the request timed out or was cut. */
  static boolean outage(RuntimeException e) {
    Throwable cause = OneLine.rootCause(e);
    return e instanceof KafkaBroker.Unreachable || cause instanceof RetriableException
        || cause instanceof java.util.concurrent.TimeoutException;
  }

  private long lookUp(String topic, int partition, long offset) {
    if (consumer == null) {
      // Read committed: a rolled-back record is no record, so the hole it leaves is stepped over.
      Map<String, Object> config = new java.util.HashMap<>(KafkaBroker.READ_COMMITTED);
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
      consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
    TopicPartition key = new TopicPartition(topic, partition);
    consumer.assign(List.of(key));
    consumer.seek(key, offset);
    long deadline = System.currentTimeMillis() + LOOKUP_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(200)).records(key);
      if (!records.isEmpty()) {
        return records.get(0).offset();
      }
      long position = consumer.position(key);
      if (position > offset) {
        return position; // past markers or compacted records to the end
      }
    }
    return offset; // no answer: assume a record is there, and wait
  }

  private KafkaBroker broker() {
    if (broker == null) {
      broker = KafkaBroker.connect(bootstrapServers);
    }
    return broker;
  }


  @Override
  public void close() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }
}
