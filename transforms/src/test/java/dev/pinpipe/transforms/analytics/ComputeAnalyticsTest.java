package dev.pinpipe.transforms.analytics;

import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.FormatJsonLines;
import dev.pinpipe.transforms.TestLines;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nine results over a small lake whose answers were worked out by hand. */
@ExtendWith(TestPipelineExtension.class)
class ComputeAnalyticsTest {
  private static PCollection<Row> clean(TestPipeline pipeline, String name, List<String> lines, RecordKind kind) {
    return pipeline
        .apply("Read" + name, TestLines.sourced(lines))
        .apply("Clean" + name, CleanRecords.of(kind))
        .values()
        .apply("Records" + name, Values.create())
        .setRowSchema(kind.cleanSchema());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4}) // 0: a group per key
  void computesTheNineResults(int buckets, TestPipeline pipeline) {
    AnalyticsResults results =
        CleanTables.of(
                clean(pipeline, "Pins", HandWorkedPosts.PINS, RecordKind.PIN),
                clean(pipeline, "Geos", HandWorkedPosts.GEOS, RecordKind.GEO),
                clean(pipeline, "Users", HandWorkedPosts.USERS, RecordKind.USER))
            .apply("DeduplicateAndJoin", DeduplicateAndJoinPosts.create())
            .joined()
            .apply("Analytics", buckets == 0 ? ComputeAnalytics.create() : ComputeAnalytics.create().inBuckets(buckets));

    HandWorkedPosts.expectNineResults(results, null);
    pipeline.run();
  }

  @Test
  void emptyTablesGiveEmptyResults(TestPipeline pipeline) {
    AnalyticsResults results =
        CleanTables.of(
                clean(pipeline, "Pins", List.of(), RecordKind.PIN),
                clean(pipeline, "Geos", List.of(), RecordKind.GEO),
                clean(pipeline, "Users", List.of(), RecordKind.USER))
            .apply("DeduplicateAndJoin", DeduplicateAndJoinPosts.create())
            .joined()
            .apply("Analytics", ComputeAnalytics.create());
    for (AnalyticsResult result : AnalyticsResult.values()) {
      PAssert.that(result.folder(), results.get(result)).empty();
    }
    pipeline.run();
  }
}
