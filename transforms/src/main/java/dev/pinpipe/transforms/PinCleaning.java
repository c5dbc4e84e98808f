package dev.pinpipe.transforms;

import static dev.pinpipe.transforms.Text.blankToNull;
import static dev.pinpipe.transforms.Text.withoutPlaceholders;

import dev.pinpipe.schemas.CleanSchemas;
import java.util.Set;
import org.apache.beam.sdk.values.Row;

/** Cleaning rules of the pin table: placeholders to null, follower_count to a number. */
public final class PinCleaning {
  static final String USER_INFO_ERROR = "User Info Error";
  static final String SAVE_LOCATION_PREFIX = "Local save in ";

  private static final Set<String> TITLE_PLACEHOLDERS = Set.of("No Title Data Available");
  private static final Set<String> DESCRIPTION_PLACEHOLDERS =
      Set.of("No description available Story format", "No description available", "Untitled");
  private static final Set<String> USER_PLACEHOLDERS = Set.of(USER_INFO_ERROR);
  private static final Set<String> TAG_PLACEHOLDERS =
      Set.of("N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e");
  private static final Set<String> IMAGE_PLACEHOLDERS = Set.of("Image src error.");

  private PinCleaning() {}

  public static Row clean(Row raw) {
    return TypedRows.of(CleanSchemas.PIN,
            raw.getInt64("index"),
            blankToNull(raw.getString("unique_id")),
            withoutPlaceholders(raw.getString("title"), TITLE_PLACEHOLDERS),
            withoutPlaceholders(raw.getString("description"), DESCRIPTION_PLACEHOLDERS),
            FollowerCounts.parse(
                withoutPlaceholders(raw.getString("follower_count"), USER_PLACEHOLDERS)),
            withoutPlaceholders(raw.getString("poster_name"), USER_PLACEHOLDERS),
            withoutPlaceholders(raw.getString("tag_list"), TAG_PLACEHOLDERS),
            blankToNull(raw.getString("is_image_or_video")),
            withoutPlaceholders(raw.getString("image_src"), IMAGE_PLACEHOLDERS),
            savePath(raw.getString("save_location")),
            blankToNull(raw.getString("category")),
            raw.getInt32("downloaded"));
  }

  /** {@code "Local save in /data/travel"} becomes {@code "/data/travel"}. */
  static String savePath(String saveLocation) {
    String text = blankToNull(saveLocation);
    if (text != null && text.startsWith(SAVE_LOCATION_PREFIX)) {
      text = blankToNull(text.substring(SAVE_LOCATION_PREFIX.length()));
    }
    return text;
  }
}
