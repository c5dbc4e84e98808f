package dev.pinpipe.transforms.join;

import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What the nine results read: pins joined with their geo rows, pins joined with their users (as
 * {@link dev.pinpipe.transforms.JoinedRows} flattens them, narrowed to {@link #COLUMNS}) and the
 * user table.
 */
public final class JoinedPosts implements PInput, POutput {
  /**
   * The columns of the clean tables that the nine results, the stream's window summaries and its
   * lateness filter ({@code ind}) read from the joined rows; the joins keep only these (a result
   * reading another column must add it here). Batch stores the joined rows for the seven results
   * that read them, so narrow rows are cheaper: at 1M posts on Spark {@code local[2]}, 104–112 s on
   * 195–209 CPU-s against 127–130 s on 240–244 with every column.
   */
  public static final Set<String> COLUMNS = Set.of(
      "ind", "category", "poster_name", "follower_count", "country", "timestamp", "age", "date_joined");

  private final PCollection<Row> pinsWithGeo;
  private final PCollection<Row> pinsWithUsers;
  private final PCollection<Row> users;

  private JoinedPosts(PCollection<Row> pinsWithGeo, PCollection<Row> pinsWithUsers, PCollection<Row> users) {
    this.pinsWithGeo = pinsWithGeo;
    this.pinsWithUsers = pinsWithUsers;
    this.users = users;
  }

  public static JoinedPosts of(PCollection<Row> pinsWithGeo, PCollection<Row> pinsWithUsers, PCollection<Row> users) {
    return new JoinedPosts(pinsWithGeo, pinsWithUsers, users);
  }

  /** Applies {@code transform} to these collections, as {@code PCollection.apply} does. */
  public <OutputT extends POutput> OutputT apply(String name, PTransform<JoinedPosts, OutputT> transform) {
    return Pipeline.applyTransform(name, this, transform);
  }

  public PCollection<Row> pinsWithGeo() {
    return pinsWithGeo;
  }

  public PCollection<Row> pinsWithUsers() {
    return pinsWithUsers;
  }

  public PCollection<Row> users() {
    return users;
  }

  @Override
  public Pipeline getPipeline() {
    return users.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(
        new TupleTag<Row>("pinsWithGeo"), pinsWithGeo,
        new TupleTag<Row>("pinsWithUsers"), pinsWithUsers,
        new TupleTag<Row>("users"), users);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
