package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * The whole cleaning of one table, shared by every pipeline: parse JSON lines, clean, and keep
 * one record per {@code ind}. Rejected lines come out beside the clean records.
 */
public final class CleanTable extends PTransform<PCollection<String>, RecordsWithRejects> {
  private final RecordKind kind;
  private final int keyBuckets;

  private CleanTable(RecordKind kind, int keyBuckets) {
    this.kind = kind;
    this.keyBuckets = keyBuckets;
  }

  public static CleanTable of(RecordKind kind) {
    return new CleanTable(kind, KeyBuckets.FEW);
  }

  /** The same, deduplicating in {@code keyBuckets} hash buckets (see {@link KeyBuckets}). */
  public CleanTable withKeyBuckets(int keyBuckets) {
    return new CleanTable(kind, keyBuckets);
  }

  @Override
  public RecordsWithRejects expand(PCollection<String> lines) {
    RecordsWithRejects cleaned = lines.apply("ParseAndClean", CleanRecords.of(kind));
    PCollection<Row> deduplicated =
        cleaned
            .records()
            .apply("Deduplicate", DeduplicateByKey.on(RecordKind.CLEAN_KEY).inBuckets(keyBuckets));
    return new RecordsWithRejects(deduplicated, cleaned.rejected());
  }
}
