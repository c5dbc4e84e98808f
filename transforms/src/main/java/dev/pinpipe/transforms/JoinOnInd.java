package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.transforms.Join;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Inner-joins two clean tables on {@code ind} into flat rows: every field of the left table, then
 * every field of the right table but its {@code ind}.
 */
public final class JoinOnInd extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final String KEY = RecordKind.CLEAN_KEY;

  private final PCollection<Row> right;

  private JoinOnInd(PCollection<Row> right) {
    this.right = right;
  }

  public static JoinOnInd with(PCollection<Row> right) {
    return new JoinOnInd(right);
  }

  /** The schema of the joined rows. */
  public static Schema joinedSchema(Schema left, Schema right) {
    Schema.Builder joined = Schema.builder().addFields(left.getFields());
    for (Field field : right.getFields()) {
      if (field.getName().equals(KEY)) {
        continue;
      }
      if (left.hasField(field.getName())) {
        throw new IllegalArgumentException("both sides of the join have field " + field.getName());
      }
      joined.addField(field);
    }
    return joined.build();
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> left) {
    Schema joined = joinedSchema(left.getSchema(), right.getSchema());
    return left.apply("InnerJoinOnInd", Join.<Row, Row>innerJoin(right).using(KEY))
        .apply(
            "Flatten",
            MapElements.into(TypeDescriptors.rows()).via((Row pair) -> flatten(joined, pair)))
        .setRowSchema(joined);
  }

  private static Row flatten(Schema joined, Row pair) {
    Row lhs = pair.getRow(Join.LHS_TAG);
    Row rhs = pair.getRow(Join.RHS_TAG);
    Row.Builder row = Row.withSchema(joined).addValues(lhs.getValues());
    for (Field field : rhs.getSchema().getFields()) {
      if (!field.getName().equals(KEY)) {
        row.addValue(rhs.getValue(field.getName()));
      }
    }
    return row.build();
  }
}
