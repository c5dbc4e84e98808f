package dev.pinpipe.pipelines.delta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.joda.time.Instant;

/** Rows of one schema to and from a Snappy-compressed Parquet file (types as {@link DeltaSchemas} maps them). */
public final class ParquetRows {
  private ParquetRows() {}

  /** Writes {@code rows} to a new file at {@code path}; fails if the file exists. */
  public static DataFile write(Configuration conf, Path path, Schema schema, List<Row> rows) throws IOException {
    try (Writer writer = Writer.create(conf, path, schema)) {
      for (Row row : rows) {
        writer.write(row);
      }
      return writer.finish();
    }
  }

  /** Writes rows one at a time to a new file; {@link #finish} closes it and says what it holds. */
  public static final class Writer implements AutoCloseable {
    private final Configuration conf;
    private final Path path;
    private final Schema schema;
    private final SimpleGroupFactory groups;
    private final ParquetWriter<Group> parquet;
    private long rows;
    private boolean closed;

    private Writer(Configuration conf, Path path, Schema schema) throws IOException {
      this.conf = conf;
      this.path = path;
      this.schema = schema;
      MessageType type = DeltaSchemas.parquetType(schema);
      this.groups = new SimpleGroupFactory(type);
      this.parquet = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, conf))
          .withConf(conf)
          .withType(type)
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .withWriteMode(ParquetFileWriter.Mode.CREATE)
          .build();
    }

    /** A writer of a new file at {@code path}; fails if the file exists. */
    public static Writer create(Configuration conf, Path path, Schema schema) throws IOException {
      return new Writer(conf, path, schema);
    }

    public void write(Row row) throws IOException {
      Group group = groups.newGroup();
      for (Schema.Field field : schema.getFields()) {
        append(group, field.getName(), field.getType(), row.getValue(field.getName()));
      }
      parquet.write(group);
      rows++;
    }

    /** Closes the file and describes it. */
    public DataFile finish() throws IOException {
      close();
      FileStatus status = path.getFileSystem(conf).getFileStatus(path);
      return new DataFile(path.getName(), status.getLen(), rows, status.getModificationTime());
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        parquet.close();
      }
    }
  }

  private static void append(Group group, String name, FieldType type, Object value) {
    if (value == null) {
      return;
    }
    switch (type.getTypeName()) {
      case INT64:
        group.append(name, (Long) value);
        break;
      case INT32:
        group.append(name, (Integer) value);
        break;
      case STRING:
        group.append(name, (String) value);
        break;
      case DOUBLE:
        group.append(name, (Double) value);
        break;
      case DATETIME:
        group.append(name, ((org.joda.time.ReadableInstant) value).getMillis() * 1000L);
        break;
      case ARRAY:
        Group list = group.addGroup(name);
        for (Object element : (Iterable<?>) value) {
          append(list.addGroup("list"), "element", type.getCollectionElementType(), element);
        }
        break;
      default:
        throw new IllegalArgumentException("no Parquet type for " + type);
    }
  }

  /** Every row of the file at {@code path}, in {@code schema}'s columns. */
  public static List<Row> read(Configuration conf, Path path, Schema schema) throws IOException {
    List<Row> rows = new ArrayList<>();
    Configuration projected = new Configuration(conf);
    projected.set(ReadSupport.PARQUET_READ_SCHEMA, DeltaSchemas.parquetType(schema).toString());
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(projected).build()) {
      for (Group group = reader.read(); group != null; group = reader.read()) {
        Row.Builder row = Row.withSchema(schema);
        for (Schema.Field field : schema.getFields()) {
          row.addValue(value(group, field.getName(), field.getType()));
        }
        rows.add(row.build());
      }
    }
    return rows;
  }

  private static Object value(Group group, String name, FieldType type) {
    if (group.getFieldRepetitionCount(name) == 0) {
      return null;
    }
    switch (type.getTypeName()) {
      case INT64:
        return group.getLong(name, 0);
      case INT32:
        return group.getInteger(name, 0);
      case STRING:
        return group.getString(name, 0);
      case DOUBLE:
        return group.getDouble(name, 0);
      case DATETIME:
        return new Instant(Math.floorDiv(group.getLong(name, 0), 1000L));
      case ARRAY:
        Group list = group.getGroup(name, 0);
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < list.getFieldRepetitionCount("list"); i++) {
          elements.add(value(list.getGroup("list", i), "element", type.getCollectionElementType()));
        }
        return elements;
      default:
        throw new IllegalArgumentException("no Parquet type for " + type);
    }
  }
}
