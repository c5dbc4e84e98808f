package dev.pinpipe.pipelines.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.generate.PostGenerator;
import dev.pinpipe.pipelines.sourcedb.SourceDatabase;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.SourceTables;
import dev.pinpipe.transforms.RecordParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** seed-db on the embedded default database (H2 in MySQL mode); SeedDatabaseIT uses MariaDB. */
class SeedDatabaseTest {
  @TempDir Path tmp;

  static SeedDatabase.Options options(String url, int posts) {
    SeedDatabase.Options options = PipelineOptionsFactory.as(SeedDatabase.Options.class);
    options.setJdbcUrl(url);
    options.setPosts(posts);
    options.setSeed(9);
    return options;
  }

  /** Seeds, then checks row counts and that every column of a few rows holds the generator's value. */
  static void seedsTheGeneratorsRows(SeedDatabase.Options options) throws Exception {
    assertEquals(PipelineResult.State.DONE, SeedDatabase.run(options).waitUntilFinish());
    PostGenerator generator = PostGenerator.create(options.getPosts(), options.getSeed());
    try (Connection connection = SourceDatabase.connect(options);
        Statement statement = connection.createStatement()) {
      for (RecordKind kind : RecordKind.values()) {
        String table = SourceTables.table(kind);
        try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          count.next();
          assertEquals(options.getPosts(), count.getLong(1), table);
        }
        for (int index : new int[] {0, 7, options.getPosts() - 1}) {
          Row expected = RecordParser.parse(kind, generator.post(index).json(kind));
          try (ResultSet row = statement.executeQuery(
              "SELECT * FROM " + table + " WHERE `" + kind.rawKey() + "` = " + index)) {
            assertTrue(row.next(), table + " " + index);
            for (String column : kind.rawSchema().getFieldNames()) {
              Object value = expected.getValue(column);
              Object stored = row.getObject(column);
              if (value instanceof org.joda.time.ReadableInstant) {
                value = LocalDateTime.ofEpochSecond(((org.joda.time.ReadableInstant) value).getMillis() / 1000, 0, ZoneOffset.UTC);
                stored = row.getObject(column, LocalDateTime.class);
              }
              assertEquals(String.valueOf(value), String.valueOf(stored), table + "." + column + " of " + index);
            }
          }
        }
      }
    }
  }

  @Test
  void seedsTheEmbeddedDatabaseAndRefusesToMixRuns() throws Exception {
    String url = "jdbc:h2:" + tmp + "/db;MODE=MySQL;DATABASE_TO_LOWER=TRUE";
    seedsTheGeneratorsRows(options(url, 400));
    IllegalArgumentException again =
        assertThrows(IllegalArgumentException.class, () -> SeedDatabase.run(options(url, 400)));
    assertTrue(again.getMessage().contains("--overwrite=true"), again.getMessage());
    SeedDatabase.Options overwrite = options(url, 300);
    overwrite.setOverwrite(true);
    seedsTheGeneratorsRows(overwrite);
  }

  @Test
  void anUnreachableDatabaseFailsFastWithOneLine() {
    SeedDatabase.Options options = options("jdbc:mariadb://127.0.0.1:1/pinterest?password=secret", 10);
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SeedDatabase.run(options));
    assertTrue(error.getMessage().startsWith("--jdbcUrl=jdbc:mariadb://127.0.0.1:1/pinterest?password=***: cannot connect"), error.getMessage());
    assertFalse(error.getMessage().contains("secret") || error.getMessage().contains("\n"), error.getMessage());
  }

  @Test
  void insertsAreParameterised() {
    assertEquals(
        "INSERT INTO user_data (`ind`, `first_name`, `last_name`, `age`, `date_joined`) VALUES (?, ?, ?, ?, ?)",
        SeedDatabase.insertStatement(RecordKind.USER));
  }
}
