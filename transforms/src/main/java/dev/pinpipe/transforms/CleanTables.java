package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/** The three clean tables: pins, geos and users. */
public final class CleanTables implements PInput {
  private final PCollection<Row> pins;
  private final PCollection<Row> geos;
  private final PCollection<Row> users;

  private CleanTables(PCollection<Row> pins, PCollection<Row> geos, PCollection<Row> users) {
    this.pins = pins;
    this.geos = geos;
    this.users = users;
  }

  public static CleanTables of(PCollection<Row> pins, PCollection<Row> geos, PCollection<Row> users) {
    return new CleanTables(pins, geos, users);
  }

  /** Applies {@code transform} to these tables, as {@code PCollection.apply} does. */
  public <OutputT extends POutput> OutputT apply(
      String name, PTransform<CleanTables, OutputT> transform) {
    return Pipeline.applyTransform(name, this, transform);
  }

  /** The table of {@code kind}. */
  public PCollection<Row> of(RecordKind kind) {
    return switch (kind) {
      case PIN -> pins;
      case GEO -> geos;
      case USER -> users;
    };
  }

  public PCollection<Row> pins() {
    return pins;
  }

  public PCollection<Row> geos() {
    return geos;
  }

  public PCollection<Row> users() {
    return users;
  }

  @Override
  public Pipeline getPipeline() {
    return pins.getPipeline();
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(
        new TupleTag<Row>("pins"), pins,
        new TupleTag<Row>("geos"), geos,
        new TupleTag<Row>("users"), users);
  }
}
