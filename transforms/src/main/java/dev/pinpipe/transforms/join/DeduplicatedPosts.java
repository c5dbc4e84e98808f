package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.CleanTables;
import dev.pinpipe.transforms.results.ComputeAnalytics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** What {@link DeduplicateAndJoinPosts} gives: the tables with one record per ind, and their joins. */
public final class DeduplicatedPosts implements POutput {
  private final CleanTables tables;
  private final JoinedPosts joined;

  private DeduplicatedPosts(CleanTables tables, JoinedPosts joined) {
    this.tables = tables;
    this.joined = joined;
  }

  static DeduplicatedPosts of(CleanTables tables, JoinedPosts joined) {
    return new DeduplicatedPosts(tables, joined);
  }

  /** The three tables, one record per {@code ind} each. */
  public CleanTables tables() {
    return tables;
  }

  /** Pins with geo, pins with users, and the users: what {@link ComputeAnalytics} reads. */
  public JoinedPosts joined() {
    return joined;
  }

  @Override
  public Pipeline getPipeline() {
    return tables.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> all = new LinkedHashMap<>(tables.expand());
    all.putAll(joined.expand());
    return all;
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
