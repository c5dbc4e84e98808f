package dev.pinpipe.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class CleanTableTest {
  @Test
  void rejectsBadLinesWithReasonAndCountWhileValidLinesPass(TestPipeline pipeline) {
    List<String> lines =
        List.of(
            "{\"ind\": 1, \"first_name\": \"Ann\", \"last_name\": \"Lee\", \"age\": 30}",
            "not json",
            "{\"ind\": \"x\"}",
            "{\"ind\": 2, \"age\": 41, \"date_joined\": \"2016-01-01 00:00:00\"}");
    RecordsWithRejects result =
        pipeline
            .apply(Create.of(lines))
            .apply(CleanTable.of(RecordKind.USER));

    PAssert.that(result.records().apply(FormatJsonLines.create()))
        .containsInAnyOrder(
            "{\"ind\":1,\"user_name\":\"Ann Lee\",\"age\":30,\"date_joined\":null}",
            "{\"ind\":2,\"user_name\":null,\"age\":41,\"date_joined\":\"2016-01-01T00:00:00Z\"}");
    PAssert.that(result.rejected())
        .containsInAnyOrder(
            RejectedRecord.of(RecordKind.USER, "not valid JSON", "not json"),
            RejectedRecord.of(RecordKind.USER, "ind is not an integer", "{\"ind\": \"x\"}"));

    PipelineResult run = pipeline.run();
    run.waitUntilFinish();
    MetricQueryResults metrics =
        run.metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.named(
                            CleanRecords.METRICS_NAMESPACE,
                            CleanRecords.rejectedCounterName(RecordKind.USER)))
                    .build());
    long rejected = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      rejected += counter.getAttempted();
    }
    assertEquals(2L, rejected);
  }

  @Test
  void keepsOneRecordPerIndAndPicksTheSameOneEveryTime(TestPipeline pipeline) {
    String pin = "{\"index\": 4, \"title\": \"A\", \"category\": \"art\"}";
    String sameIndOtherTitle = "{\"index\": 4, \"title\": \"B\", \"category\": \"art\"}";
    PCollection<Row> clean =
        pipeline
            .apply(Create.of(pin, pin, pin, sameIndOtherTitle, "{\"index\": 5.0}", "{\"index\": 5}"))
            .apply(CleanTable.of(RecordKind.PIN))
            .records();
    PAssert.that(clean.apply(FormatJsonLines.create()))
        .containsInAnyOrder(
            "{\"ind\":4,\"unique_id\":null,\"title\":\"A\",\"description\":null,\"follower_count\":null,"
                + "\"poster_name\":null,\"tag_list\":null,\"is_image_or_video\":null,\"image_src\":null,"
                + "\"save_location\":null,\"category\":\"art\",\"downloaded\":null}",
            "{\"ind\":5,\"unique_id\":null,\"title\":null,\"description\":null,\"follower_count\":null,"
                + "\"poster_name\":null,\"tag_list\":null,\"is_image_or_video\":null,\"image_src\":null,"
                + "\"save_location\":null,\"category\":null,\"downloaded\":null}");
    pipeline.run();
  }

  @Test
  void emptyInputGivesEmptyOutputs(TestPipeline pipeline) {
    RecordsWithRejects result =
        pipeline
            .apply(Create.empty(org.apache.beam.sdk.values.TypeDescriptors.strings()))
            .apply(CleanTable.of(RecordKind.GEO));
    PAssert.that(result.records()).empty();
    PAssert.that(result.rejected()).empty();
    pipeline.run();
  }
}
