package dev.pinpipe.transforms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Formats a row as one JSON object with its fields in schema order. Datetimes are ISO-8601 UTC
 * strings ({@code 2020-08-28T03:52:47Z}); arrays are JSON arrays; nulls are JSON nulls. Written
 * straight to a generator, not through a tree of nodes: batch formats every clean record.
 */
public final class RowJson {
  private static final JsonFactory JSON = new JsonFactory();

  private RowJson() {}

  public static String toJson(Row row) {
    StringWriter text = new StringWriter(256);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      writeRow(out, row);
    } catch (IOException e) {
      throw new UncheckedIOException("a row always formats as JSON", e);
    }
    return text.toString();
  }

  private static void writeRow(JsonGenerator out, Row row) throws IOException {
    out.writeStartObject();
    List<Field> fields = row.getSchema().getFields();
    for (int i = 0; i < fields.size(); i++) {
      Field field = fields.get(i);
      out.writeFieldName(field.getName());
      writeValue(out, field.getType(), row.getValue(i));
    }
    out.writeEndObject();
  }

  private static void writeValue(JsonGenerator out, FieldType type, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
      return;
    }
    switch (type.getTypeName()) {
      case INT16:
      case INT32:
      case INT64:
        out.writeNumber(((Number) value).longValue());
        break;
      case FLOAT:
      case DOUBLE:
        out.writeNumber(((Number) value).doubleValue());
        break;
      case BOOLEAN:
        out.writeBoolean((Boolean) value);
        break;
      case DATETIME:
        out.writeString(Instant.ofEpochMilli(((ReadableInstant) value).getMillis()).toString());
        break;
      case ARRAY:
      case ITERABLE:
        out.writeStartArray();
        for (Object element : (Iterable<?>) value) {
          writeValue(out, type.getCollectionElementType(), element);
        }
        out.writeEndArray();
        break;
      case ROW:
        writeRow(out, (Row) value);
        break;
      default:
        out.writeString(value.toString());
    }
  }
}
