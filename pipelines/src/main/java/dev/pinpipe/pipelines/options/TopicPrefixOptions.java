package dev.pinpipe.pipelines.options;

import dev.pinpipe.pipelines.aws.Kinesis;
import dev.pinpipe.pipelines.common.Names;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The prefix every command shares: it names the topics, streams and lake folders (see {@link Names}). */
public interface TopicPrefixOptions extends PipelineOptions {
  @Description(
      "Topic prefix: Kafka topics <prefix>.pin, .geo and .user, Kinesis streams"
          + " streaming-<prefix>-pin, -geo and -user, lake folders topics/<prefix>.*")
  @Default.String("pinterest")
  String getTopicPrefix();

  void setTopicPrefix(String value);
}
