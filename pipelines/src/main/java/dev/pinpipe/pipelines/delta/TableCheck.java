package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import java.util.Optional;
import org.apache.beam.sdk.schemas.Schema;

/** The check that a Delta table, when it exists, has exactly the columns the stream writes. */
public final class TableCheck {
  private TableCheck() {}

  /** Throws {@link IllegalArgumentException} naming the table when its columns differ. */
  public static void requireSchema(DeltaTable table, TableSpec spec) throws IOException {
    Optional<Schema> existing;
    try {
      existing = table.schema();
    } catch (IllegalArgumentException unsupported) {
      throw new IllegalArgumentException("Delta table " + table.path() + " has " + unsupported.getMessage()
          + "; it is not a pinpipe " + spec.name + " table");
    }
    if (existing.isPresent() && !sameColumns(existing.get(), spec.schema)) {
      throw new IllegalArgumentException("Delta table " + table.path() + " has columns "
          + describe(existing.get()) + ", not the columns stream writes " + describe(spec.schema));
    }
  }

  /**
   * Names, order, types and nullability, compared field by field. Not {@code Schema.equals}: it
   * compares a hash each schema keeps from where it was built, and that hash takes enum constants'
   * identity hashes, so the same columns built in two JVMs (a Flink client that serialized the
   * spec, a TaskManager that read the table) differ.
   */
  static boolean sameColumns(Schema a, Schema b) {
    if (a.getFieldCount() != b.getFieldCount()) {
      return false;
    }
    for (int i = 0; i < a.getFieldCount(); i++) {
      Schema.Field left = a.getField(i);
      Schema.Field right = b.getField(i);
      if (!left.getName().equals(right.getName())
          || !left.getType().equivalent(right.getType(), Schema.EquivalenceNullablePolicy.SAME)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Schema schema) {
    StringBuilder text = new StringBuilder("(");
    for (Schema.Field field : schema.getFields()) {
      text.append(text.length() > 1 ? ", " : "").append(field.getName()).append(' ')
          .append(field.getType().getTypeName()).append(field.getType().getNullable() ? "" : " not null");
    }
    return text.append(')').toString();
  }
}
