package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.CleanTables;
import dev.pinpipe.transforms.join.DeduplicateAndJoinPosts;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.CleanAllKinds;
import dev.pinpipe.transforms.SourcedLine;
import java.util.EnumMap;
import java.util.Map;
import dev.pinpipe.transforms.TestLines;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nine results over a small lake whose answers were worked out by hand. */
@ExtendWith(TestPipelineExtension.class)
class ComputeAnalyticsTest {
  /** Lines of each kind, cleaned as every pipeline cleans them. */
  private static CleanTables clean(TestPipeline pipeline, List<String> pins, List<String> geos, List<String> users) {
    Map<RecordKind, PCollection<SourcedLine>> lines = new EnumMap<>(RecordKind.class);
    lines.put(RecordKind.PIN, pipeline.apply("ReadPins", TestLines.sourced(pins)));
    lines.put(RecordKind.GEO, pipeline.apply("ReadGeos", TestLines.sourced(geos)));
    lines.put(RecordKind.USER, pipeline.apply("ReadUsers", TestLines.sourced(users)));
    return CleanAllKinds.input(lines).apply("CleanAllKinds", CleanAllKinds.create()).tables();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4}) // 0: a group per key
  void computesTheNineResults(int buckets, TestPipeline pipeline) {
    AnalyticsResults results =
        clean(pipeline, HandWorkedPosts.PINS, HandWorkedPosts.GEOS, HandWorkedPosts.USERS)
            .apply("DeduplicateAndJoin", DeduplicateAndJoinPosts.create())
            .joined()
            .apply("Analytics", buckets == 0 ? ComputeAnalytics.create() : ComputeAnalytics.create().inBuckets(buckets));

    HandWorkedPosts.expectNineResults(results, null);
    pipeline.run();
  }

  @Test
  void emptyTablesGiveEmptyResults(TestPipeline pipeline) {
    AnalyticsResults results =
        clean(pipeline, List.of(), List.of(), List.of())
            .apply("DeduplicateAndJoin", DeduplicateAndJoinPosts.create())
            .joined()
            .apply("Analytics", ComputeAnalytics.create());
    for (AnalyticsResult result : AnalyticsResult.values()) {
      PAssert.that(result.folder(), results.get(result)).empty();
    }
    pipeline.run();
  }
}
