package dev.pinpipe.pipelines.generate;

import java.util.List;

/**
 * The 13 categories as contiguous alphabetical blocks of posts, sized as in the original source
 * table (data-profile 6.2.1), with each category's share of videos and story-format posts.
 */
final class Categories {
  static final List<String> NAMES =
      List.of(
          "art", "beauty", "christmas", "diy-and-crafts", "education", "event-planning",
          "finance", "home-decor", "mens-fashion", "quotes", "tattoos", "travel", "vehicles");
  /** Block sizes at 11,000 posts; the last block takes the remainder. */
  private static final int[] SIZES_AT_11K = {
    895, 745, 997, 830, 862, 748, 788, 862, 853, 906, 974, 856, 684
  };
  /** Percent of posts in story page format, per category (overall about 7.5 %). */
  private static final int[] MULTI_VIDEO_PERCENT = {5, 10, 6, 9, 4, 12, 3, 8, 10, 1, 6, 19, 6};
  /** Percent of video posts, concentrated in art, christmas, diy-and-crafts and travel. */
  private static final int[] VIDEO_PERCENT = {4, 1, 5, 8, 1, 1, 1, 1, 1, 1, 1, 8, 1};

  private final int[] blockStarts;

  Categories(int posts) {
    blockStarts = new int[NAMES.size() + 1];
    for (int c = 0; c < NAMES.size() - 1; c++) {
      int size = (int) Math.round(SIZES_AT_11K[c] * (posts / 11_000.0));
      blockStarts[c + 1] = Math.min(posts, blockStarts[c] + size);
    }
    blockStarts[NAMES.size()] = posts;
  }

  int count() {
    return NAMES.size();
  }

  /** The category index of post {@code index}. */
  int of(int index) {
    int c = 0;
    while (index >= blockStarts[c + 1]) {
      c++;
    }
    return c;
  }

  int blockStart(int category) {
    return blockStarts[category];
  }

  int blockSize(int category) {
    return blockStarts[category + 1] - blockStarts[category];
  }

  static int multiVideoPercent(int category) {
    return MULTI_VIDEO_PERCENT[category];
  }

  static int videoPercent(int category) {
    return VIDEO_PERCENT[category];
  }
}
