package dev.pinpipe.pipelines.land;

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
 * Gathers a bundle's Kafka records per topic partition and window into {@link PartitionBatch}es,
 * keyed for the lake writer: a batch is output once it holds {@code maxRecords} (so a runner's
 * large bundle is not held whole) or when the bundle finishes, at the timestamp of its latest
 * record. Landing 600,000 records on Flink, one element per record spent most of the run
 * encoding, shuffling and keeping state record by record.
 */
final class BatchByTopicPartition extends DoFn<KafkaRecord<byte[], byte[]>, KV<String, PartitionBatch>> {
  private final int maxRecords;
  private transient Map<BoundedWindow, Map<String, Pending>> bundle;

  BatchByTopicPartition(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  /** A batch being gathered, and the latest timestamp in it, which it is output at. */
  private static final class Pending {
    final List<LakeRecord> records = new ArrayList<>();
    Instant latest;

    KV<String, PartitionBatch> batch(String key) {
      LakeRecord first = records.get(0);
      return KV.of(key, new PartitionBatch(first.topic, first.partition, records));
    }
  }

  @StartBundle
  public void startBundle() {
    bundle = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element KafkaRecord<byte[], byte[]> record, @Timestamp Instant timestamp, BoundedWindow window,
      OutputReceiver<KV<String, PartitionBatch>> out) {
    Map<String, Pending> batches = bundle.computeIfAbsent(window, w -> new LinkedHashMap<>());
    String key = PartitionBatch.key(record.getTopic(), record.getPartition());
    Pending pending = batches.computeIfAbsent(key, k -> new Pending());
    pending.records.add(new LakeRecord(record.getTopic(), record.getPartition(), record.getOffset(),
        LakeRecord.lineOf(record.getKV().getValue())));
    if (pending.latest == null || timestamp.isAfter(pending.latest)) {
      pending.latest = timestamp;
    }
    if (pending.records.size() >= maxRecords) {
      out.outputWithTimestamp(pending.batch(key), pending.latest);
      batches.remove(key);
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    bundle.forEach((window, batches) -> batches.forEach((key, pending) ->
        context.output(pending.batch(key), pending.latest, window)));
    bundle = null;
  }
}
