package dev.pinpipe.transforms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.schemas.RecordKind;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Reads one JSON line as a raw record of its kind, typed by {@link RecordKind#rawSchema()}.
 * Missing fields and JSON nulls become null; unknown fields are ignored; a field that cannot be
 * read as its type makes the whole line invalid.
 */
public final class RecordParser {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private RecordParser() {}

  public static Row parse(RecordKind kind, String line) throws InvalidRecordException {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException("not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRecordException("not a JSON object");
    }
    Schema schema = kind.rawSchema();
    Row.Builder row = Row.withSchema(schema);
    for (Field field : schema.getFields()) {
      JsonNode value = node.get(field.getName());
      if (value == null || value.isNull()) {
        if (!field.getType().getNullable()) {
          throw new InvalidRecordException("missing key " + field.getName());
        }
        row.addValue(null);
      } else {
        row.addValue(read(field, value));
      }
    }
    return row.build();
  }

  private static Object read(Field field, JsonNode value) throws InvalidRecordException {
    String name = field.getName();
    switch (field.getType().getTypeName()) {
      case INT64:
        return integer(name, value);
      case INT32:
        long n = integer(name, value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
          throw new InvalidRecordException(name + " is not an integer");
        }
        return (int) n;
      case DOUBLE:
        return number(name, value);
      case DATETIME:
        return datetime(name, value);
      case STRING:
        if (!value.isValueNode()) {
          throw new InvalidRecordException(name + " is not text");
        }
        return value.asText();
      default:
        throw new IllegalStateException("raw schemas use no " + field.getType());
    }
  }

  /** Integral numbers ({@code 3}, {@code 3.0}) and numeric strings ({@code "42"}). */
  private static long integer(String name, JsonNode value) throws InvalidRecordException {
    BigDecimal decimal = decimal(value);
    if (decimal == null
        || decimal.stripTrailingZeros().scale() > 0
        || decimal.compareTo(LONG_MIN) < 0
        || decimal.compareTo(LONG_MAX) > 0) {
      throw new InvalidRecordException(name + " is not an integer");
    }
    return decimal.longValueExact();
  }

  private static double number(String name, JsonNode value) throws InvalidRecordException {
    BigDecimal decimal = decimal(value);
    if (decimal == null) {
      throw new InvalidRecordException(name + " is not a number");
    }
    return decimal.doubleValue();
  }

  private static BigDecimal decimal(JsonNode value) {
    if (value.isNumber()) {
      return value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())
          ? null
          : value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** {@code 2020-08-28 03:52:47} or ISO {@code 2020-08-28T03:52:47}, optionally with an offset. */
  private static Instant datetime(String name, JsonNode value) throws InvalidRecordException {
    if (value.isTextual()) {
      String text = value.asText().trim();
      if (text.length() > 10 && text.charAt(10) == ' ') {
        text = text.substring(0, 10) + 'T' + text.substring(11);
      }
      try {
        return new Instant(
            LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli());
      } catch (DateTimeParseException notLocal) {
        try {
          return new Instant(
              OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                  .toInstant()
                  .toEpochMilli());
        } catch (DateTimeParseException notOffset) {
          // falls through to the rejection below
        }
      }
    }
    throw new InvalidRecordException(name + " is not a datetime");
  }
}
