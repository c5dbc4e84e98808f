package dev.pinpipe.pipelines.land;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** One Kafka record on its way to the lake: where it was read and the line it becomes. */
public final class LakeRecord {
  private static final byte[] NULL_LINE = "null".getBytes(StandardCharsets.US_ASCII);

  public final String topic;
  public final int partition;
  public final long offset;
  /** The line's bytes, without its line break. */
  public final byte[] line;

  public LakeRecord(String topic, int partition, long offset, byte[] line) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.line = line;
  }

  /**
   * The lake line of a record value: its bytes, with line breaks turned into spaces so that one
   * record is always one line. In JSON a raw line break can only be whitespace between tokens, so
   * this keeps a JSON value's meaning; a value that is not JSON stays one line for batch to
   * reject whole. The bytes are not decoded: a line break byte is never part of a longer UTF-8
   * character, and a value that is not UTF-8 reaches batch as it is, to be rejected with a
   * reason. A null value (a tombstone) becomes the JSON {@code null}.
   */
  public static byte[] lineOf(byte[] value) {
    if (value == null) {
      return NULL_LINE.clone();
    }
    byte[] line = value;
    for (int i = 0; i < value.length; i++) {
      if (value[i] == '\n' || value[i] == '\r') {
        if (line == value) {
          line = value.clone();
        }
        line[i] = ' ';
      }
    }
    return line;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof LakeRecord)) {
      return false;
    }
    LakeRecord that = (LakeRecord) other;
    return topic.equals(that.topic) && partition == that.partition && offset == that.offset
        && Arrays.equals(line, that.line);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(topic, partition, offset) + Arrays.hashCode(line);
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
