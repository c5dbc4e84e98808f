package dev.pinpipe.pipelines.sourcedb;

import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.common.Secrets;
import dev.pinpipe.pipelines.options.SourceDatabaseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/** Connections to the source database, from {@link SourceDatabaseOptions}. */
public final class SourceDatabase {
  public static final String PASSWORD_VARIABLE = "PINPIPE_JDBC_PASSWORD";

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
        "--jdbcUrl=" + Secrets.byForm().redact(url) + ": use jdbc:mariadb://, jdbc:mysql:// or jdbc:h2:");
  }

  /**
   * An embedded H2 database file must go in a folder that exists: H2 would otherwise make the
   * folders of a mistyped path and an empty database in them. The default's folder is made.
   */
  static void requireEmbeddedFolder(String url) {
    if (!url.startsWith("jdbc:h2:")) {
      return;
    }
    String path = url.substring("jdbc:h2:".length()).split(";", 2)[0];
    if (path.matches("^(mem|tcp|ssl|zip):.*")) {
      return;
    }
    path = path.startsWith("file:") ? path.substring("file:".length()) : path;
    path = path.startsWith("~") ? System.getProperty("user.home") + path.substring(1) : path;
    Path folder = Paths.get(path).toAbsolutePath().getParent();
    if (url.equals(SourceDatabaseOptions.EMBEDDED_URL)) {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new IllegalArgumentException("--jdbcUrl: cannot make the embedded database's folder " + folder);
      }
    } else if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException("--jdbcUrl=" + Secrets.byForm().redact(url) + ": no such folder " + folder);
    }
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
    requireEmbeddedFolder(url);
    try {
      Class.forName(driverClass(url));
      String password = password(options);
      return DriverManager.getConnection(url, options.getJdbcUser(), password == null ? "" : password);
    } catch (SQLException | ClassNotFoundException e) {
      // Drivers may quote the URL, and so its password, in their messages.
      List<String> passwords = new ArrayList<>(Secrets.passwordsIn(url));
      passwords.add(password(options));
      Secrets secrets = Secrets.of(passwords);
      throw new IllegalArgumentException("--jdbcUrl=" + secrets.redact(url) + ": cannot connect: "
          + secrets.redact(OneLine.of(e.getMessage())));
    }
  }
}
