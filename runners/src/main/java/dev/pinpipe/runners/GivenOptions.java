package dev.pinpipe.runners;

import java.util.Arrays;

/** What the command line gave, for the defaults that apply only where an option was not given. */
final class GivenOptions {
  private GivenOptions() {}

  /** Whether {@code args} give {@code --name}, as {@code --name=value} or {@code --name} alone. */
  static boolean gives(String[] args, String name) {
    String option = "--" + name;
    return Arrays.stream(args).anyMatch(arg -> arg.equals(option) || arg.startsWith(option + "="));
  }
}
