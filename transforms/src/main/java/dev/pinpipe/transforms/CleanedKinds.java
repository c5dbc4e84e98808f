package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What {@link CleanAllKinds} gives: per kind, the clean records keyed by where their line came from,
 * and the rejected lines; and the three clean tables, the input of the joins.
 */
public final class CleanedKinds implements POutput {
  private final Pipeline pipeline;
  private final Map<RecordKind, WithRejects<KV<String, Row>>> cleaned;
  private final CleanTables tables;

  CleanedKinds(Pipeline pipeline, Map<RecordKind, WithRejects<KV<String, Row>>> cleaned, CleanTables tables) {
    this.pipeline = pipeline;
    this.cleaned = new EnumMap<>(cleaned);
    this.tables = tables;
  }

  /** {@code kind}'s clean records, keyed by their line's source. */
  public PCollection<KV<String, Row>> bySource(RecordKind kind) {
    return cleaned.get(kind).values();
  }

  /** {@code kind}'s rejected lines ({@code RejectedRecord} rows). */
  public PCollection<Row> rejected(RecordKind kind) {
    return cleaned.get(kind).rejected();
  }

  /** Every kind's rejected lines, in kind order. */
  public List<PCollection<Row>> allRejected() {
    List<PCollection<Row>> all = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      all.add(rejected(kind));
    }
    return all;
  }

  /** The clean records of each kind, without their sources. */
  public CleanTables tables() {
    return tables;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> expanded = new LinkedHashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      expanded.put(new TupleTag<KV<String, Row>>("clean_" + kind.label()), bySource(kind));
      expanded.put(new TupleTag<Row>("rejected_" + kind.label()), rejected(kind));
      expanded.put(new TupleTag<Row>("table_" + kind.label()), tables.of(kind));
    }
    return expanded;
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
