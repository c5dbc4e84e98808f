package dev.pinpipe.transforms.results;

import dev.pinpipe.schemas.AnalyticsResult;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** The nine analytics results, each a PCollection of rows of its {@link AnalyticsResult} shape. */
public final class AnalyticsResults implements POutput {
  private final Pipeline pipeline;
  private final Map<AnalyticsResult, PCollection<Row>> results;

  AnalyticsResults(Pipeline pipeline, Map<AnalyticsResult, PCollection<Row>> results) {
    this.pipeline = pipeline;
    this.results = new EnumMap<>(results);
  }

  public PCollection<Row> get(AnalyticsResult result) {
    return results.get(result);
  }

  /** Every result, in {@link AnalyticsResult} order. */
  public Map<AnalyticsResult, PCollection<Row>> all() {
    return new EnumMap<>(results);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> expanded = new LinkedHashMap<>();
    results.forEach((result, rows) -> expanded.put(new TupleTag<Row>(result.folder()), rows));
    return expanded;
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
