package dev.pinpipe.pipelines.lake;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/** One Kafka record on its way to the lake: where it was read and the line it becomes. */
@DefaultSchema(JavaFieldSchema.class)
public final class LakeRecord {
  public final String topic;
  public final int partition;
  public final long offset;
  public final String line;

  @SchemaCreate
  public LakeRecord(String topic, int partition, long offset, String line) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.line = line;
  }

  /**
   * The lake line of a record value: its text, with line breaks turned into spaces so that one
   * record is always one line. In JSON a raw line break can only be whitespace between tokens, so
   * this keeps a JSON value's meaning; a value that is not JSON stays one line for batch to
   * reject whole. A null value (a tombstone) becomes the JSON {@code null}.
   */
  public static String lineOf(byte[] value) {
    if (value == null) {
      return "null";
    }
    String text = new String(value, StandardCharsets.UTF_8);
    return text.indexOf('\n') < 0 && text.indexOf('\r') < 0
        ? text
        : text.replace('\n', ' ').replace('\r', ' ');
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof LakeRecord)) {
      return false;
    }
    LakeRecord that = (LakeRecord) other;
    return topic.equals(that.topic) && partition == that.partition && offset == that.offset
        && line.equals(that.line);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(topic, partition, offset, line);
  }

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
