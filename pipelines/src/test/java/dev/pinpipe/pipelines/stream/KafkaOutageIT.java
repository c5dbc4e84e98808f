package dev.pinpipe.pipelines.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import dev.pinpipe.schemas.RecordKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's Kafka broker killed (SIGKILL) under a running stream and started again: the
 * stream waits through the outage instead of failing, carries on with what arrives after, and
 * every post is in its tables once.
 */
@Timeout(600)
class KafkaOutageIT {
  @TempDir Path tmp;

  private static void send(String prefix, long from, long to) throws Exception {
    try (KafkaProducer<String, String> producer = TopicsAndLake.producer()) {
      List<Future<?>> sent = new ArrayList<>();
      for (long ind = from; ind <= to; ind++) {
        for (ProducerRecord<String, String> record : StreamPipelineIT.post(prefix, ind)) {
          sent.add(producer.send(record));
        }
      }
      producer.flush();
      for (Future<?> send : sent) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new AssertionError("producing test records failed", e);
    }
  }

  private static List<Long> inds(DeltaStorage storage, String prefix, RecordKind kind) throws Exception {
    if (storage.table(Names.cleanTable(prefix, kind)).schema().isEmpty()) {
      return List.of();
    }
    return DeltaTestTables.rows(storage, Names.cleanTable(prefix, kind), kind.cleanSchema()).stream()
        .map(row -> row.getInt64("ind")).sorted().collect(Collectors.toList());
  }

  /** Waits, while the stream keeps running, until every table holds posts 1 to {@code posts}, each once. */
  private static void awaitTables(PipelineResult stream, DeltaStorage storage, String prefix, long posts)
      throws Exception {
    List<Long> expected = LongStream.rangeClosed(1, posts).boxed().collect(Collectors.toList());
    long deadline = System.currentTimeMillis() + 180_000;
    for (RecordKind kind : RecordKind.values()) {
      while (inds(storage, prefix, kind).size() < posts) {
        PipelineResult.State state = stream.waitUntilFinish(org.joda.time.Duration.standardSeconds(1));
        assertTrue(state == null || !state.isTerminal(), "the stream ended: " + state);
        assertTrue(System.currentTimeMillis() < deadline, kind + ": " + inds(storage, prefix, kind).size() + " rows");
      }
      assertEquals(expected, inds(storage, prefix, kind), kind + ": every post once");
    }
  }

  /** Asserts for {@code seconds} that the stream keeps running. */
  private static void stillRunning(PipelineResult stream, int seconds, String when) {
    for (int second = 0; second < seconds; second++) {
      PipelineResult.State state = stream.waitUntilFinish(org.joda.time.Duration.standardSeconds(1));
      assertTrue(state == null || !state.isTerminal(), "the stream ended " + when + ": " + state);
    }
  }

  @Test
  void aStreamWaitsThroughABrokerRestartAndCarriesOnExactlyOnce() throws Exception {
    String prefix = LocalStack.unique("it-outage").replace('-', '_');
    TopicsAndLake.createTopics(prefix, 2);
    send(prefix, 1, 100);
    DeltaStorage storage = DeltaStorage.local(tmp.resolve("delta").toString());
    StreamPipeline.Options options = StreamPipelineIT.streamOptions(prefix, "kafka", storage.root());
    options.setWindowResults(false);
    PipelineResult stream = StreamPipeline.run(options).result;
    ExecutorService posting = Executors.newSingleThreadExecutor();
    try {
      awaitTables(stream, storage, prefix, 100);
      // Posts keep arriving, 20 a second, so the stream has offsets to commit while the broker is
      // away (the producer holds what it cannot send, and sends it once the broker is back).
      Future<?> posted = posting.submit(() -> {
        for (long ind = 101; ind <= 500; ind += 10) {
          send(prefix, ind, ind + 9);
          Thread.sleep(500);
        }
        return null;
      });
      stillRunning(stream, 5, "before the broker went");
      LocalStack.stack("kill", "kafka");
      stillRunning(stream, 10, "while the broker was away");
      LocalStack.stack("start", "kafka");
      stillRunning(stream, 20, "after the broker came back");
      posted.get(180, TimeUnit.SECONDS);
      awaitTables(stream, storage, prefix, 500);
      // The group's commits caught up too: a restart would resume after the last post.
      long deadline = System.currentTimeMillis() + 60_000;
      while (true) {
        try (KafkaBroker broker = KafkaBroker.connect(LocalStack.kafka())) {
          Map<TopicPartition, Long> ends = broker.offsets(
              broker.partitionsMatching(Pattern.compile(Pattern.quote(prefix) + "\\..*")),
              OffsetSpec.latest());
          ends = new HashMap<>(ends);
          ends.values().removeIf(end -> end == 0);
          if (broker.committed(StreamPipeline.defaultGroupId(prefix)).equals(ends)) {
            break;
          }
          assertTrue(System.currentTimeMillis() < deadline,
              "committed " + broker.committed(StreamPipeline.defaultGroupId(prefix)) + " of " + ends);
        }
        Thread.sleep(1_000);
      }
    } finally {
      posting.shutdownNow();
      stream.cancel();
      LocalStack.stack("start", "kafka"); // whatever happened, the next tests have their broker
    }
  }
}
