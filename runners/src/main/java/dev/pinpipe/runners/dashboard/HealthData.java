package dev.pinpipe.runners.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.pipelines.batch.BatchPipeline;
import dev.pinpipe.pipelines.lake.OutputLayout;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.kafka.KafkaBroker;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.schemas.RecordKind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The pipeline's health: rows per clean table and rejected lines per kind and reason (with a few
 * examples) from the last {@code batch} output, that run's times and runner, and how far
 * {@code land} and {@code stream} are behind their sources.
 */
final class HealthData {
  static final int EXAMPLES = 3;
  static final int EXAMPLE_CHARS = 300;

  private final String outputDir;
  private final String prefix;
  private final Optional<DeltaStorage> delta;
  private final Optional<String> kafka;
  private final String landGroup;
  private final String streamGroup;
  /** Counting a large output takes a while: counts are kept until a file of the folder changes. */
  private final Map<String, Map.Entry<List<String>, ObjectNode>> counted = new LinkedHashMap<>();

  HealthData(String outputDir, String prefix, Optional<DeltaStorage> delta, Optional<String> kafka,
      String landGroup, String streamGroup) {
    this.outputDir = LakeFileSystems.trimSlash(outputDir);
    this.prefix = prefix;
    this.delta = delta;
    this.kafka = kafka;
    this.landGroup = landGroup;
    this.streamGroup = streamGroup;
  }

  ObjectNode json() throws IOException {
    ObjectNode health = JsonLines.MAPPER.createObjectNode();
    health.put("outputDir", outputDir);
    // One look at the pointer: every count below is of the run it names, whole.
    Optional<JsonNode> last = OutputLayout.lastRun(outputDir);
    Optional<String> run = last.map(record -> OutputLayout.folderOf(outputDir, record));
    ObjectNode clean = health.putObject("clean");
    ArrayNode rejected = health.putArray("rejected");
    boolean any = false;
    for (RecordKind kind : RecordKind.values()) {
      ObjectNode tally = tally(run.map(folder -> OutputLayout.clean(folder, kind)), "clean " + kind.label(), false);
      any |= tally.get("files").asInt() > 0;
      clean.put(kind.label(), tally.get("rows").asLong());
      ObjectNode reasons = tally(run.map(folder -> OutputLayout.rejected(folder, kind)), "rejected " + kind.label(), true);
      reasons.put("kind", kind.label());
      rejected.add(reasons);
    }
    if (!any) {
      health.put("cleanHint", "No clean tables in " + outputDir + " yet: run ./pinpipe batch to write them.");
    }
    health.set("lastRun", last.orElse(JsonLines.MAPPER.nullNode()));
    if (health.get("lastRun").isNull()) {
      health.put("lastRunHint", "No batch run has finished into " + outputDir + " yet: run ./pinpipe batch.");
    }
    health.set("land", lag(landGroup, "land"));
    ObjectNode stream = lag(streamGroup, "stream --source=kafka");
    stream.set("tables", streamTables());
    health.set("stream", stream);
    if (delta.isPresent()) {
      health.put("batchDelta", batchDelta(delta.get()));
    }
    return health;
  }

  /**
   * Rows of a folder, kept as {@code key} until its files change; with {@code reasons}, rejected
   * lines counted per reason with a few examples.
   */
  private synchronized ObjectNode tally(Optional<String> folder, String key, boolean reasons) throws IOException {
    List<MatchResult.Metadata> files = folder.isEmpty() ? List.of() : JsonLines.files(folder.get());
    List<String> stamp = files.stream()
        .map(file -> file.resourceId() + ":" + file.sizeBytes() + ":" + file.lastModifiedMillis()).toList();
    Map.Entry<List<String>, ObjectNode> kept = counted.get(key);
    if (kept != null && kept.getKey().equals(stamp)) {
      return kept.getValue().deepCopy();
    }
    ObjectNode tally = JsonLines.MAPPER.createObjectNode();
    long[] rows = {0};
    Map<String, ObjectNode> byReason = new TreeMap<>();
    if (!reasons) {
      rows[0] = JsonLines.count(files);
    } else {
      JsonLines.read(files, row -> {
        rows[0]++;
        String reason = row.path("reason").asText("unknown");
        ObjectNode entry = byReason.computeIfAbsent(reason, r -> {
          ObjectNode fresh = JsonLines.MAPPER.createObjectNode();
          fresh.put("reason", r);
          fresh.put("count", 0L);
          fresh.putArray("examples");
          return fresh;
        });
        entry.put("count", entry.get("count").asLong() + 1);
        ArrayNode examples = (ArrayNode) entry.get("examples");
        if (examples.size() < EXAMPLES) {
          String raw = row.path("raw").asText("");
          ObjectNode example = examples.addObject();
          example.put("raw", raw.length() > EXAMPLE_CHARS ? raw.substring(0, EXAMPLE_CHARS) + "…" : raw);
          example.put("source", row.path("source").asText(null));
        }
      });
    }
    tally.put("files", files.size());
    tally.put("rows", rows[0]);
    if (reasons) {
      tally.put("total", rows[0]);
      ArrayNode list = tally.putArray("reasons");
      byReason.values().stream()
          .sorted((a, b) -> Long.compare(b.get("count").asLong(), a.get("count").asLong()))
          .forEach(list::add);
    }
    counted.put(key, Map.entry(stamp, tally));
    return tally.deepCopy();
  }

