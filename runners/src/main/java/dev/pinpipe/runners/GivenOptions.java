package dev.pinpipe.runners;

import java.util.Arrays;
import java.util.Optional;

/** What the command line gave, for the defaults that apply only where an option was not given. */
final class GivenOptions {
  private GivenOptions() {}

  /** Whether {@code args} give {@code --name}, as {@code --name=value} or {@code --name} alone. */
  static boolean gives(String[] args, String name) {
    String option = "--" + name;
    return Arrays.stream(args).anyMatch(arg -> arg.equals(option) || arg.startsWith(option + "="));
  }

  /** The value {@code args} give {@code --name} as {@code --name=value}, if they do. */
  static Optional<String> value(String[] args, String name) {
    String prefix = "--" + name + "=";
    return Arrays.stream(args).filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length())).findFirst();
  }
}
