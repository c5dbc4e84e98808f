package dev.pinpipe.pipelines.options;

import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * S3 settings beyond Beam's own ({@code --endpoint}, {@code --awsRegion}; credentials come from
 * the AWS SDK's default chain). Local S3 servers on loopback need path-style addresses.
 */
public interface LakeS3Options extends S3Options {
  @Description("Address buckets by path (http://host/bucket/key), as local S3 servers need")
  @Default.Boolean(false)
  boolean getS3PathStyle();

  void setS3PathStyle(boolean value);
}
