package dev.pinpipe.pipelines.io;

import java.io.IOException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/** The file systems a lake can live on: local folders and {@code s3://bucket/prefix}. */
public final class LakeFileSystems {
  private LakeFileSystems() {}

  /** Registers the file systems for these options, with S3 path style when asked for. */
  public static void configure(PipelineOptions options) {
    S3Options s3 = options.as(S3Options.class);
    if (s3.getS3ClientFactoryClass() == DefaultS3ClientBuilderFactory.class) {
      PathStyleS3ClientBuilderFactory.install(s3);
    }
    FileSystems.setDefaultPipelineOptions(options);
  }

  /**
   * Fails fast, naming the option, when {@code glob} cannot be listed: a missing bucket, no
   * access, an unreachable endpoint. An empty match is fine.
   */
  public static void requireListable(String option, String value, String glob) {
    MatchResult match;
    try {
      match = FileSystems.match(glob, EmptyMatchTreatment.ALLOW);
    } catch (IOException e) {
      throw unreachable(option, value, e);
    }
    if (match.status() == MatchResult.Status.ERROR) {
      try {
        match.metadata();
      } catch (IOException e) {
        throw unreachable(option, value, e);
      }
    }
  }

  private static IllegalArgumentException unreachable(String option, String value, Exception e) {
    return new IllegalArgumentException(
        option + "=" + value + ": cannot list it: " + OneLine.of(OneLine.rootCause(e).getMessage()));
  }
}
