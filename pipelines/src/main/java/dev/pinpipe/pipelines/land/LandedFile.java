package dev.pinpipe.pipelines.land;

import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/** A lake file that is durable and whose offsets are committed. */
@DefaultSchema(JavaFieldSchema.class)
public final class LandedFile {
  public final String path;
  public final String topic;
  public final int partition;
  public final long startOffset;
  public final int records;

  @SchemaCreate
  public LandedFile(String path, String topic, int partition, long startOffset, int records) {
    this.path = path;
    this.topic = topic;
    this.partition = partition;
    this.startOffset = startOffset;
    this.records = records;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof LandedFile)) {
      return false;
    }
    LandedFile that = (LandedFile) other;
    return path.equals(that.path) && topic.equals(that.topic) && partition == that.partition
        && startOffset == that.startOffset && records == that.records;
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, topic, partition, startOffset, records);
  }

  @Override
  public String toString() {
    return path + " (" + records + " records)";
  }
}
