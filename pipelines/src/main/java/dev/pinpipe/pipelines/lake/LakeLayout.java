package dev.pinpipe.pipelines.lake;

import dev.pinpipe.schemas.RecordKind;

/**
 * Paths of the raw lake, in the Kafka Connect S3 sink layout:
 * {@code <root>/topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json}.
 */
public final class LakeLayout {
  private LakeLayout() {}

  /** The Kafka topic of a record kind: {@code <prefix>.pin}, {@code .geo} or {@code .user}. */
  public static String topic(String topicPrefix, RecordKind kind) {
    return topicPrefix + "." + kind.label();
  }

  /** Fails fast, naming the option, unless the prefix can name topics and lake folders. */
  public static void requireTopicPrefix(String topicPrefix) {
    if (topicPrefix == null || topicPrefix.isBlank() || topicPrefix.contains("/")) {
      throw new IllegalArgumentException("--topicPrefix must be a non-empty name without '/'");
    }
  }

  /** The file holding records from {@code startOffset} on, offset zero-padded to 10 digits. */
  public static String file(String root, String topic, int partition, long startOffset) {
    return String.format(
        "%s/topics/%s/partition=%d/%s+%d+%010d.json",
        trimSlash(root), topic, partition, topic, partition, startOffset);
  }

  /** The glob matching every file of one record kind. */
  public static String glob(String root, String topicPrefix, RecordKind kind) {
    return String.format(
        "%s/topics/%s/partition=*/*.json", trimSlash(root), topic(topicPrefix, kind));
  }

  private static String trimSlash(String root) {
    return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }
}
