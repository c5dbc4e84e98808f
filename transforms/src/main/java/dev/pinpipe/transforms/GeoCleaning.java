package dev.pinpipe.transforms;

import static dev.pinpipe.transforms.Text.blankToNull;

import dev.pinpipe.schemas.CleanSchemas;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/** Cleaning rules of the geo table: latitude and longitude become one coordinates array. */
public final class GeoCleaning {
  private GeoCleaning() {}

  public static Row clean(Row raw) {
    Double latitude = raw.getDouble("latitude");
    Double longitude = raw.getDouble("longitude");
    List<Double> coordinates =
        latitude == null || longitude == null ? null : List.of(latitude, longitude);
    return TypedRows.of(CleanSchemas.GEO,
            raw.getInt64("ind"),
            blankToNull(raw.getString("country")),
            coordinates,
            raw.getDateTime("timestamp"));
  }
}
