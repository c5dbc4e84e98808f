package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.io.KafkaBroker;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;

/** Ends a landing run once its group has committed every offset that existed at start. */
final class CatchUp {
  private CatchUp() {}

  static PipelineResult await(PipelineResult result, LakeSink.Options options, Map<TopicPartition, Long> target) {
    String group = LakeSink.groupId(options);
    try (KafkaBroker broker = KafkaBroker.connect(options.getKafkaBootstrapServers())) {
      // A partition the group never committed starts at its earliest offset.
      Map<TopicPartition, Long> earliest = broker.offsets(target.keySet(), OffsetSpec.earliest());
      while (true) {
        PipelineResult.State state = result.waitUntilFinish(Duration.standardSeconds(1));
        if (state != null && state.isTerminal()) {
          return result;
        }
        if (reached(broker.committed(group), earliest, target)) {
          result.cancel();
          return result;
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot stop the landing pipeline: " + e.getMessage(), e);
    }
  }

  static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
      long landed = committed.getOrDefault(end.getKey(), earliest.getOrDefault(end.getKey(), 0L));
      if (landed < end.getValue()) {
        return false;
      }
    }
    return true;
  }
}
