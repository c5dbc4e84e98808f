package dev.pinpipe.pipelines.seed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** seed-db against the local stack's MariaDB (scripts/local-stack). */
@Timeout(120)
class SeedDatabaseIT {

  private static SeedDatabase.Options onMariaDb(int posts) throws Exception {
    SeedDatabase.Options options = SeedDatabaseTest.options(null, posts);
    return LocalStack.onMariaDb(options);
  }

  @Test
  void seedsMariaDb() throws Exception {
    SeedDatabase.Options options = onMariaDb(1_000);
    options.setOverwrite(true);
    SeedDatabaseTest.seedsTheGeneratorsRows(options);
  }

  @Test
  void badCredentialsFailFastWithOneLine() throws Exception {
    SeedDatabase.Options options = onMariaDb(10);
    options.setJdbcPassword("wrong");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SeedDatabase.run(options));
    assertTrue(error.getMessage().contains("cannot connect") && error.getMessage().contains("Access denied"), error.getMessage());
    assertFalse(error.getMessage().contains("\n"), error.getMessage());
  }
}
