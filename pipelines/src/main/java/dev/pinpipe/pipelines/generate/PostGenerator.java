package dev.pinpipe.pipelines.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Makes the source tables' rows, statistically like the original (see shared data-profile.md),
 * plus the edge cases of {@link EdgeCases}. Post {@code i} depends only on the seed and {@code i},
 * so posts can be made in any order, by any number of workers, with the same result.
 */
public final class PostGenerator {
  private static final long POST_TIMES_FROM = Instant.parse("2017-10-20T00:00:00Z").getEpochSecond();
  private static final long POST_TIMES_TO = Instant.parse("2022-10-18T23:59:59Z").getEpochSecond();
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String NO_TAGS = "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e";
  private static final String STORY = "multi-video(story page format)";
  private static final String STORY_DESCRIPTION = "No description available Story format";
  private static final String USER_INFO_ERROR = "User Info Error";
  private static final String IMAGE_ERROR = "Image src error.";

  private static final List<String> COUNTRIES = resource("countries.txt");
  private static final List<String> FIRST_NAMES = resource("first_names.txt");
  private static final List<String> LAST_NAMES = resource("last_names.txt");

  private final long seed;
  private final Categories categories;
  private final PosterModel posters;

  private PostGenerator(int posts, long seed) {
    this.seed = seed;
    this.categories = new Categories(posts);
    this.posters =
        new PosterModel(
            posts, categories, new SplittableRandom(seed), COUNTRIES.size(), FIRST_NAMES.size(),
            LAST_NAMES.size());
  }

  /** A generator of {@code posts} posts (index 0 to posts-1) for {@code seed}. */
  public static PostGenerator create(int posts, long seed) {
    if (posts < 1) {
      throw new IllegalArgumentException("posts must be at least 1, not " + posts);
    }
    return new PostGenerator(posts, seed);
  }

  public int posts() {
    return posters.posts;
  }

  /** The three source rows of post {@code index}. */
  public SourcePost post(int index) {
    SplittableRandom random = randomFor(1, index);
    int poster = posters.posterOfPost[index];
    int category = categories.of(index);
    Map<String, Object> pin =
        poster == posters.failedScrapePoster
            ? failedScrape(index, category, random)
            : pin(index, poster, category, random);
    return new SourcePost(pin, geo(index, poster, postTime(index, random), random), user(index, poster, random));
  }

  /** A geo or user row whose ind has no pin, shaped like a real poster's. */
  public Map<String, Object> orphan(long ind, boolean geo) {
    SplittableRandom random = randomFor(2, ind);
    int poster = posters.posterOfPost[random.nextInt(posters.posts)];
    return geo ? geo(ind, poster, postTime(-1, random), random) : user(ind, poster, random);
  }

  private Map<String, Object> pin(int index, int poster, int category, SplittableRandom random) {
    int roll = random.nextInt(100);
    boolean story = roll < Categories.multiVideoPercent(category);
    boolean video = !story && roll < Categories.multiVideoPercent(category) + Categories.videoPercent(category);
    String media = story ? STORY : video ? "video" : "image";
    String description;
    String imageSource;
    int downloaded = 1;
    if (story) {
      description = STORY_DESCRIPTION;
      imageSource = random.nextInt(4) == 0 ? IMAGE_ERROR : TextMaker.videoThumbnail(random);
      downloaded = random.nextInt(4) == 0 ? 0 : 1;
    } else {
      description = random.nextInt(1000) < 15 ? "No description available" : TextMaker.description(random);
      imageSource = video ? TextMaker.videoThumbnail(random) : TextMaker.imageSource(random);
    }
    int blank = random.nextInt(1000);
    String title = blank < 2 ? "" : blank < 3 ? "   " : TextMaker.title(random);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("index", index);
    row.put("unique_id", uuid(random));
    row.put("title", title);
    row.put("description", description);
    row.put("poster_name", posterName(poster));
    row.put("follower_count", followerText(poster));
    row.put("tag_list", random.nextInt(1000) < 3 ? NO_TAGS : TextMaker.tags(random));
    row.put("is_image_or_video", media);
    row.put("image_src", imageSource);
    row.put("downloaded", downloaded);
    row.put("save_location", "Local save in /data/" + Categories.NAMES.get(category));
    row.put("category", Categories.NAMES.get(category));
    return row;
  }

