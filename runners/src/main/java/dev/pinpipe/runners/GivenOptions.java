package dev.pinpipe.runners;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A command's arguments, read once: which options they give, and their values. The settings the
 * command line picks per runner apply only where an option was not given, and every one of them
 * asks here rather than reading the arguments again.
 */
final class GivenOptions {
  private final String[] args;
  /** Each option given, by name, with its value ({@code ""} for {@code --name} alone). */
  private final Map<String, String> values = new LinkedHashMap<>();

  private GivenOptions(String[] args) {
    this.args = args.clone();
    for (String arg : args) {
      if (arg.startsWith("--")) {
        int equals = arg.indexOf('=');
        values.putIfAbsent(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
            equals < 0 ? "" : arg.substring(equals + 1));
      }
    }
  }

  static GivenOptions of(String... args) {
    return new GivenOptions(args);
  }

  /** The arguments as given, for Beam to parse. */
  String[] args() {
    return args.clone();
  }

  /** Whether {@code --name} is given, as {@code --name=value} or {@code --name} alone. */
  boolean gives(String name) {
    return values.containsKey(name);
  }

  /** The value given as {@code --name=value}, if it is. */
  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
  }

  /** Whether any value names a path on S3 ({@code s3://}, {@code s3a://}, {@code s3n://}). */
  boolean namesS3() {
    return Arrays.stream(args).map(arg -> arg.toLowerCase(Locale.ROOT))
        .anyMatch(arg -> arg.contains("s3://") || arg.contains("s3a://") || arg.contains("s3n://"));
  }
}
