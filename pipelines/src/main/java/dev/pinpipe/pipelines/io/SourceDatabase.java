package dev.pinpipe.pipelines.io;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/** Connections to the source database, from {@link SourceDatabaseOptions}. */
public final class SourceDatabase {
  static final String PASSWORD_VARIABLE = "PINPIPE_JDBC_PASSWORD";

  private SourceDatabase() {}

  /** The option's password, else the environment's, else none. */
  static String password(SourceDatabaseOptions options) {
    if (options.getJdbcPassword() != null) {
      return options.getJdbcPassword();
    }
    return System.getenv(PASSWORD_VARIABLE);
  }

  static String driverClass(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return "org.h2.Driver";
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return "org.mariadb.jdbc.Driver";
    }
    throw new IllegalArgumentException(
        "--jdbcUrl=" + redacted(url) + ": use jdbc:mariadb://, jdbc:mysql:// or jdbc:h2:");
  }

  /** For JdbcIO on the workers. */
  public static JdbcIO.DataSourceConfiguration configuration(SourceDatabaseOptions options) {
    JdbcIO.DataSourceConfiguration config =
        JdbcIO.DataSourceConfiguration.create(driverClass(options.getJdbcUrl()), options.getJdbcUrl())
            .withUsername(options.getJdbcUser());
    String password = password(options);
    return password == null ? config : config.withPassword(password);
  }

  /** A connection for set-up work, failing fast with one line that names the option. */
  public static Connection connect(SourceDatabaseOptions options) {
    String url = options.getJdbcUrl();
    try {
      Class.forName(driverClass(url));
      String password = password(options);
      return DriverManager.getConnection(url, options.getJdbcUser(), password == null ? "" : password);
    } catch (SQLException | ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "--jdbcUrl=" + redacted(url) + ": cannot connect: " + OneLine.of(e.getMessage()));
    }
  }

  /** The URL with any password parameter blanked, for messages. */
  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }
}
