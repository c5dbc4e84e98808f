package dev.pinpipe.pipelines.generate;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Real-looking poster names, titles, descriptions, tags and image addresses. */
final class TextMaker {
  private static final List<String> ADJECTIVES =
      List.of("Sunny", "Cozy", "Little", "Modern", "Rustic", "Happy", "Simple", "Golden", "Wild",
          "Urban", "Vintage", "Bright", "Quiet", "Bold", "Sweet", "Green", "Crafty", "Daily",
          "Tiny", "Lovely", "Savvy", "Free", "Brave", "Fresh");
  private static final List<String> NOUNS =
      List.of("Kitchen", "Studio", "Nest", "Journal", "Atelier", "Garden", "Home", "Wanderer",
          "Crafts", "Ink", "Threads", "Money", "Roads", "Quotes", "Corner", "Workshop", "Life",
          "Planner", "Collective", "Pages", "Closet", "Cabin", "Motors", "Canvas");
  private static final List<String> TOPICS =
      List.of("Lifestyle", "DIY", "Travel", "Home Decor", "Beauty", "Finance", "Fashion",
          "Parenting", "Art", "Wedding", "Food", "Tattoo", "Education", "Cars");
  private static final List<String> UNICODE_POSTERS =
      List.of("Zoë's Café", "Ñandú Studio", "Åsa Design", "北欧インテリア", "Crème de la Crème",
          "Déjà Vu Vintage", "Façade & Co", "Ölfarben Atelier");
  private static final List<String> WORDS =
      List.of("easy", "ideas", "for", "your", "home", "best", "diy", "projects", "the", "ultimate",
          "guide", "to", "small", "spaces", "christmas", "decor", "tattoo", "designs", "money",
          "saving", "tips", "travel", "bucket", "list", "quotes", "about", "life", "love",
          "beautiful", "watercolor", "painting", "makeup", "looks", "wedding", "planning",
          "checklist", "classroom", "activities", "men's", "street", "style", "outfits", "vintage",
          "cars", "road", "trip", "budget", "minimalist", "living", "room", "bedroom", "kids",
          "crafts", "paper", "flowers", "hair", "skin", "care", "routine", "gift", "party",
          "summer", "winter", "autumn", "spring", "simple", "stunning", "modern", "rustic",
          "farmhouse", "boho", "art", "journal", "inspiration", "in", "with", "and", "of", "a");
  private static final List<String> TAGS =
      List.of("Home Decor", "Diy Crafts", "Art Journal Inspiration", "Christmas Decorations",
          "Tattoo Designs", "Money Saving Tips", "Travel Destinations", "Inspirational Quotes",
          "Makeup Looks", "Wedding Planning", "Classroom Activities", "Mens Fashion Casual",
          "Vintage Cars", "Road Trip", "Budget Planner", "Minimalist Living", "Living Room",
          "Bedroom Ideas", "Kids Crafts", "Paper Flowers", "Hair Styles", "Skin Care Routine",
          "Gift Ideas", "Party Ideas", "Summer Outfits", "Winter Fashion", "Watercolor Painting",
          "Farmhouse Decor", "Boho Style", "Small Tattoos", "Easy Crafts", "Life Quotes",
          "Beautiful Places", "Europe Travel", "Frugal Living", "Teaching Ideas", "Event Planning",
          "Christmas Crafts", "Nail Art", "Sports Cars");

  private TextMaker() {}

  /** A brand or blog name: median about 16 characters, a long tail past 50. */
  static String posterName(SplittableRandom random, String first, String last) {
    int shape = random.nextInt(100);
    String name;
    if (shape < 1) {
      name = pick(UNICODE_POSTERS, random);
    } else if (shape < 30) {
      name = first + " " + last;
    } else if (shape < 55) {
      name = pick(ADJECTIVES, random) + " " + pick(NOUNS, random);
    } else if (shape < 70) {
      name = "The " + pick(ADJECTIVES, random) + " " + pick(NOUNS, random);
    } else if (shape < 80) {
      name = first + "'s " + pick(NOUNS, random);
    } else if (shape < 92) {
      name = "Of " + pick(NOUNS, random) + " & " + first + " | " + pick(TOPICS, random) + " Blog";
    } else {
      name = pick(ADJECTIVES, random) + " " + pick(NOUNS, random) + " | " + pick(TOPICS, random)
          + ", " + pick(TOPICS, random) + " & " + pick(TOPICS, random) + " Blog by " + first
          + " " + last;
    }
    return random.nextInt(1000) < 17 ? name + " " : name;
  }

  /** A title: median about 50 characters, up to 200. */
  static String title(SplittableRandom random) {
    int roll = random.nextInt(10_000);
    if (roll < 4) {
      return "Untitled";
    }
    String title = capitalize(words(random, lengthAround(random, 50, 0.4, 200)));
    if (roll < 24) {
      return roll % 2 == 0 ? " " + title : title + " ";
    }
    return title;
  }

  /** A description: median about 150 characters; long ones are cut at 180 with an ellipsis. */
  static String description(SplittableRandom random) {
    String text = capitalize(words(random, lengthAround(random, 150, 0.3, 400))) + ".";
    return text.length() > 180 ? text.substring(0, 179) + "…" : text;
  }

  /** Nine Title-Case tags joined by commas with no spaces. */
  static String tags(SplittableRandom random) {
    StringBuilder tags = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      tags.append(i == 0 ? "" : ",").append(pick(TAGS, random));
    }
    return tags.toString();
  }

  static String imageSource(SplittableRandom random) {
    int roll = random.nextInt(1000);
    String extension = roll < 840 ? "jpg" : roll < 990 ? "png" : roll < 997 ? "webp" : "gif";
    return "https://i.pinimg.com/originals/" + hashPath(random) + "." + extension;
  }

  static String videoThumbnail(SplittableRandom random) {
    return "https://i.pinimg.com/videos/thumbnails/originals/" + hashPath(random) + ".0000001.jpg";
  }

  private static String hashPath(SplittableRandom random) {
    String hash = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
    return hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash.substring(4, 6) + "/" + hash;
  }

  private static int lengthAround(SplittableRandom random, int median, double sigma, int max) {
    return (int) Math.max(5, Math.min(max, median * Math.exp(random.nextGaussian() * sigma)));
  }

  private static String words(SplittableRandom random, int length) {
    StringBuilder text = new StringBuilder(pick(WORDS, random));
    while (text.length() < length) {
      text.append(' ').append(pick(WORDS, random));
    }
    return text.length() > length ? text.substring(0, length).trim() : text.toString();
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  static <T> T pick(List<T> values, SplittableRandom random) {
    return values.get(random.nextInt(values.size()));
  }
}
