package dev.pinpipe.transforms;

import dev.pinpipe.schemas.RecordKind;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** The choice of one record per ind, the same on every runner, per key or in any number of buckets. */
@ExtendWith(TestPipelineExtension.class)
class DeduplicateByKeyTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 16, 1024}) // 0: per key
  void keepsOneRecordPerIndAndPicksTheSameOneEveryTime(int buckets, TestPipeline pipeline) {
    String pin = "{\"index\": 4, \"title\": \"A\", \"category\": \"art\"}";
    String sameIndOtherTitle = "{\"index\": 4, \"title\": \"B\", \"category\": \"art\"}";
    PCollection<Row> clean =
        pipeline
            .apply(TestLines.sourced(List.of(sameIndOtherTitle, pin, pin, pin, "{\"index\": 5.0}", "{\"index\": 5}")))
            .apply(CleanRecords.of(RecordKind.PIN))
            .values()
            .apply(Values.create())
            .setRowSchema(RecordKind.PIN.cleanSchema())
            .apply(buckets == 0 ? DeduplicateByKey.on(RecordKind.CLEAN_KEY)
                : DeduplicateByKey.on(RecordKind.CLEAN_KEY).inBuckets(buckets));
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
}