  /** The scraper's failure rows: every text field holds its placeholder. */
  private static Map<String, Object> failedScrape(int index, int category, SplittableRandom random) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("index", index);
    row.put("unique_id", uuid(random));
    row.put("title", "No Title Data Available");
    row.put("description", STORY_DESCRIPTION);
    row.put("poster_name", USER_INFO_ERROR);
    row.put("follower_count", USER_INFO_ERROR);
    row.put("tag_list", NO_TAGS);
    row.put("is_image_or_video", STORY);
    row.put("image_src", IMAGE_ERROR);
    row.put("downloaded", 0);
    row.put("save_location", "Local save in /data/" + Categories.NAMES.get(category));
    row.put("category", Categories.NAMES.get(category));
    return row;
  }

  private Map<String, Object> geo(long ind, int poster, long postSecond, SplittableRandom random) {
    SplittableRandom person = posterRandom(poster);
    String country = COUNTRIES.get(posters.country[poster]);
    if (person.nextInt(1000) < 3) {
      country = TextMaker.pick(EdgeCases.UNICODE_COUNTRIES, person);
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("ind", ind);
    row.put("timestamp", datetime(postSecond, random));
    row.put("latitude", sixDigits(posters.latitude[poster]));
    row.put("longitude", sixDigits(posters.longitude[poster]));
    row.put("country", random.nextInt(1000) < 2 ? null : country);
    return row;
  }

  private Map<String, Object> user(long ind, int poster, SplittableRandom random) {
    SplittableRandom person = posterRandom(poster);
    String firstName = FIRST_NAMES.get(posters.firstName[poster]);
    if (person.nextInt(1000) < 5) {
      firstName = TextMaker.pick(EdgeCases.UNICODE_FIRST_NAMES, person);
    }
    int age = posters.age[poster];
    long joined = posters.joinedSecond[poster];
    int boundary = poster - posters.headPosters; // the first one-post posters sit on boundaries
    if (boundary >= 0 && boundary < EdgeCases.BOUNDARY_AGES.length) {
      age = EdgeCases.BOUNDARY_AGES[boundary];
      joined = Instant.parse("2016-06-01T12:00:00Z").getEpochSecond();
    } else if (boundary >= 0 && boundary - EdgeCases.BOUNDARY_AGES.length < EdgeCases.BOUNDARY_JOINED.length) {
      age = 30;
      joined = Instant.parse(EdgeCases.BOUNDARY_JOINED[boundary - EdgeCases.BOUNDARY_AGES.length]).getEpochSecond();
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("ind", ind);
    row.put("first_name", firstName);
    row.put("last_name", LAST_NAMES.get(posters.lastName[poster]));
    row.put("age", age);
    row.put("date_joined", datetime(joined, random));
    return row;
  }

  /** Uniform over the original's range; four posts sit on the edges of the 2018-2022 range. */
  private long postTime(int index, SplittableRandom random) {
    long second = POST_TIMES_FROM + random.nextLong(POST_TIMES_TO - POST_TIMES_FROM + 1);
    int quarter = Math.max(1, posters.posts / 4);
    if (index >= 0 && index % quarter == 1 && index / quarter < EdgeCases.BOUNDARY_TIMESTAMPS.length) {
      return Instant.parse(EdgeCases.BOUNDARY_TIMESTAMPS[index / quarter]).getEpochSecond();
    }
    return second;
  }

  private String posterName(int poster) {
    SplittableRandom person = posterRandom(poster);
    person.nextInt(); // the draws used for country and first name
    person.nextInt();
    return TextMaker.posterName(
        person, FIRST_NAMES.get(posters.firstName[poster]), LAST_NAMES.get(posters.lastName[poster]));
  }

  /** 718, 33k or 2M; a few posters use decimals (12.3k), a very few an unreadable value. */
  private String followerText(int poster) {
    long followers = posters.followers[poster];
    int variant = new SplittableRandom(seed ^ 0x5DEECE66DL ^ poster).nextInt(1000);
    if (variant < 1) {
      return "n/a";
    }
    if (variant < 11 && followers >= 1000) {
      return followers >= 1_000_000
          ? String.format(Locale.ROOT, "%.1fM", followers / 1_000_000.0)
          : String.format(Locale.ROOT, "%.1fk", followers / 1_000.0);
    }
    if (followers < 1000) {
      return Long.toString(followers);
    }
    return followers < 1_000_000 ? followers / 1000 + "k" : followers / 1_000_000 + "M";
  }

  private static String datetime(long epochSecond, SplittableRandom random) {
    Instant instant = Instant.ofEpochSecond(epochSecond);
    return random.nextBoolean() ? SPACED.format(instant) : ISO.format(instant);
  }

  /** Like MySQL FLOAT: six significant digits. */
  private static double sixDigits(float value) {
    return new BigDecimal(value).round(new MathContext(6)).doubleValue();
  }

  private static String uuid(SplittableRandom random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  private SplittableRandom randomFor(long stream, long index) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + index);
  }

  private SplittableRandom posterRandom(int poster) {
    return randomFor(3, poster);
  }

  private static List<String> resource(String name) {
    try (InputStream in = PostGenerator.class.getResourceAsStream(name);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().filter(line -> !line.isBlank()).sorted().collect(Collectors.toUnmodifiableList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
