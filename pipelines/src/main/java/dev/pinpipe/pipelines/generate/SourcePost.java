package dev.pinpipe.pipelines.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.schemas.RecordKind;
import java.util.Map;

/**
 * One post's three source rows, as the posting emulator sends them: source column names in
 * source column order, datetimes as text.
 */
public final class SourcePost {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, Object> pin;
  private final Map<String, Object> geo;
  private final Map<String, Object> user;

  SourcePost(Map<String, Object> pin, Map<String, Object> geo, Map<String, Object> user) {
    this.pin = pin;
    this.geo = geo;
    this.user = user;
  }

  /** The source row of {@code kind}, column name to value. */
  public Map<String, Object> row(RecordKind kind) {
    switch (kind) {
      case PIN:
        return pin;
      case GEO:
        return geo;
      default:
        return user;
    }
  }

  /** The source row of {@code kind} as one JSON object. */
  public String json(RecordKind kind) {
    return toJson(row(kind));
  }

  /** A source row (column name to value, in column order) as one JSON object. */
  public static String toJson(Map<String, Object> row) {
    try {
      return MAPPER.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a source row always formats as JSON", e);
    }
  }
}
