package dev.pinpipe.pipelines.aws;

import dev.pinpipe.pipelines.options.LakeS3Options;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Beam's S3 client, with path-style addressing when {@code --s3PathStyle=true}. */
public final class PathStyleS3ClientBuilderFactory implements S3ClientBuilderFactory {
  @Override
  public S3ClientBuilder createBuilder(S3Options options) {
    S3ClientBuilder builder = new DefaultS3ClientBuilderFactory().createBuilder(options);
    return builder.forcePathStyle(options.as(LakeS3Options.class).getS3PathStyle());
  }

  /** Makes Beam's S3 file system build its clients here. */
  public static void install(S3Options options) {
    options.setS3ClientFactoryClass(PathStyleS3ClientBuilderFactory.class);
  }
}
