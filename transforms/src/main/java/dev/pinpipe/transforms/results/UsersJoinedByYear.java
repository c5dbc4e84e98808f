package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.CombineGroups;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.transforms.aggregate.KeyBuckets;
import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SetCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Per year joined 2015-2020 (UTC), the number of distinct users, a user being (user_name, age,
 * date_joined). Input: the clean user table. Users are counted distinct within hash buckets of
 * (year, user), then the buckets' counts are summed per year: a fixed spread, so that no one
 * accumulator holds a whole year's users.
 */
public final class UsersJoinedByYear extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Schema USERS =
      Schema.builder()
          .addInt32Field("post_year")
          .addStringField("user_name")
          .addInt32Field("age")
          .addField("date_joined", Schema.FieldType.DATETIME)
          .build();

  private static final int BUCKETS = KeyBuckets.FEW;

  private final int groupBuckets;

  /**
   * The year-and-bucket groups, then the years, combined in {@code groupBuckets} hash buckets
   * (one accumulator then holds the users of every group in its bucket); {@code
   * KeyBuckets.PER_KEY} for a group per key.
   */
  UsersJoinedByYear(int groupBuckets) {
    this.groupBuckets = groupBuckets;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> users) {
    int buckets = BUCKETS;
    Schema output = AnalyticsResult.USERS_JOINED_BY_YEAR.schema();
    return users
        .apply(
            "JoinYearAndUser",
            ExtractFacts.of(
                USERS,
                row ->
                    ExtractFacts.rowOrNull(
                        USERS,
                        UtcYear.within(row.getDateTime("date_joined"), 2015, 2020),
                        row.getString("user_name"),
                        row.getInt32("age"),
                        row.getDateTime("date_joined"))))
        .apply(
            "KeyByYearAndBucket",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.strings()))
                .via(
                    (Row user) -> {
                      String identity = identity(user);
                      long year = user.getInt32("post_year");
                      return KV.of(year * buckets + KeyBuckets.of(identity.hashCode(), buckets), identity);
                    }))
        .setCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()))
        .apply("CountDistinctInBucket",
            CombineGroups.<Long, String, Long>perKey(new CountDistinctFn()).inBuckets(groupBuckets))
        .apply(
            "KeyByYear",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.longs()))
                .via((KV<Long, Long> bucket) -> KV.of((int) (bucket.getKey() / buckets), bucket.getValue())))
        .setCoder(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()))
        .apply("SumPerYear",
            CombineGroups.<Integer, Long, Long>perKey(Sum.ofLongs()).inBuckets(groupBuckets))
        .apply(
            "ToRow",
            MapElements.into(TypeDescriptors.rows())
                .via((KV<Integer, Long> year) -> Row.withSchema(output).addValues(year.getKey(), year.getValue()).build()))
        .setRowSchema(output);
  }

  private static String identity(Row user) {
    return user.getString("user_name") + '\u0000' + user.getInt32("age") + '\u0000'
        + user.getDateTime("date_joined").getMillis();
  }

  /** The number of distinct strings. */
  static final class CountDistinctFn extends Combine.CombineFn<String, Set<String>, Long> {
    @Override
    public Set<String> createAccumulator() {
      return new HashSet<>();
    }

    @Override
    public Set<String> addInput(Set<String> seen, String value) {
      seen.add(value);
      return seen;
    }

    @Override
    public Set<String> mergeAccumulators(Iterable<Set<String>> accumulators) {
      Set<String> merged = new HashSet<>();
      accumulators.forEach(merged::addAll);
      return merged;
    }

    @Override
    public Long extractOutput(Set<String> seen) {
      return (long) seen.size();
    }

    @Override
    public Coder<Set<String>> getAccumulatorCoder(CoderRegistry registry, Coder<String> inputCoder) {
      return SetCoder.of(StringUtf8Coder.of());
    }
  }
}
