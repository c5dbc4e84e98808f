package dev.pinpipe.transforms.aggregate;

import dev.pinpipe.transforms.TypedRows;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** Small helpers for narrowing rows to some of their fields. */
public final class Rows {
  private Rows() {}

  /** The schema made of {@code fields} of {@code schema}, in the order given. */
  public static Schema select(Schema schema, List<String> fields) {
    Schema.Builder selected = Schema.builder();
    for (String name : fields) {
      selected.addField(schema.getField(name));
    }
    return selected.build();
  }

  /** The row of {@code target} whose values are the same-named fields of {@code row}. */
  public static Row project(Row row, Schema target) {
    List<Object> projected = TypedRows.valuesFor(target);
    for (Schema.Field field : target.getFields()) {
      projected.add(row.getValue(field.getName()));
    }
    return TypedRows.of(target, projected);
  }
}
