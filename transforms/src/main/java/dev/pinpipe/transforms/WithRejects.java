package dev.pinpipe.transforms;

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
 * What a step let through, and the lines it rejected beside them (see {@code RejectedRecord}):
 * every step that can reject input returns one, so no pipeline can forget the rejected side.
 */
public final class WithRejects<T> implements POutput {
  private static final TupleTag<Object> VALUES = new TupleTag<>("values");
  private static final TupleTag<Row> REJECTED = new TupleTag<>("rejected");

  private final PCollection<T> values;
  private final PCollection<Row> rejected;

  public WithRejects(PCollection<T> values, PCollection<Row> rejected) {
    this.values = values;
    this.rejected = rejected;
  }

  public PCollection<T> values() {
    return values;
  }

  public PCollection<Row> rejected() {
    return rejected;
  }

  @Override
  public Pipeline getPipeline() {
    return values.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(VALUES, values, REJECTED, rejected);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
}
