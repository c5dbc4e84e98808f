package dev.pinpipe.pipelines;

import dev.pinpipe.pipelines.io.OffsetCommitter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers offset commits in this JVM, under an id of its own, in the order they came. */
public final class RecordingCommitter implements OffsetCommitter {
  private static final Map<String, List<String>> COMMITS = new ConcurrentHashMap<>();
  private final String id = UUID.randomUUID().toString();

  @Override
  public void commit(String topic, int partition, long nextOffset) {
    COMMITS.computeIfAbsent(id, key -> Collections.synchronizedList(new ArrayList<>()))
        .add(topic + "-" + partition + ":" + nextOffset);
  }

  /** The commits so far, as {@code <topic>-<partition>:<next offset>}. */
  public List<String> commits() {
    return COMMITS.getOrDefault(id, List.of());
  }
}
