package dev.pinpipe.transforms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Formats a row as one JSON object with its fields in schema order. Datetimes are ISO-8601 UTC
 * strings ({@code 2020-08-28T03:52:47Z}); arrays are JSON arrays; nulls are JSON nulls.
 */
public final class RowJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RowJson() {}

  public static String toJson(Row row) {
    try {
      return MAPPER.writeValueAsString(toNode(row));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a row always formats as JSON", e);
    }
  }

  private static ObjectNode toNode(Row row) {
    ObjectNode node = NODES.objectNode();
    for (Field field : row.getSchema().getFields()) {
      Object value = row.getValue(field.getName());
      node.set(field.getName(), value == null ? NODES.nullNode() : valueNode(field.getType(), value));
    }
    return node;
  }

  private static com.fasterxml.jackson.databind.JsonNode valueNode(FieldType type, Object value) {
    switch (type.getTypeName()) {
      case INT16:
      case INT32:
      case INT64:
        return NODES.numberNode(((Number) value).longValue());
      case FLOAT:
      case DOUBLE:
        return NODES.numberNode(((Number) value).doubleValue());
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case DATETIME:
        return NODES.textNode(Instant.ofEpochMilli(((ReadableInstant) value).getMillis()).toString());
      case ARRAY:
      case ITERABLE:
        ArrayNode array = NODES.arrayNode();
        for (Object element : (Iterable<?>) value) {
          array.add(
              element == null ? NODES.nullNode() : valueNode(type.getCollectionElementType(), element));
        }
        return array;
      case ROW:
        return toNode((Row) value);
      default:
        return NODES.textNode(value.toString());
    }
  }
}
