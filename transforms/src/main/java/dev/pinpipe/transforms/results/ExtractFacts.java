package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.TypedRows;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Turns each input row into the narrow row one result measures, or leaves it out of that result
 * when the function returns null (a grouping or measured field is null or out of range).
 */
final class ExtractFacts extends PTransform<PCollection<Row>, PCollection<Row>> {
  private final Schema factsSchema;
  private final SerializableFunction<Row, Row> facts;

  private ExtractFacts(Schema factsSchema, SerializableFunction<Row, Row> facts) {
    this.factsSchema = factsSchema;
    this.facts = facts;
  }

  static ExtractFacts of(Schema factsSchema, SerializableFunction<Row, Row> facts) {
    return new ExtractFacts(factsSchema, facts);
  }

  /** A function that returns null when any of {@code values} is null, else a row of them. */
  static Row rowOrNull(Schema schema, Object... values) {
    for (Object value : values) {
      if (value == null) {
        return null;
      }
    }
    return TypedRows.of(schema, values);
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> input) {
    return input.apply(ParDo.of(new FactsFn(facts))).setRowSchema(factsSchema);
  }

  private static final class FactsFn extends DoFn<Row, Row> {
    private final SerializableFunction<Row, Row> facts;

    FactsFn(SerializableFunction<Row, Row> facts) {
      this.facts = facts;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      Row fact = facts.apply(row);
      if (fact != null) {
        out.output(fact);
      }
    }
  }
}
