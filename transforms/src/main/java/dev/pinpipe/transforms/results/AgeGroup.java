package dev.pinpipe.transforms.results;

/** Age groups of the analytics: 18-24, 25-35, 36-50, +50; under 18 has no group. */
public final class AgeGroup {
  private AgeGroup() {}

  public static String of(Integer age) {
    if (age == null || age < 18) {
      return null;
    }
    if (age <= 24) {
      return "18-24";
    }
    if (age <= 35) {
      return "25-35";
    }
    return age <= 50 ? "36-50" : "+50";
  }
}
