package dev.pinpipe.pipelines.land;

import static dev.pinpipe.pipelines.land.LandRecordsTest.record;
import static dev.pinpipe.pipelines.land.LandRecordsTest.stream;

import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bundle's records reach the lake writer as batches per partition, none larger than asked. */
@ExtendWith(TestPipelineExtension.class)
class BatchByTopicPartitionTest {
  @Test
  void sendsABatchPerPartitionOnceItHoldsMaxRecordsAndTheRestWhenTheBundleEnds(TestPipeline pipeline) {
    PCollection<String> batches = pipeline
        .apply(stream()
            .addElements(record("p.pin", 0, 0, "{}"), record("p.geo", 2, 7, "{}"), record("p.pin", 0, 1, "{}"),
                record("p.pin", 0, 2, "{}"), record("p.pin", 0, 3, "{}"), record("p.pin", 0, 4, "{}"))
            .advanceWatermarkToInfinity())
        .apply(ParDo.of(new BatchByTopicPartition(2)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), PartitionBatch.coder()))
        .apply(MapElements.into(TypeDescriptors.strings()).via((KV<String, PartitionBatch> batch) ->
            batch.getKey() + ":" + batch.getValue().records.stream()
                .map(record -> record.topic + "-" + record.partition + "@" + record.offset)
                .collect(Collectors.joining(","))));
    PAssert.that(batches).containsInAnyOrder(
        "p.pin/0:p.pin-0@0,p.pin-0@1", "p.pin/0:p.pin-0@2,p.pin-0@3", "p.pin/0:p.pin-0@4", "p.geo/2:p.geo-2@7");
    pipeline.run().waitUntilFinish();
  }
}
