package dev.pinpipe.transforms;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.schemas.RecordKind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Reads one JSON line as a raw record of its kind, typed by {@link RecordKind#rawSchema()}.
 * Missing fields and JSON nulls become null; unknown fields are ignored; a field that cannot be
 * read as its type, or a key given twice, makes the whole line invalid.
 *
 * <p>Every line costs time linear in its length: lines over {@link #MAX_LINE_CHARS} are rejected
 * unread, Jackson bounds nesting depth and number length, and numbers in strings are bounded
 * before they are converted ({@code new BigDecimal} grows with the square of the digits).
 */
public final class RecordParser {
  /** The longest line read; 10 million characters is far beyond any real post. */
  public static final int MAX_LINE_CHARS = 10_000_000;
  /** The longest number in a string: a long has 19 digits, a double about 25 characters. */
  static final int MAX_NUMBER_CHARS = 64;
  /** Datetimes are calendar years 1 to 9999, as SQL's DATETIME holds them. */
  private static final int MIN_YEAR = 1;
  private static final int MAX_YEAR = 9999;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '(.*)'", Pattern.DOTALL);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private RecordParser() {}

  public static Row parse(RecordKind kind, String line) throws InvalidRecordException {
    if (line.length() > MAX_LINE_CHARS) {
      throw new InvalidRecordException(String.format("longer than %,d characters", MAX_LINE_CHARS));
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      Matcher duplicate = DUPLICATE_KEY.matcher(String.valueOf(e.getOriginalMessage()));
      throw new InvalidRecordException(
          duplicate.find() ? "duplicate key " + Text.shortened(duplicate.group(1)) : "not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRecordException("not a JSON object");
    }
    Schema schema = kind.rawSchema();
    List<Object> row = TypedRows.valuesFor(schema);
    for (Field field : schema.getFields()) {
      JsonNode value = node.get(field.getName());
      if (value == null || value.isNull()) {
        if (!field.getType().getNullable()) {
          throw new InvalidRecordException("missing key " + field.getName());
        }
        row.add(null);
      } else {
        row.add(read(field, value));
      }
    }
    return TypedRows.of(schema, row);
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

  /** A finite double, however it is spelt ({@code 1e400} and {@code "1e400"} are not). */
  private static double number(String name, JsonNode value) throws InvalidRecordException {
    BigDecimal decimal = decimal(value);
    double number = decimal == null ? Double.NaN : decimal.doubleValue();
    if (!Double.isFinite(number)) {
      throw new InvalidRecordException(name + " is not a number");
    }
    return number;
  }

  private static BigDecimal decimal(JsonNode value) {
    if (value.isNumber()) {
      return value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())
          ? null
          : value.decimalValue();
    }
    if (value.isTextual()) {
      String text = value.asText().trim();
      if (text.length() > MAX_NUMBER_CHARS) {
        return null;
      }
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * {@code 2020-08-28 03:52:47} or ISO {@code 2020-08-28T03:52:47}, optionally with an offset, in
   * the years 1 to 9999 UTC.
   */
  private static Instant datetime(String name, JsonNode value) throws InvalidRecordException {
    OffsetDateTime parsed = value.isTextual() ? offsetDateTime(value.asText().trim()) : null;
    if (parsed == null) {
      throw new InvalidRecordException(name + " is not a datetime");
    }
    int year;
    try {
      year = parsed.withOffsetSameInstant(ZoneOffset.UTC).getYear();
    } catch (DateTimeException beyondTheLastYear) {
      year = Integer.MAX_VALUE;
    }
    if (year < MIN_YEAR || year > MAX_YEAR) {
      throw new InvalidRecordException(
          name + " is outside the years " + MIN_YEAR + " to " + MAX_YEAR);
    }
    return new Instant(parsed.toInstant().toEpochMilli());
  }

  private static OffsetDateTime offsetDateTime(String text) {
    if (text.length() > 10 && text.charAt(10) == ' ') {
      text = text.substring(0, 10) + 'T' + text.substring(11);
    }
    try {
      return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      try {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException notOffset) {
        return null;
      }
    }
  }
}
