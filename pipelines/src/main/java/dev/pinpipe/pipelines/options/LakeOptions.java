package dev.pinpipe.pipelines.options;

import org.apache.beam.sdk.options.Description;

/** Where the raw lake is, for the commands that read or write it. */
public interface LakeOptions extends TopicPrefixOptions {
  @Description(
      "Root of the raw lake, a folder or s3://bucket/prefix, in the Kafka Connect S3 sink layout:"
          + " topics/<prefix>.<kind>/partition=<p>/<topic>+<p>+<offset>.json")
  String getLakeRoot();

  void setLakeRoot(String value);
}
