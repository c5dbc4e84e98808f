package dev.pinpipe.pipelines.kafka;

import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.common.Progress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a catch-up run of a Kafka consumer ({@code land}, {@code stream}) once its group has
 * committed every offset that existed at start: both commit offsets only after what they wrote is
 * durable. What it handled is read from the commits, not from the pipeline's counters: the
 * counters of the bundle that wrote last may not be reported yet when the pipeline is cancelled.
 */
public final class KafkaCatchUp {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCatchUp.class);

  /** What a catch-up run handled. */
  public static final class Landed {
    /** Offsets committed by the run: its records, plus any transaction markers among them. */
    public final long offsets;
    public final int partitions;

    Landed(long offsets, int partitions) {
      this.offsets = offsets;
      this.partitions = partitions;
    }
  }

  private final String command;
  private final GroupCommits commits;
  private final Map<TopicPartition, Long> target;

  private KafkaCatchUp(String command, GroupCommits commits, Map<TopicPartition, Long> target) {
    this.command = command;
    this.commits = commits;
    this.target = target;
  }

  /**
   * Notes, before {@code command} starts, where each partition must get to: after its last record
   * now. It starts where {@code commits} noted.
   */
  public static KafkaCatchUp plan(String command, KafkaBroker broker, GroupCommits commits) {
    return plan(command, PartitionTails.atStart(broker, commits));
  }

  /** The same, from the last records already read at start. */
  public static KafkaCatchUp plan(String command, PartitionTails tails) {
    return new KafkaCatchUp(command, tails.commits, tails.afterLastRecords);
  }

  /**
   * True once the group has committed past every record that was on the topics at start; false
   * while no broker answers.
   */
  public boolean reached() {
    try (KafkaBroker broker = KafkaBroker.connect(commits.bootstrapServers)) {
      return reached(broker.committed(commits.group), commits.start, target);
    } catch (RuntimeException e) {
      if (KafkaGroupCommitter.outage(e)) {
        return false; // the writers wait for the broker too; look again later
      }
      throw e;
    }
  }

  /**
   * Returns once every record on the topics at start is handled, printing {@code line} of the
   * offsets committed so far every few seconds, as {@link Progress#follow} does, from the commits
   * it reads every second to know when to stop; throws if the pipeline ends first.
   */
  public Landed await(PipelineResult result, LongFunction<String> line, String unit, Consumer<String> print) {
    try (KafkaBroker broker = KafkaBroker.connect(commits.bootstrapServers)) {
      AtomicReference<Map<TopicPartition, Long>> committed = new AtomicReference<>(Map.of());
      LongSupplier done = () -> commits.sinceStart(committed.get());
      Progress.End end = Progress.follow(result, Progress.EVERY, () -> line.apply(done.getAsLong()), done, unit, print,
          () -> {
            try {
              committed.set(broker.committed(commits.group));
            } catch (RuntimeException e) {
              if (!KafkaGroupCommitter.outage(e)) {
                throw e;
              }
              return false; // the broker is away: the writers wait for it, and so does this
            }
            return reached(committed.get(), commits.start, target);
          });
      if (end != Progress.End.STOPPED) {
        throw new IllegalStateException(command + " ended in state " + result.getState() + " before catching up");
      }
      stop(command, result);
      return new Landed(done.getAsLong(), commits.start.size());
    }
  }

  /**
   * Cancels a pipeline whose work is done: every record it was to handle is durable and committed,
   * so an error while stopping (Spark's streaming context may be interrupted mid-microbatch) loses
   * nothing; it is logged, not thrown.
   */
  public static void stop(String command, PipelineResult result) {
    try {
      result.cancel();
    } catch (Exception | LinkageError e) {
      LOG.warn("{} caught up; stopping the pipeline then raised {}", command, OneLine.of(String.valueOf(e)));
    }
  }

  static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
      if (committed.getOrDefault(end.getKey(), start.get(end.getKey())) < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
