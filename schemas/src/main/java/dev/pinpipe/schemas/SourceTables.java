package dev.pinpipe.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The source database's tables: their names per record kind, and their DDL. */
public final class SourceTables {
  private SourceTables() {}

  /** The source table holding records of {@code kind}. */
  public static String table(RecordKind kind) {
    switch (kind) {
      case PIN:
        return "pinterest_data";
      case GEO:
        return "geolocation_data";
      default:
        return "user_data";
    }
  }

  /** The CREATE TABLE IF NOT EXISTS statements of source-tables.sql, one per table. */
  public static List<String> createStatements() {
    try (InputStream in = SourceTables.class.getResourceAsStream("source-tables.sql")) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> statements = new ArrayList<>();
      for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          statements.add(statement.strip());
        }
      }
      return statements;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
