package dev.pinpipe.pipelines.lake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * Gathers a bundle's Kafka records per topic partition and window into one {@link PartitionBatch}
 * each, output when the bundle finishes, keyed for the lake writer. Landing 600,000 records on
 * Flink, one element per record spent most of the run encoding, shuffling and keeping state
 * record by record.
 */
final class BatchByTopicPartition extends DoFn<KafkaRecord<byte[], byte[]>, KV<String, PartitionBatch>> {
  private transient Map<BoundedWindow, Map<String, Pending>> bundle;

  /** A batch being gathered, and the earliest timestamp in it, which it is output at. */
  private static final class Pending {
    final List<LakeRecord> records = new ArrayList<>();
    Instant earliest;
  }

  @StartBundle
  public void startBundle() {
    bundle = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element KafkaRecord<byte[], byte[]> record, @Timestamp Instant timestamp, BoundedWindow window) {
    Pending pending = bundle.computeIfAbsent(window, w -> new LinkedHashMap<>())
        .computeIfAbsent(PartitionBatch.key(record.getTopic(), record.getPartition()), key -> new Pending());
    pending.records.add(new LakeRecord(record.getTopic(), record.getPartition(), record.getOffset(),
        LakeRecord.lineOf(record.getKV().getValue())));
    if (pending.earliest == null || timestamp.isBefore(pending.earliest)) {
      pending.earliest = timestamp;
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    bundle.forEach((window, batches) -> batches.forEach((key, pending) -> {
      LakeRecord first = pending.records.get(0);
      context.output(KV.of(key, new PartitionBatch(first.topic, first.partition, pending.records)),
          pending.earliest, window);
    }));
    bundle = null;
  }
}
