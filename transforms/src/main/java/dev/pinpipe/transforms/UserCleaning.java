package dev.pinpipe.transforms;

import static dev.pinpipe.transforms.Text.blankToNull;

import dev.pinpipe.schemas.CleanSchemas;
import org.apache.beam.sdk.values.Row;

/** Cleaning rules of the user table: first and last name become user_name. */
public final class UserCleaning {
  private UserCleaning() {}

  public static Row clean(Row raw) {
    return TypedRows.of(CleanSchemas.USER,
            raw.getInt64("ind"),
            userName(raw.getString("first_name"), raw.getString("last_name")),
            raw.getInt32("age"),
            raw.getDateTime("date_joined"));
  }

  /** First and last name joined by a space, whichever are present; null if neither is. */
  static String userName(String firstName, String lastName) {
    String first = blankToNull(firstName);
    String last = blankToNull(lastName);
    if (first == null || last == null) {
      return first == null ? last : first;
    }
    return first + " " + last;
  }
}
