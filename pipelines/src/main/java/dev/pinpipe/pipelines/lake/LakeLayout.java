package dev.pinpipe.pipelines.lake;

import dev.pinpipe.schemas.RecordKind;
import java.util.regex.Pattern;

/**
 * Paths of the raw lake, in the Kafka Connect S3 sink layout:
 * {@code <root>/topics/<topic>/partition=<p>/<topic>+<p>+<startOffset>.json}.
 */
public final class LakeLayout {
  static final int MAX_TOPIC_PREFIX = 249 - ".user".length();
  private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_TOPIC_PREFIX + "}");

  private LakeLayout() {}

  /** The Kafka topic of a record kind: {@code <prefix>.pin}, {@code .geo} or {@code .user}. */
  public static String topic(String topicPrefix, RecordKind kind) {
    return topicPrefix + "." + kind.label();
  }

  /**
   * Fails fast, naming the option, unless the prefix can name Kafka topics and lake folders: only
   * the characters a topic name may hold (letters, digits, {@code .}, {@code _}, {@code -}), so no
   * glob or path character can widen what a command reads or deletes, and not {@code .} or
   * {@code ..} alone. Kafka allows 249 characters, {@code .user} included.
   */
  public static void requireTopicPrefix(String topicPrefix) {
    if (topicPrefix == null || !TOPIC_PREFIX.matcher(topicPrefix).matches()
        || topicPrefix.equals(".") || topicPrefix.equals("..")) {
      throw new IllegalArgumentException("--topicPrefix=" + (topicPrefix == null ? "" : topicPrefix)
          + ": use 1 to " + MAX_TOPIC_PREFIX + " letters, digits, '.', '_' or '-' (not '.' or '..' alone)");
    }
  }

  /** The folder of one kind's topic: {@code <root>/topics/<prefix>.<kind>}. */
  public static String topicFolder(String root, String topicPrefix, RecordKind kind) {
    return trimSlash(root) + "/topics/" + topic(topicPrefix, kind);
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

  private static String trimSlash(String root) {
    return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }
}
