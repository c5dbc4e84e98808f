package dev.pinpipe.pipelines.options;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Where the source tables live. The password is never serialised, printed or logged. */
public interface SourceDatabaseOptions extends PipelineOptions {
  /** An embedded H2 database in MySQL mode, so that nothing needs a server. */
  String EMBEDDED_URL = "jdbc:h2:./pinterest-db/pinterest;MODE=MySQL;DATABASE_TO_LOWER=TRUE";

  @Description(
      "JDBC URL of the source database, e.g. jdbc:mariadb://127.0.0.1:13306/pinterest (MariaDB,"
          + " MySQL, RDS). Default: an embedded H2 database in ./pinterest-db")
  @Default.String(EMBEDDED_URL)
  String getJdbcUrl();

  void setJdbcUrl(String value);

  @Description("Database user")
  @Default.String("pinpipe")
  String getJdbcUser();

  void setJdbcUser(String value);

  @JsonIgnore
  @Description("Database password; better given in the environment variable PINPIPE_JDBC_PASSWORD")
  String getJdbcPassword();

  void setJdbcPassword(String value);
}
