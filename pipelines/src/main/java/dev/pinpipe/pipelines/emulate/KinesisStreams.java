package dev.pinpipe.pipelines.emulate;

import dev.pinpipe.pipelines.io.Names;
import dev.pinpipe.pipelines.io.OneLine;
import dev.pinpipe.schemas.RecordKind;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.kinesis.KinesisIO;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.KV;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** The emulator's Kinesis streams: names, set-up, and the write of keyed JSON records. */
public final class KinesisStreams {
  private KinesisStreams() {}

  /**
   * Plain records (no KPL aggregation), partition key = ind, body = the JSON object. Against a
   * local endpoint ({@code --endpoint} set) one PutRecords request is in flight at a time: with
   * concurrent requests moto's server answered every request with 200 yet lost a record (1 of
   * 300 in about 1 of 6 streams); one at a time it lost none in 12 streams.
   */
  static KinesisIO.Write<KV<String, String>> write(String stream, boolean localEndpoint) {
    KinesisIO.Write<KV<String, String>> write =
        KinesisIO.<KV<String, String>>write()
            .withStreamName(stream)
            .withPartitioner(record -> record.getKey())
            .withSerializer(record -> record.getValue().getBytes(StandardCharsets.UTF_8))
            .withRecordAggregationDisabled();
    return localEndpoint ? write.withConcurrentRequests(1) : write;
  }

  /** The client KinesisIO itself would build from these options. */
  public static KinesisClient client(PipelineOptions options) {
    return ClientBuilderFactory.buildClient(
        options.as(AwsOptions.class), KinesisClient.builder(), ClientConfiguration.EMPTY);
  }

  /** Checks the three streams exist, creating them when asked; fails fast with one line. */
  static void prepare(PipelineOptions options, String prefix, boolean create) {
    try (KinesisClient kinesis = client(options)) {
      for (RecordKind kind : RecordKind.values()) {
        String stream = Names.stream(prefix, kind);
        try {
          kinesis.describeStreamSummary(r -> r.streamName(stream));
        } catch (ResourceNotFoundException missing) {
          if (!create) {
            throw new IllegalArgumentException(
                "--kinesis: stream " + stream + " does not exist; pass --createStreams=true to create it");
          }
          kinesis.createStream(r -> r.streamName(stream).shardCount(1));
          kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
        }
      }
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--kinesis: cannot reach Kinesis: " + OneLine.of(e.getMessage()));
    }
  }
}
