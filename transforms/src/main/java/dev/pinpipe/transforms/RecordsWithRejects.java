package dev.pinpipe.transforms;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** Records that passed a step, and the lines it rejected (see {@code RejectedRecord}). */
public final class RecordsWithRejects implements POutput {
  private static final TupleTag<Row> RECORDS = new TupleTag<>("records");
  private static final TupleTag<Row> REJECTED = new TupleTag<>("rejected");

  private final PCollection<Row> records;
  private final PCollection<Row> rejected;

  public RecordsWithRejects(PCollection<Row> records, PCollection<Row> rejected) {
    this.records = records;
    this.rejected = rejected;
  }

  public PCollection<Row> records() {
    return records;
  }

  public PCollection<Row> rejected() {
    return rejected;
  }

  @Override
  public Pipeline getPipeline() {
    return records.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(RECORDS, records, REJECTED, rejected);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, org.apache.beam.sdk.values.PInput input, PTransform<?, ?> transform) {}
}
