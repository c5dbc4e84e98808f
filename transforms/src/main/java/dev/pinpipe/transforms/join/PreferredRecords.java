package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.RowJson;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.values.Row;

/**
 * Which record to keep of several with one key. The emulator posts random rows with replacement,
 * so the lake holds exact duplicates; where two records share a key but differ, the one whose JSON
 * form sorts first is kept, so every runner keeps the same one. Batch's dedupe
 * ({@link DeduplicateAndJoinPosts}) and the stream's Delta writer
 * both choose by this rule.
 */
public final class PreferredRecords {
  private PreferredRecords() {}

  /** Of two records with one key, the one to keep: the first in JSON order, whatever order they came in. */
  public static Row of(Row left, Row right) {
    return left.equals(right) || RowJson.toJson(left).compareTo(RowJson.toJson(right)) <= 0 ? left : right;
  }

  /** Of {@code rows}, the preferred one per value of their INT64 field {@code keyField}. */
  public static Map<Long, Row> perKey(Iterable<Row> rows, String keyField) {
    Map<Long, Row> kept = new HashMap<>();
    for (Row row : rows) {
      kept.merge(row.getInt64(keyField), row, PreferredRecords::of);
    }
    return kept;
  }
}
