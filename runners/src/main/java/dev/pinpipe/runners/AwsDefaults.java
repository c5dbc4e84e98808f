package dev.pinpipe.runners;

import dev.pinpipe.pipelines.emulate.PostingEmulator;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.pipelines.stream.sources.StreamSource;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import software.amazon.awssdk.regions.Region;

/** The command line's AWS settings, each measured; an option given wins. */
final class AwsDefaults {
  private AwsDefaults() {}

  /** The region of a run that calls no AWS service: any will do, since no client is used. */
  static final Region UNUSED_REGION = Region.US_EAST_1;

  /**
   * Beam's S3 file system asks for an AWS region whenever a pipeline's file systems are set up,
   * whether or not any path is on S3. With none configured, the AWS SDK asks EC2's metadata
   * service, which off EC2 answers nothing until a timeout: 0.8 s of every local command (of the
   * first command's 10-12 s). A run that names no {@code s3://} path, no {@code --endpoint} and
   * no Kinesis stream gets a region it never uses, unless {@code --awsRegion} is given.
   */
  static void regionUnlessAwsIsUsed(PipelineOptions options, GivenOptions given) {
    if (!given.gives("awsRegion") && !usesAws(options, given)) {
      options.as(AwsOptions.class).setAwsRegion(UNUSED_REGION);
    }
  }

  /** Whether this run may call an AWS service: S3, Kinesis, or a local stand-in for them. */
  static boolean usesAws(PipelineOptions options, GivenOptions given) {
    return given.namesS3()
        || given.gives("endpoint")
        || options instanceof StreamPipeline.Options && StreamSource.of((StreamPipeline.Options) options).usesAws()
        || options instanceof PostingEmulator.Options && ((PostingEmulator.Options) options).getKinesis();
  }
}
