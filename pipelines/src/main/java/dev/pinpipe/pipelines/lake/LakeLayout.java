package dev.pinpipe.pipelines.lake;

import static dev.pinpipe.pipelines.lake.LakeFileSystems.trimSlash;

import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.schemas.RecordKind;

/**
 * Paths of the raw lake, in the Kafka Connect S3 sink layout:
 * {@code <root>/topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json}.
 */
public final class LakeLayout {
  private LakeLayout() {}

  /** The folder of one kind's topic: {@code <root>/topics/<prefix>.<kind>}. */
  public static String topicFolder(String root, String topicPrefix, RecordKind kind) {
    return trimSlash(root) + "/topics/" + Names.topic(topicPrefix, kind);
  }

  /** The file holding records from {@code startOffset} on, offset zero-padded to 10 digits. */
  public static String file(String root, String topic, int partition, long startOffset) {
    return String.format(
        "%s/topics/%s/partition=%d/%s+%d+%010d.json",
        trimSlash(root), topic, partition, topic, partition, startOffset);
  }

  /** The glob matching every file of one record kind. */
  public static String glob(String root, String topicPrefix, RecordKind kind) {
    return topicFolder(root, topicPrefix, kind) + "/partition=*/*.json";
  }

}
