package dev.pinpipe.pipelines.seed;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;

/** seed-db against the local stack's MariaDB (scripts/local-stack). */
public class SeedDatabaseIT {

  private static SeedDatabase.Options onMariaDb(int posts) throws Exception {
    String url = System.getenv("PINPIPE_JDBC_URL");
    String passwordFile = System.getenv("PINPIPE_JDBC_PASSWORD_FILE");
    assertNotNull("no local MariaDB: run scripts/local-stack up and eval \"$(scripts/local-stack env)\"", url);
    SeedDatabase.Options options = SeedDatabaseTest.options(url, posts);
    options.setJdbcUser(System.getenv("PINPIPE_JDBC_USER"));
    options.setJdbcPassword(Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip());
    return options;
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
