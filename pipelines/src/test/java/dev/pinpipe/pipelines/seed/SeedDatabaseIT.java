package dev.pinpipe.pipelines.seed;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import org.junit.Test;

/** seed-db against the local stack's MariaDB (scripts/local-stack). */
public class SeedDatabaseIT {

  private static SeedDatabase.Options onMariaDb(int posts) throws Exception {
    SeedDatabase.Options options = SeedDatabaseTest.options(null, posts);
    return LocalStack.onMariaDb(options);
  }

  @Test
  public void seedsMariaDb() throws Exception {
    SeedDatabase.Options options = onMariaDb(1_000);
    options.setOverwrite(true);
    SeedDatabaseTest.seedsTheGeneratorsRows(options);
  }

  @Test
  public void badCredentialsFailFastWithOneLine() throws Exception {
    SeedDatabase.Options options = onMariaDb(10);
    options.setJdbcPassword("wrong");
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SeedDatabase.run(options));
    assertTrue(error.getMessage(), error.getMessage().contains("cannot connect") && error.getMessage().contains("Access denied"));
    assertFalse(error.getMessage(), error.getMessage().contains("\n"));
  }
}
