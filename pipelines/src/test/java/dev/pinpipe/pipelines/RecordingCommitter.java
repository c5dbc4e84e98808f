package dev.pinpipe.pipelines;

import dev.pinpipe.pipelines.kafka.OffsetCommitter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers offset commits in this JVM, under an id of its own, in the order they came; a run of a
 * partition starts where {@link #startingAt} says (else at 0), and offsets {@link #withoutRecordAt}
 * hold no record (as a transaction marker would).
 */
public final class RecordingCommitter implements OffsetCommitter {
  private static final Map<String, List<String>> COMMITS = new ConcurrentHashMap<>();
  private final String id = UUID.randomUUID().toString();
  private final Map<String, Long> starts = new HashMap<>();
  private final Set<String> noRecord = new HashSet<>();

  private static String partition(String topic, int partition) {
    return topic + "-" + partition;
  }

  /** Runs read {@code topic}'s {@code partition} from {@code offset}, as if committed there. */
  public RecordingCommitter startingAt(String topic, int partition, long offset) {
    starts.put(partition(topic, partition), offset);
    return this;
  }

  /** {@code topic}'s {@code partition} holds no record at {@code offset}. */
  public RecordingCommitter withoutRecordAt(String topic, int partition, long offset) {
    noRecord.add(partition(topic, partition) + ":" + offset);
    return this;
  }

  @Override
  public void commit(String topic, int partition, long nextOffset) {
    COMMITS.computeIfAbsent(id, key -> Collections.synchronizedList(new ArrayList<>()))
        .add(partition(topic, partition) + ":" + nextOffset);
  }

  @Override
  public long start(String topic, int partition) {
    return starts.getOrDefault(partition(topic, partition), 0L);
  }

  @Override
  public long nextRecord(String topic, int partition, long offset) {
    long at = offset;
    while (noRecord.contains(partition(topic, partition) + ":" + at)) {
      at++;
    }
    return at;
  }

  /** The commits so far, as {@code <topic>-<partition>:<next offset>}. */
  public List<String> commits() {
    return COMMITS.getOrDefault(id, List.of());
  }
}