  /** Whether batch's Delta tables are one whole run's, or torn by a run that did not finish. */
  private String batchDelta(DeltaStorage storage) {
    try {
      return BatchPipeline.deltaTablesState(prefix, storage).describe(BatchPipeline.marker(prefix));
    } catch (IOException | RuntimeException e) {
      return "cannot read them: " + OneLine.of(OneLine.rootCause(e).toString());
    }
  }

  /** End offsets minus the group's committed offsets, per topic of the prefix. */
  private ObjectNode lag(String group, String command) {
    ObjectNode lag = JsonLines.MAPPER.createObjectNode();
    lag.put("group", group);
    if (kafka.isEmpty()) {
      lag.put("hint", "Give --kafkaBootstrapServers to see how far " + command.split(" ")[0]
          + " is behind its Kafka topics.");
      return lag;
    }
    try (KafkaBroker broker = KafkaBroker.connect(kafka.get())) {
      List<TopicPartition> partitions = broker.partitionsMatching(Pattern.compile(Arrays.stream(RecordKind.values())
          .map(kind -> Pattern.quote(Names.topic(prefix, kind))).collect(Collectors.joining("|"))));
      Map<TopicPartition, Long> ends = broker.offsets(partitions, OffsetSpec.latest());
      Map<TopicPartition, Long> starts = broker.offsets(partitions, OffsetSpec.earliest());
      Map<TopicPartition, Long> committed = broker.committed(group);
      Map<String, Long> perTopic = new TreeMap<>();
      for (TopicPartition partition : partitions) {
        long from = committed.getOrDefault(partition, starts.get(partition));
        perTopic.merge(partition.topic(), Math.max(0, ends.get(partition) - from), Long::sum);
      }
      ArrayNode topics = lag.putArray("topics");
      perTopic.forEach((topic, behind) -> topics.addObject().put("topic", topic).put("lag", behind));
      if (perTopic.isEmpty()) {
        lag.put("hint", "No topics " + prefix + ".pin/.geo/.user on Kafka yet: run ./pinpipe emulate.");
      } else if (committed.keySet().stream().noneMatch(partitions::contains)) {
        lag.put("hint", "Group " + group + " has committed nothing yet: run ./pinpipe " + command + ".");
      }
    } catch (RuntimeException e) {
      lag.put("error", "Kafka: " + OneLine.of(OneLine.rootCause(e).getMessage()));
    }
    return lag;
  }

  /** The stream's clean tables' logs, once they exist. */
  private final Map<String, DeltaTable> open = new ConcurrentHashMap<>();

  /** The stream's clean tables: when each was last committed, and how long ago. */
  private ArrayNode streamTables() {
    ArrayNode tables = JsonLines.MAPPER.createArrayNode();
    if (delta.isEmpty()) {
      return tables;
    }
    for (RecordKind kind : RecordKind.values()) {
      String name = Names.cleanTable(prefix, kind);
      ObjectNode table = tables.addObject().put("table", name);
      try {
        DeltaTable log = open.containsKey(name) ? open.get(name) : delta.get().table(name);
        Optional<Instant> last = log.lastCommit();
        if (last.isPresent()) {
          open.putIfAbsent(name, log); // kept once the table exists, so a look reads only new commits
          table.put("lastCommit", last.get().toString());
          table.put("secondsSince", Duration.between(last.get(), Instant.now()).toSeconds());
        } else {
          table.put("hint", "No table yet: run ./pinpipe stream --deltaRoot=" + delta.get().root() + ".");
        }
      } catch (IOException | RuntimeException e) {
        table.put("error", OneLine.of(OneLine.rootCause(e).getMessage()));
      }
    }
    return tables;
  }
}
