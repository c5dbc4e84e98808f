package dev.pinpipe.transforms.analytics;

import java.util.Map;
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
 * {@link dev.pinpipe.transforms.JoinedRows} flattens them) and the user table.
 */
public final class JoinedPosts implements PInput, POutput {
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
