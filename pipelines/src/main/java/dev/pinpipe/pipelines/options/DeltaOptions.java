package dev.pinpipe.pipelines.options;

import org.apache.beam.sdk.options.Description;

/** Where Delta tables go, for the commands that write them ({@code --endpoint} and {@code --s3PathStyle} as for the lake). */
public interface DeltaOptions extends TopicPrefixOptions, LakeS3Options {
  @Description(
      "Folder or s3://bucket/prefix holding the Delta tables: stream's <prefix>_pin_table, _geo_table,"
          + " _user_table and <prefix>_rejected; batch's the same and its nine results, named <prefix>_batch_...")
  String getDeltaRoot();

  void setDeltaRoot(String value);
}
