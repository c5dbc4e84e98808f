package dev.pinpipe.pipelines.seed;

import dev.pinpipe.pipelines.generate.PostGenerator;
import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.common.PipelineCounters;
import dev.pinpipe.pipelines.sourcedb.SourceDatabase;
import dev.pinpipe.pipelines.options.SourceDatabaseOptions;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.SourceTables;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.InvalidRecordException;
import dev.pinpipe.transforms.RecordParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.io.jdbc.JdbcIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * {@code seed-db}: fills the source tables with generated posts (the generator's rows, without the
 * lake's duplicates and malformed lines, which the emulator and the sink make on their own).
 */
public final class SeedDatabase {
  /** Counter of source rows made (then inserted), in namespace pinpipe. */
  static final String ROWS = "seed_rows";

  /** Options of {@code seed-db}. */
  public interface Options extends SourceDatabaseOptions {
    @Description("Number of posts (rows in each of the three tables)")
    @Default.Integer(11_000)
    int getPosts();

    void setPosts(int value);

    @Description("Random seed of the generator: the same seed gives the same rows as generate")
    @Default.Long(42)
    long getSeed();

    void setSeed(long value);

    @Description("Empty the tables first if they already hold rows")
    @Default.Boolean(false)
    boolean getOverwrite();

    void setOverwrite(boolean value);
  }

  private SeedDatabase() {}

  /** Checks the database (connects, creates missing tables, refuses to mix) and runs. */
  public static PipelineResult run(Options options) {
    if (options.getPosts() < 1) {
      throw new IllegalArgumentException("--posts must be at least 1");
    }
    prepareTables(options);
    Pipeline pipeline = Pipeline.create(options);
    apply(pipeline, options);
    return pipeline.run();
  }

  public static void apply(Pipeline pipeline, Options options) {
    PCollection<Long> indices =
        pipeline.apply("PostIndices", GenerateSequence.from(0).to(options.getPosts()));
    for (RecordKind kind : RecordKind.values()) {
      String table = SourceTables.table(kind);
      indices
          .apply("Make_" + table, ParDo.of(new SourceRowFn(kind, options.getPosts(), options.getSeed())))
          .setRowSchema(kind.rawSchema())
          .apply(
              "Insert_" + table,
              JdbcIO.<Row>write()
                  .withDataSourceConfiguration(SourceDatabase.configuration(options))
                  .withStatement(insertStatement(kind))
                  .withPreparedStatementSetter(new RowParameters()));
    }
  }

  /** {@code INSERT INTO table (`col`, ...) VALUES (?, ...)}: values are always parameters. */
  static String insertStatement(RecordKind kind) {
    Schema schema = kind.rawSchema();
    return "INSERT INTO " + SourceTables.table(kind) + " ("
        + schema.getFieldNames().stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "))
        + ") VALUES (" + schema.getFieldNames().stream().map(name -> "?").collect(Collectors.joining(", "))
        + ")";
  }

  private static void prepareTables(Options options) {
    try (Connection connection = SourceDatabase.connect(options);
        Statement statement = connection.createStatement()) {
      for (String create : SourceTables.createStatements()) {
        statement.execute(create);
      }
      for (RecordKind kind : RecordKind.values()) {
        String table = SourceTables.table(kind);
        boolean empty;
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rows.next();
          empty = rows.getLong(1) == 0;
        }
        if (!empty && !options.getOverwrite()) {
          throw new IllegalArgumentException(
              "--jdbcUrl: table " + table + " already holds rows; pass --overwrite=true to replace them");
        }
        if (!empty) {
          statement.execute("DELETE FROM " + table);
        }
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("--jdbcUrl: cannot prepare the source tables: " + OneLine.of(e.getMessage()));
    }
  }

  /** One line on how far a running seed-db has got. */
  public static String progress(PipelineResult result, Options options) {
    return String.format("%,d of %,d rows made for the source tables",
        PipelineCounters.attempted(result, CleanRecords.METRICS_NAMESPACE, ROWS), 3L * options.getPosts());
  }

  /** Rows made so far, of all three tables. */
  public static long rowsMade(PipelineResult result) {
    return PipelineCounters.attempted(result, CleanRecords.METRICS_NAMESPACE, ROWS);
  }

  /** The source row of one kind for post {@code index}, typed by the raw schema. */
  private static final class SourceRowFn extends DoFn<Long, Row> {
    private final RecordKind kind;
    private final int posts;
    private final long seed;
    private transient PostGenerator generator;
    private final Counter rows = Metrics.counter(CleanRecords.METRICS_NAMESPACE, ROWS);

    SourceRowFn(RecordKind kind, int posts, long seed) {
      this.kind = kind;
      this.posts = posts;
      this.seed = seed;
    }

    @Setup
    public void setup() {
      generator = PostGenerator.create(posts, seed);
    }

    @ProcessElement
    public void process(@Element Long index, OutputReceiver<Row> out) throws InvalidRecordException {
      // The generator's rows always parse; a failure here is a bug, and fails the job.
      out.output(RecordParser.parse(kind, generator.post(index.intValue()).json(kind)));
      rows.inc();
    }
  }

  /** Sets a row's values as the statement's parameters, in schema order. */
  private static final class RowParameters implements JdbcIO.PreparedStatementSetter<Row> {
    @Override
    public void setParameters(Row row, PreparedStatement statement) throws SQLException {
      for (int i = 0; i < row.getFieldCount(); i++) {
        Object value = row.getValue(i);
        Schema.TypeName type = row.getSchema().getField(i).getType().getTypeName();
        int parameter = i + 1;
        if (value == null) {
          statement.setNull(parameter, sqlType(type));
        } else if (type == Schema.TypeName.DATETIME) {
          statement.setObject(parameter,
              LocalDateTime.ofEpochSecond(((ReadableInstant) value).getMillis() / 1000, 0, ZoneOffset.UTC));
        } else {
          statement.setObject(parameter, value);
        }
      }
    }

    private static int sqlType(Schema.TypeName type) {
      switch (type) {
        case INT32:
          return Types.INTEGER;
        case INT64:
          return Types.BIGINT;
        case DOUBLE:
          return Types.DOUBLE;
        case DATETIME:
          return Types.TIMESTAMP;
        default:
          return Types.VARCHAR;
      }
    }
  }
}
