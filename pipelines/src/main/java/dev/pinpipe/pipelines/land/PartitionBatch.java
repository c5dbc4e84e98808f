package dev.pinpipe.pipelines.land;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/**
 * Records of one topic partition, read in one bundle: what reaches the lake writer as one element,
 * so that the shuffle before it and its state are paid per batch, not per record.
 */
final class PartitionBatch {
  final String topic;
  final int partition;
  final List<LakeRecord> records;

  PartitionBatch(String topic, int partition, List<LakeRecord> records) {
    this.topic = topic;
    this.partition = partition;
    this.records = records;
  }

  /** The key that sends every batch of a partition to the same writer. */
  static String key(String topic, int partition) {
    return topic + "/" + partition;
  }

  static Coder<PartitionBatch> coder() {
    return BatchCoder.INSTANCE;
  }

  /** The topic and partition once, then each record's offset and line. */
  private static final class BatchCoder extends CustomCoder<PartitionBatch> {
    static final BatchCoder INSTANCE = new BatchCoder();
    private static final Coder<String> TOPIC = StringUtf8Coder.of();
    private static final Coder<byte[]> LINE = ByteArrayCoder.of();

    @Override
    public void encode(PartitionBatch batch, OutputStream out) throws IOException {
      TOPIC.encode(batch.topic, out);
      VarInt.encode(batch.partition, out);
      VarInt.encode(batch.records.size(), out);
      for (LakeRecord record : batch.records) {
        VarInt.encode(record.offset, out);
        LINE.encode(record.line, out);
      }
    }

    @Override
    public PartitionBatch decode(InputStream in) throws IOException {
      String topic = TOPIC.decode(in);
      int partition = VarInt.decodeInt(in);
      int size = VarInt.decodeInt(in);
      List<LakeRecord> records = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        records.add(new LakeRecord(topic, partition, VarInt.decodeLong(in), LINE.decode(in)));
      }
      return new PartitionBatch(topic, partition, records);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
