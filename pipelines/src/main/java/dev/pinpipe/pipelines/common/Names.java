package dev.pinpipe.pipelines.common;

import dev.pinpipe.pipelines.aws.Kinesis;
import dev.pinpipe.schemas.RecordKind;
import java.util.regex.Pattern;

/**
 * The one place that names what a topic prefix stands for: Kafka topics, Kinesis streams and
 * Delta tables. Every command checks its {@code --topicPrefix} here first.
 */
public final class Names {
  /** Kafka allows 249 characters in a topic name, {@code .user} included. */
  static final int MAX_TOPIC_PREFIX = 249 - ".user".length();
  private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_TOPIC_PREFIX + "}");

  private Names() {}

  /**
   * Fails fast, naming the option, unless the prefix can name Kafka topics and lake folders: only
   * the characters a topic name may hold (letters, digits, {@code .}, {@code _}, {@code -}), so no
   * glob or path character can widen what a command reads or deletes, and not {@code .} or
   * {@code ..} alone.
   */
  public static void requireTopicPrefix(String topicPrefix) {
    if (topicPrefix == null || !TOPIC_PREFIX.matcher(topicPrefix).matches()
        || topicPrefix.equals(".") || topicPrefix.equals("..")) {
      throw new IllegalArgumentException("--topicPrefix=" + (topicPrefix == null ? "" : topicPrefix)
          + ": use 1 to " + MAX_TOPIC_PREFIX + " letters, digits, '.', '_' or '-' (not '.' or '..' alone)");
    }
  }

  /** The Kafka topic of a record kind: {@code <prefix>.pin}, {@code .geo} or {@code .user}. */
  public static String topic(String topicPrefix, RecordKind kind) {
    return topicPrefix + "." + kind.label();
  }

  /** The clean Delta table of a record kind: {@code <prefix>_pin_table}, {@code _geo_table} or {@code _user_table}. */
  public static String cleanTable(String topicPrefix, RecordKind kind) {
    return topicPrefix + "_" + kind.label() + "_table";
  }

  /** The Delta table of the lines rejected from every kind: {@code <prefix>_rejected}. */
  public static String rejectedTable(String topicPrefix) {
    return topicPrefix + "_rejected";
  }

  /** The Delta table of an analytics result: {@code <prefix>_<result folder>}. */
  public static String resultTable(String topicPrefix, String resultFolder) {
    return topicPrefix + "_" + resultFolder;
  }

  /**
   * The prefix of batch's Delta tables, {@code <prefix>_batch}, so that batch's tables
   * ({@code <prefix>_batch_pin_table}, ...) never replace the stream's in a shared root.
   */
  public static String batchTables(String topicPrefix) {
    return topicPrefix + "_batch";
  }

  /** The Kinesis stream of a record kind: {@code streaming-<prefix>-pin}, {@code -geo} or {@code -user}. */
  public static String stream(String topicPrefix, RecordKind kind) {
    return "streaming-" + topicPrefix + "-" + kind.label();
  }
}
