package dev.pinpipe.pipelines.batch;

import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.InvalidRecordException;
import dev.pinpipe.transforms.RecordParser;
import dev.pinpipe.transforms.RowJson;
import dev.pinpipe.transforms.results.AgeGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.beam.sdk.values.Row;
import org.joda.time.DateTimeZone;
import org.joda.time.ReadableInstant;

/**
 * The nine results computed the plain way, in one JVM with maps and loops, from the same parse
 * and cleaning functions the pipelines use: an independent check of the Beam composition (reads,
 * buckets, dedupe, joins, aggregations).
 */
final class ReferenceAnalytics {
  private ReferenceAnalytics() {}

  static Map<RecordKind, Map<Long, Row>> cleanTables(Map<RecordKind, List<String>> lines) {
    Map<RecordKind, Map<Long, Row>> tables = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      Map<Long, Row> table = new HashMap<>();
      for (String line : lines.get(kind)) {
        Row clean;
        try {
          clean = CleanRecords.rulesFor(kind).apply(RecordParser.parse(kind, line));
        } catch (InvalidRecordException e) {
          continue;
        }
        table.merge(clean.getInt64("ind"), clean,
            (a, b) -> RowJson.toJson(a).compareTo(RowJson.toJson(b)) <= 0 ? a : b);
      }
      tables.put(kind, table);
    }
    return tables;
  }

  static Map<AnalyticsResult, Set<String>> compute(Map<RecordKind, Map<Long, Row>> tables) {
    Map<Long, Row> pins = tables.get(RecordKind.PIN);
    Map<Long, Row> geos = tables.get(RecordKind.GEO);
    Map<Long, Row> users = tables.get(RecordKind.USER);
    List<Row[]> pg = new ArrayList<>();
    List<Row[]> pu = new ArrayList<>();
    for (Row pin : pins.values()) {
      Row geo = geos.get(pin.getInt64("ind"));
      if (geo != null) {
        pg.add(new Row[] {pin, geo});
      }
      Row user = users.get(pin.getInt64("ind"));
      if (user != null) {
        pu.add(new Row[] {pin, user});
      }
    }
    Map<AnalyticsResult, Set<String>> results = new EnumMap<>(AnalyticsResult.class);
    results.put(AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY,
        mostFrequent(pg, r -> r[1].getString("country"), r -> r[0].getString("category"),
            AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY));
    results.put(AnalyticsResult.POPULAR_CATEGORY_BY_YEAR,
        mostFrequent(pg, r -> year(r[1].getDateTime("timestamp"), 2018, 2022), r -> r[0].getString("category"),
            AnalyticsResult.POPULAR_CATEGORY_BY_YEAR));
    Map<String, Row> topUsers = new TreeMap<>();
    for (Row[] r : pg) {
      String country = r[1].getString("country");
      String poster = r[0].getString("poster_name");
      Long followers = r[0].getInt64("follower_count");
      if (country == null || poster == null || followers == null) {
        continue;
      }
      Row candidate = row(AnalyticsResult.TOP_USER_BY_COUNTRY, country, poster, followers);
      topUsers.merge(country, candidate, (a, b) -> better(a, b, "follower_count", "poster_name"));
    }
    results.put(AnalyticsResult.TOP_USER_BY_COUNTRY, json(topUsers.values()));
    Set<String> topCountry = new HashSet<>();
    topUsers.values().stream()
        .map(r -> row(AnalyticsResult.TOP_COUNTRY_BY_FOLLOWERS, r.getString("country"), r.getInt64("follower_count")))
        .reduce((a, b) -> better(a, b, "follower_count", "country"))
        .ifPresent(r -> topCountry.add(RowJson.toJson(r)));
    results.put(AnalyticsResult.TOP_COUNTRY_BY_FOLLOWERS, topCountry);
    results.put(AnalyticsResult.POPULAR_CATEGORY_BY_AGE_GROUP,
        mostFrequent(pu, r -> AgeGroup.of(r[1].getInt32("age")), r -> r[0].getString("category"),
            AnalyticsResult.POPULAR_CATEGORY_BY_AGE_GROUP));
    results.put(AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP,
        medians(pu, r -> AgeGroup.of(r[1].getInt32("age")), AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP));
    Map<Integer, Set<String>> joined = new TreeMap<>();
    for (Row user : users.values()) {
      Integer year = year(user.getDateTime("date_joined"), 2015, 2020);
      if (year != null && user.getString("user_name") != null && user.getInt32("age") != null) {
        joined.computeIfAbsent(year, y -> new HashSet<>())
            .add(user.getString("user_name") + "|" + user.getInt32("age") + "|" + user.getDateTime("date_joined"));
      }
    }
    Set<String> joinedRows = new HashSet<>();
    joined.forEach((year, set) -> joinedRows.add(RowJson.toJson(row(AnalyticsResult.USERS_JOINED_BY_YEAR, year, (long) set.size()))));
    results.put(AnalyticsResult.USERS_JOINED_BY_YEAR, joinedRows);
    results.put(AnalyticsResult.MEDIAN_FOLLOWERS_BY_JOIN_YEAR,
        medians(pu, r -> year(r[1].getDateTime("date_joined"), 2015, 2020), AnalyticsResult.MEDIAN_FOLLOWERS_BY_JOIN_YEAR));
    results.put(AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP_AND_JOIN_YEAR,
        medians(pu, r -> {
              String group = AgeGroup.of(r[1].getInt32("age"));
              Integer year = year(r[1].getDateTime("date_joined"), 2015, 2020);
              return group == null || year == null ? null : List.of(group, year);
            }, AnalyticsResult.MEDIAN_FOLLOWERS_BY_AGE_GROUP_AND_JOIN_YEAR));
    return results;
  }

  private static Set<String> mostFrequent(
      List<Row[]> pairs, Function<Row[], Object> group, Function<Row[], String> value, AnalyticsResult result) {
    Map<Object, Map<String, Long>> counts = new HashMap<>();
    for (Row[] pair : pairs) {
      Object g = group.apply(pair);
      String v = value.apply(pair);
      if (g != null && v != null) {
        counts.computeIfAbsent(g, k -> new HashMap<>()).merge(v, 1L, Long::sum);
      }
    }
    Set<String> rows = new HashSet<>();
    counts.forEach((g, byValue) -> {
      Map.Entry<String, Long> best =
          byValue.entrySet().stream()
              .min(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue()).thenComparing(Map.Entry::getKey))
              .get();
      rows.add(RowJson.toJson(row(result, g, best.getKey(), best.getValue())));
    });
    return rows;
  }

  private static Set<String> medians(List<Row[]> pairs, Function<Row[], Object> group, AnalyticsResult result) {
    Map<Object, List<Long>> values = new HashMap<>();
    for (Row[] pair : pairs) {
      Object g = group.apply(pair);
      Long followers = pair[0].getInt64("follower_count");
      if (g != null && followers != null) {
        values.computeIfAbsent(g, k -> new ArrayList<>()).add(followers);
      }
    }
    Set<String> rows = new HashSet<>();
    values.forEach((g, list) -> {
      list.sort(null);
      rows.add(RowJson.toJson(row(result, g, list.get((list.size() + 1) / 2 - 1))));
    });
    return rows;
  }

  private static Row better(Row a, Row b, String measure, String tie) {
    int byMeasure = Long.compare(a.getInt64(measure), b.getInt64(measure));
    if (byMeasure != 0) {
      return byMeasure > 0 ? a : b;
    }
    return a.getString(tie).compareTo(b.getString(tie)) <= 0 ? a : b;
  }

  private static Integer year(ReadableInstant instant, int from, int to) {
    if (instant == null) {
      return null;
    }
    int year = instant.toInstant().toDateTime(DateTimeZone.UTC).getYear();
    return year >= from && year <= to ? year : null;
  }

  /** A result row; a group given as a list spreads over the leading columns. */
  private static Row row(AnalyticsResult result, Object group, Object... rest) {
    Row.Builder row = Row.withSchema(result.schema());
    if (group instanceof List) {
      row.addValues(new ArrayList<Object>((List<?>) group));
    } else {
      row.addValue(group);
    }
    return row.addValues(rest).build();
  }

  private static Set<String> json(Iterable<Row> rows) {
    Set<String> out = new HashSet<>();
    rows.forEach(r -> out.add(RowJson.toJson(r)));
    return out;
  }
}
