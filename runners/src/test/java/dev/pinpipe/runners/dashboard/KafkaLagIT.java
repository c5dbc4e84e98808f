package dev.pinpipe.runners.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.lake.TopicsAndLake;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** land's and stream's lag on the health section: end offsets minus committed ones, per topic, from a real broker. */
class KafkaLagIT {
  @TempDir Path tmp;

  @Test
  void lagIsWhatEachGroupHasNotCommittedPerTopic() throws Exception {
    String prefix = "dash" + UUID.randomUUID().toString().substring(0, 8);
    TopicsAndLake.createTopics(prefix, 2);
    TopicsAndLake.produce(prefix, 0, 50, 7); // pin 52 records (a pretty one and a tombstone), geo 50, user 50
    String land = "pinpipe-land-" + prefix;
    try (KafkaBroker broker = KafkaBroker.connect(LocalStack.kafka())) {
      List<TopicPartition> geo = broker.partitionsMatching(Pattern.compile(Pattern.quote(prefix + ".geo")));
      Map<TopicPartition, Long> ends = broker.offsets(geo, OffsetSpec.latest());
      ends.forEach((partition, end) -> broker.commit(land, partition, end)); // geo fully landed
      TopicPartition user0 = new TopicPartition(prefix + ".user", 0);
      broker.commit(land, user0, 5); // 5 user records landed
    }

    JsonNode health = new HealthData(tmp.toString(), prefix, Optional.empty(), Optional.of(LocalStack.kafka()),
        land, "pinpipe-stream-" + prefix).json();
    Map<String, Long> lag = new HashMap<>();
    health.get("land").get("topics").forEach(topic -> lag.put(topic.get("topic").asText(), topic.get("lag").asLong()));
    assertEquals(Map.of(prefix + ".pin", 52L, prefix + ".geo", 0L, prefix + ".user", 45L), lag);
    assertFalse(health.get("land").has("error"), health.toString());
    JsonNode stream = health.get("stream");
    assertTrue(stream.get("hint").asText().contains("has committed nothing yet"), stream.toString());

    JsonNode away = new HealthData(tmp.toString(), prefix, Optional.empty(), Optional.of("127.0.0.1:9"), land, "s").json();
    assertTrue(away.get("land").get("error").asText().startsWith("Kafka: "), away.toString());
  }
}
