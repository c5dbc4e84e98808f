package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.emulate.PostingEmulator;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** A run that calls no AWS service is not held up looking for a region; one that may keeps the SDK's choice. */
class AwsDefaultsTest {
  private static <T extends PipelineOptions> T parsed(Class<T> type, String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(type);
  }

  @Test
  void localRunsCallNoAwsService() {
    assertFalse(AwsDefaults.usesAws(parsed(DemoLake.Options.class), GivenOptions.of(new String[0])));
    String[] local = {"--lakeRoot=/tmp/lake", "--outputDir=file:///tmp/out"};
    assertFalse(AwsDefaults.usesAws(parsed(DemoLake.Options.class, local), GivenOptions.of(local)));
    String[] kafka = {"--source=kafka", "--deltaRoot=/tmp/delta"};
    assertFalse(AwsDefaults.usesAws(parsed(StreamPipeline.Options.class, kafka), GivenOptions.of(kafka)));
    String[] toKafka = {"--kafkaBootstrapServers=127.0.0.1:9092"};
    assertFalse(AwsDefaults.usesAws(parsed(PostingEmulator.Options.class, toKafka), GivenOptions.of(toKafka)));
  }

  @Test
  void s3PathsLocalEndpointsAndKinesisMayCallAws() {
    String[] s3 = {"--lakeRoot=S3://bucket/lake"};
    assertTrue(AwsDefaults.usesAws(parsed(DemoLake.Options.class, s3), GivenOptions.of(s3)));
    String[] s3a = {"--source=kafka", "--deltaRoot=s3a://bucket/delta"};
    assertTrue(AwsDefaults.usesAws(parsed(StreamPipeline.Options.class, s3a), GivenOptions.of(s3a)));
    String[] endpoint = {"--endpoint=http://127.0.0.1:14566"};
    assertTrue(AwsDefaults.usesAws(parsed(DemoLake.Options.class, endpoint), GivenOptions.of(endpoint)));
    assertTrue(AwsDefaults.usesAws(parsed(StreamPipeline.Options.class), GivenOptions.of(new String[0])), "Kinesis is stream's default");
    String[] kinesis = {"--kinesis=true"};
    assertTrue(AwsDefaults.usesAws(parsed(PostingEmulator.Options.class, kinesis), GivenOptions.of(kinesis)));
  }

  @Test
  void aGivenRegionWins() {
    String[] args = {"--awsRegion=eu-west-1"};
    AwsOptions options = parsed(AwsOptions.class, args);
    AwsDefaults.regionUnlessAwsIsUsed(options, GivenOptions.of(args));
    assertEquals(Region.EU_WEST_1, options.getAwsRegion());
  }

  @Test
  void aLocalRunGetsARegionWithoutAskingForOne() {
    AwsOptions options = parsed(AwsOptions.class);
    AwsDefaults.regionUnlessAwsIsUsed(options, GivenOptions.of(new String[0]));
    assertEquals(AwsDefaults.UNUSED_REGION, options.getAwsRegion());
  }
}
