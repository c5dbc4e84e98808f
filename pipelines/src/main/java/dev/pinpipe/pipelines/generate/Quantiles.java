package dev.pinpipe.pipelines.generate;

/** The quantile maps of data-profile 6.2-6.3, interpolated through their knots. */
final class Quantiles {
  private Quantiles() {}

  private static final double[] FOLLOWER_P = {0, .05, .10, .25, .5, .75, .90, .95, .99, 1};
  private static final double[] FOLLOWER_V = {
    0, 27, 188, 4_000, 33_000, 222_000, 942_000, 2_000_000, 5_000_000, 15_000_000
  };
  private static final double[] ATTRIBUTE_X = {0, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 1};
  private static final double[] ATTRIBUTE_Q = {0, 0.003, 0.007, 0.03, 0.135, 0.40, 0.70, 1};

  /** Pin-level follower_count at quantile p, log-linear between knots (linear from zero). */
  static long followers(double p) {
    int k = segment(FOLLOWER_P, p);
    double t = (p - FOLLOWER_P[k]) / (FOLLOWER_P[k + 1] - FOLLOWER_P[k]);
    double from = FOLLOWER_V[k];
    double to = FOLLOWER_V[k + 1];
    double value = from == 0 ? t * to : Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from)));
    return Math.round(value);
  }

  /** G: the observed distribution of every user attribute's quantile, roughly x cubed. */
  static double attribute(double x) {
    int k = segment(ATTRIBUTE_X, x);
    double t = (x - ATTRIBUTE_X[k]) / (ATTRIBUTE_X[k + 1] - ATTRIBUTE_X[k]);
    return ATTRIBUTE_Q[k] + t * (ATTRIBUTE_Q[k + 1] - ATTRIBUTE_Q[k]);
  }

  /** Folds a value back into [0, 1]. */
  static double reflect(double value) {
    double v = Math.abs(value) % 2.0;
    return v > 1 ? 2 - v : v;
  }

  private static int segment(double[] knots, double value) {
    int k = 0;
    while (k < knots.length - 2 && value > knots[k + 1]) {
      k++;
    }
    return k;
  }
}
