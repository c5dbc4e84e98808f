package dev.pinpipe.transforms.analytics;

import dev.pinpipe.schemas.AnalyticsResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/** Per year joined 2015-2020 (UTC), the number of distinct users, a user being (user_name, age, date_joined). Input: the clean user table. */
public final class UsersJoinedByYear extends PTransform<PCollection<Row>, PCollection<Row>> {
  private static final Schema USERS =
      Schema.builder()
          .addInt32Field("post_year")
          .addStringField("user_name")
          .addInt32Field("age")
          .addField("date_joined", FieldType.DATETIME)
          .build();
  private static final Schema YEARS = Schema.builder().addInt32Field("post_year").build();

  @Override
  public PCollection<Row> expand(PCollection<Row> users) {
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
        .apply("DistinctUsers", Distinct.create())
        .apply("JoinYear", ExtractFacts.of(YEARS, row -> Rows.project(row, YEARS)))
        .apply("CountPerYear", Count.perElement())
        .apply(
            "ToRow",
            MapElements.into(TypeDescriptors.rows())
                .via(
                    (KV<Row, Long> counted) ->
                        Row.withSchema(AnalyticsResult.USERS_JOINED_BY_YEAR.schema())
                            .addValues(counted.getKey().getValues())
                            .addValue(counted.getValue())
                            .build()))
        .setRowSchema(AnalyticsResult.USERS_JOINED_BY_YEAR.schema());
  }
}
