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
    if (existing.isPresent() && !existing.get().equals(spec.schema)) {
      throw new IllegalArgumentException("Delta table " + table.path() + " has columns "
          + describe(existing.get()) + ", not the columns stream writes " + describe(spec.schema));
    }
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
