package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.DeltaReadBack;
import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills {@code pinpipe stream} (SIGKILL, as a crash would) three times at random moments while
 * it cleans 30,000 records being posted to Kafka into Delta tables, restarting it each time, on
 * the DirectRunner and on an embedded Flink; then checks that every clean table holds each ind
 * exactly once, the rejected table each rejected record exactly once, and each result table each
 * window once.
 */
@Timeout(900)
class StreamRestartIT {
  @TempDir Path tmp;
  private static final int POSTS = 10_000;
  private static final int REPOSTED = 100; // posted twice, as the emulator re-posts rows
  private static final int MALFORMED = 200; // per kind
  private static final int RECORDS = 3 * (POSTS + REPOSTED + MALFORMED);
  /** Records posted per second while the stream is killed and started again; a tenth waits for the last run. */
  private static final int PER_SECOND = 1_000;
  private static final int HELD_BACK = RECORDS / 10;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEveryStream() {
    started.forEach(Process::destroyForcibly);
  }

  private Process stream(String prefix, String deltaRoot, File log, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("stream", "--source=kafka",
        "--kafkaBootstrapServers=" + LocalStack.kafka(), "--topicPrefix=" + prefix, "--deltaRoot=" + deltaRoot,
        "--commitSeconds=2", "--windowSeconds=10", "--allowedLatenessSeconds=0"));
    args.addAll(List.of(extra));
    Process stream = PinPipeJar.start(log, args);
    started.add(stream);
    return stream;
  }

  private static String line(RecordKind kind, int ind) {
    switch (kind) {
      case PIN:
        return "{\"index\": " + ind + ", \"title\": \"T" + ind + "\", \"follower_count\": \"" + ind + "\", \"category\": \"art\"}";
      case GEO:
        return "{\"ind\": " + ind + ", \"country\": \"Chad\", \"latitude\": 1.5, \"longitude\": 2.5,"
            + " \"timestamp\": \"2020-01-01 00:00:00\"}";
      default:
        return "{\"ind\": " + ind + ", \"first_name\": \"A\", \"last_name\": \"B\", \"age\": 30,"
            + " \"date_joined\": \"2016-01-01 00:00:00\"}";
    }
  }

  /**
   * {@code posts} records of each kind, with every ({@code posts / reposted})th posted again and a
   * malformed line after every ({@code posts / malformed})th, kind after kind.
   */
  static List<ProducerRecord<String, String>> records(String prefix, int posts, int reposted, int malformed) {
    Random random = new Random(7);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      String topic = Names.topic(prefix, kind);
      for (int ind = 0; ind < posts; ind++) {
        records.add(new ProducerRecord<>(topic, "k" + random.nextInt(1000), line(kind, ind)));
        if (ind % (posts / reposted) == 0) {
          records.add(new ProducerRecord<>(topic, "k" + random.nextInt(1000), line(kind, ind)));
        }
        if (ind % (posts / malformed) == 0) {
          records.add(new ProducerRecord<>(topic, "k" + random.nextInt(1000), "{\"ind\": broken " + ind));
        }
      }
    }
    return records;
  }

  /** Posts {@link #records} to {@code prefix}'s topics; returns how many it sent. */
  static int post(String prefix, int posts, int reposted, int malformed) throws Exception {
    List<ProducerRecord<String, String>> records = records(prefix, posts, reposted, malformed);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer = TopicsAndLake.producer()) {
      for (ProducerRecord<String, String> record : records) {
        sent.add(producer.send(record));
      }
      producer.flush();
      for (Future<RecordMetadata> send : sent) {
        send.get();
      }
    }
    return sent.size();
  }

  /**
   * Posts {@code records} at {@code perSecond}, but the last {@code heldBack} only once
   * {@code release} opens: however fast the runner, the stream still has records to read at
   * each kill, and a run after the kills has some left to catch up on.
   */
  private static Callable<Integer> pacedPosting(List<ProducerRecord<String, String>> records, int perSecond,
      int heldBack, CountDownLatch release) {
    return () -> {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      try (KafkaProducer<String, String> producer = TopicsAndLake.producer()) {
        int paced = records.size() - heldBack;
        long start = System.nanoTime();
        for (int i = 0; i < records.size(); i++) {
          if (i < paced && i % 100 == 0) {
            TimeUnit.NANOSECONDS.sleep(start + i * 1_000_000_000L / perSecond - System.nanoTime()); // none when behind
          }
          if (i == paced) {
            producer.flush();
            release.await();
          }
          sent.add(producer.send(records.get(i)));
        }
        producer.flush();
        for (Future<RecordMetadata> send : sent) {
          send.get();
        }
      }
      return sent.size();
    };
  }

  private static long committed(KafkaBroker broker, String prefix) {
    return broker.committed("pinpipe-stream-" + prefix).values().stream().mapToLong(Long::longValue).sum();
  }

  @ParameterizedTest
  @ValueSource(strings = {Runners.DIRECT, Runners.FLINK})
  void aStreamKilledThreeTimesLeavesEveryRecordInItsTableExactlyOnce(String runner) throws Exception {
    String prefix = LocalStack.unique("it-crash");
    String deltaRoot = tmp.resolve("delta").toString();
    TopicsAndLake.createTopics(prefix, 3);
    List<ProducerRecord<String, String>> records = records(prefix, POSTS, REPOSTED, MALFORMED);
    assertEquals(RECORDS, records.size());
    File log = Files.createFile(tmp.resolve("stream.log")).toFile();
    long seed = System.nanoTime();
    Random random = new Random(seed);
    CountDownLatch afterTheKills = new CountDownLatch(1);
    ExecutorService posting = Executors.newSingleThreadExecutor();
    Future<Integer> posted = posting.submit(pacedPosting(records, PER_SECOND, HELD_BACK, afterTheKills));
    try (KafkaBroker broker = KafkaBroker.connect(LocalStack.kafka())) {
      for (int kill = 1; kill <= 3; kill++) {
        Process running = stream(prefix, deltaRoot, log, "--runner=" + runner);
        long threshold = (long) (RECORDS - HELD_BACK) * kill / 4;
        while (committed(broker, prefix) < threshold && running.isAlive()) { // bounded by @Timeout
          Thread.sleep(100);
        }
        Thread.sleep(random.nextInt(2_000)); // a random moment: mid-buffer, mid-write or mid-commit
        assertTrue(running.isAlive(), "stream ended on its own; see " + log);
        running.destroyForcibly();
        assertTrue(running.waitFor(30, TimeUnit.SECONDS));
      }
      assertTrue(committed(broker, prefix) < RECORDS, "the records held back were committed before the last kill");
    } finally {
      afterTheKills.countDown();
      posting.shutdown();
    }
    assertEquals(RECORDS, posted.get(2, TimeUnit.MINUTES));
    Process last = stream(prefix, deltaRoot, log, "--runner=" + runner, "--exitWhenCaughtUp=true");
    assertTrue(last.waitFor(5, TimeUnit.MINUTES), "the restarted stream did not catch up in 5 minutes");
    assertEquals(0, last.exitValue(), "exit code of the last stream; see " + log);

    DeltaStorage storage = DeltaStorage.local(deltaRoot);
    for (RecordKind kind : RecordKind.values()) {
      List<Row> rows = DeltaTestTables.rows(storage, Names.cleanTable(prefix, kind), kind.cleanSchema());
      HashSet<Long> inds = new HashSet<>();
      rows.forEach(row -> inds.add(row.getInt64("ind")));
      assertEquals(POSTS, inds.size(), kind + ": every ind (kill seed " + seed + ")");
      assertEquals(POSTS, rows.size(), kind + ": no ind twice (kill seed " + seed + ")");
      assertEquals(DeltaReadBack.asMaps(rows), DeltaReadBack.byDeltalake(
          storage.tablePath(Names.cleanTable(prefix, kind))), kind + " table read by deltalake");
    }
    List<Row> rejected = DeltaTestTables.rows(storage, Names.rejectedTable(prefix), RejectedRecord.SCHEMA);
    HashSet<String> sources = new HashSet<>();
    rejected.forEach(row -> sources.add(row.getString(RejectedRecord.KEY)));
    assertEquals(3 * MALFORMED, sources.size(), "every rejected record (kill seed " + seed + ")");
    assertEquals(3 * MALFORMED, rejected.size(), "no rejected record twice (kill seed " + seed + ")");
    assertEquals(DeltaReadBack.asMaps(rejected), DeltaReadBack.byDeltalake(
        storage.tablePath(Names.rejectedTable(prefix))), "rejected table read by deltalake");
    // Windows that several runs computed are each in their tables once.
    for (TableSpec table : StreamPipeline.resultTables(prefix)) {
      if (!storage.table(table.name).schema().isPresent()) {
        continue;
      }
      List<Row> results = DeltaTestTables.rows(storage, table.name, table.schema);
      HashSet<List<Object>> keys = new HashSet<>();
      results.forEach(row -> keys.add(row.getValues().subList(0, row.getFieldCount() - 1)));
      assertEquals(results.size(), keys.size(), table.name + ": a window written twice (kill seed " + seed + ")");
    }
  }
}
