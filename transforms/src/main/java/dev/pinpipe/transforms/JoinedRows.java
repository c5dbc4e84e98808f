package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.values.Row;

/**
 * The flat rows of two clean tables joined on {@code ind}: every field of the left table, then
 * every field of the right table but its {@code ind}. Batch's and the stream's joins build them.
 */
public final class JoinedRows {
  private static final String KEY = RecordKind.CLEAN_KEY;

  private JoinedRows() {}

  /** The schema of the joined rows. */
  public static Schema schema(Schema left, Schema right) {
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

  /** One joined row of {@link #schema} {@code joined}: the left row's fields, then the right row's but its {@code ind}. */
  public static Row of(Schema joined, Row left, Row right) {
    List<Object> row = TypedRows.valuesFor(joined);
    row.addAll(left.getValues());
    Schema rightSchema = right.getSchema();
    for (int i = 0; i < rightSchema.getFieldCount(); i++) {
      if (!rightSchema.getField(i).getName().equals(KEY)) {
        row.add(right.getValue(i));
      }
    }
    return TypedRows.of(joined, row);
  }
}
