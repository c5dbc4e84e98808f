package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.TypedRows;
import dev.pinpipe.schemas.RecordKind;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.values.Row;

/**
 * The flat rows of two clean tables joined on {@code ind}, narrowed to the columns their readers
 * need: the left table's fields of those, then the right table's but its {@code ind}. Batch's and
 * the stream's joins build them.
 */
public final class JoinedRows {
  private static final String KEY = RecordKind.CLEAN_KEY;

  private JoinedRows() {}

  /** The schema of the joined rows: of the fields named in {@code columns}, the left table's, then the right table's but its {@code ind}. */
  public static Schema schema(Schema left, Schema right, Set<String> columns) {
    Schema.Builder joined = Schema.builder();
    for (Field field : left.getFields()) {
      if (columns.contains(field.getName())) {
        joined.addField(field);
      }
    }
    for (Field field : right.getFields()) {
      if (field.getName().equals(KEY) || !columns.contains(field.getName())) {
        continue;
      }
      if (left.hasField(field.getName())) {
        throw new IllegalArgumentException("both sides of the join have field " + field.getName());
      }
      joined.addField(field);
    }
    return joined.build();
  }

  /** One joined row of {@link #schema} {@code joined}: each field's value from the left row if it has the field, else from the right. */
  public static Row of(Schema joined, Row left, Row right) {
    List<Object> row = TypedRows.valuesFor(joined);
    Schema leftSchema = left.getSchema();
    for (Field field : joined.getFields()) {
      String name = field.getName();
      row.add(leftSchema.hasField(name) ? left.getValue(name) : right.getValue(name));
    }
    return TypedRows.of(joined, row);
  }
}
