package dev.pinpipe.pipelines.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Who posted each post and who those posters are (data-profile 6.2.2-6.3): about N/11 head
 * posters with Zipf-Mandelbrot weights carry 60 % of posts, every other post has a one-post
 * poster; follower counts grow with a poster's post count, and user attributes follow the
 * poster's rank through noisy quantiles. Per-poster values live in primitive arrays so that ten
 * million posts fit in memory.
 */
final class PosterModel {
  static final long JOINED_FROM = java.time.Instant.parse("2015-10-21T04:00:00Z").getEpochSecond();
  static final long JOINED_TO = java.time.Instant.parse("2017-10-18T12:00:00Z").getEpochSecond();

  final int posts;
  final int headPosters;
  final int posterCount;
  /** The head poster whose posts are all failed scrapes ("User Info Error"). */
  final int failedScrapePoster;
  final int[] posterOfPost;
  final int[] postCount;
  final long[] followers;
  final byte[] age;
  final long[] joinedSecond;
  final short[] country;
  final float[] latitude;
  final float[] longitude;
  final short[] firstName;
  final short[] lastName;

  PosterModel(int posts, Categories categories, SplittableRandom random, int countries, int firstNames, int lastNames) {
    this.posts = posts;
    this.headPosters = Math.max(1, (int) Math.round(posts / 11.0));
    this.failedScrapePoster = Math.min(headPosters - 1, 9);
    this.posterOfPost = new int[posts];
    Arrays.fill(posterOfPost, -1);
    int[] headCounts = headCounts(posts, headPosters);
    assignHeadPosts(categories, headCounts, random);
    int next = headPosters;
    for (int i = 0; i < posts; i++) {
      if (posterOfPost[i] < 0) {
        posterOfPost[i] = next++;
      }
    }
    this.posterCount = next;
    this.postCount = new int[posterCount];
    for (int poster : posterOfPost) {
      postCount[poster]++;
    }
    double[] tieBreak = new double[posterCount];
    for (int p = 0; p < posterCount; p++) {
      tieBreak[p] = random.nextDouble();
    }
    this.followers = followers(random, tieBreak);
    this.age = new byte[posterCount];
    this.joinedSecond = new long[posterCount];
    this.country = new short[posterCount];
    this.latitude = new float[posterCount];
    this.longitude = new float[posterCount];
    this.firstName = new short[posterCount];
    this.lastName = new short[posterCount];
    assignUsers(random, tieBreak, countries, firstNames, lastNames);
  }

  /** Zipf-Mandelbrot weights (k+3)^-0.8 scaled to 60 % of posts, each at least one. */
  private static int[] headCounts(int posts, int head) {
    double[] weights = new double[head];
    double sum = 0;
    for (int k = 0; k < head; k++) {
      weights[k] = Math.pow(k + 1 + 3, -0.8);
      sum += weights[k];
    }
    int[] counts = new int[head];
    for (int k = 0; k < head; k++) {
      counts[k] = (int) Math.max(1, Math.round(0.6 * posts * weights[k] / sum));
    }
    return counts;
  }

  /** Each head poster takes about 80 % of its posts in its home category, at random slots. */
  private void assignHeadPosts(Categories categories, int[] headCounts, SplittableRandom random) {
    int[][] freeSlots = new int[categories.count()][];
    int[] used = new int[categories.count()];
    for (int c = 0; c < categories.count(); c++) {
      int[] slots = new int[categories.blockSize(c)];
      for (int s = 0; s < slots.length; s++) {
        slots[s] = categories.blockStart(c) + s;
      }
      shuffle(slots, random);
      freeSlots[c] = slots;
    }
    for (int k = 0; k < headCounts.length; k++) {
      int home = randomCategory(categories, random);
      for (int j = 0; j < headCounts[k]; j++) {
        boolean atHome = k != failedScrapePoster && random.nextDouble() < 0.8;
        int c = atHome ? home : randomCategory(categories, random);
        for (int tries = 0; tries < categories.count() && used[c] == freeSlots[c].length; tries++) {
          c = (c + 1) % categories.count();
        }
        if (used[c] == freeSlots[c].length) {
          return; // every slot taken: only for tiny lakes
        }
        posterOfPost[freeSlots[c][used[c]++]] = k;
      }
    }
  }

  private int randomCategory(Categories categories, SplittableRandom random) {
    return categories.of(random.nextInt(posts));
  }

  /** F = Finv(reflect(1 - x0 + N(0, 0.4))), x0 the poster's midpoint in post-count order. */
  private long[] followers(SplittableRandom random, double[] tieBreak) {
    Integer[] order = byPostCount(tieBreak, null);
    long[] result = new long[posterCount];
    long cumulative = 0;
    for (int poster : order) {
      double x0 = (cumulative + postCount[poster] / 2.0) / posts;
      cumulative += postCount[poster];
      result[poster] = Quantiles.followers(Quantiles.reflect(1 - x0 + random.nextGaussian() * 0.4));
    }
    return result;
  }

  /** User attributes from noisy quantiles of the poster's rank (pins desc, followers desc). */
  private void assignUsers(
      SplittableRandom random, double[] tieBreak, int countries, int firstNames, int lastNames) {
    Integer[] order = byPostCount(tieBreak, followers);
    long cumulative = 0;
    for (int poster : order) {
      double x = (cumulative + postCount[poster] / 2.0) / posts;
      cumulative += postCount[poster];
      age[poster] = (byte) (20 + Math.min(40, (int) (41 * quantile(x, random))));
      long joined = JOINED_FROM + (long) (quantile(x, random) * (JOINED_TO - JOINED_FROM));
      joinedSecond[poster] = Math.min(JOINED_TO, joined + random.nextInt(60));
      country[poster] = (short) index(quantile(x, random), countries);
      latitude[poster] = (float) (-90 + 180 * quantile(x, random));
      longitude[poster] = (float) (-180 + 360 * quantile(x, random));
      firstName[poster] = (short) index(quantile(x, random), firstNames);
      lastName[poster] = (short) index(quantile(x, random), lastNames);
    }
  }

  private static double quantile(double x, SplittableRandom random) {
    return Quantiles.attribute(Quantiles.reflect(x + random.nextGaussian() * 0.25));
  }

  private static int index(double q, int size) {
    return Math.min(size - 1, (int) (size * q));
  }

  private Integer[] byPostCount(double[] tieBreak, long[] thenFollowers) {
    Integer[] order = new Integer[posterCount];
    for (int p = 0; p < posterCount; p++) {
      order[p] = p;
    }
    Comparator<Integer> comparator = Comparator.comparingInt((Integer p) -> -postCount[p]);
    if (thenFollowers != null) {
      comparator = comparator.thenComparingLong(p -> -thenFollowers[p]);
    }
    Arrays.sort(order, comparator.thenComparingDouble(p -> tieBreak[p]));
    return order;
  }

  private static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }
}
