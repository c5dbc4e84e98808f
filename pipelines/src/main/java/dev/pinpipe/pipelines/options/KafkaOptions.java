package dev.pinpipe.pipelines.options;

import org.apache.beam.sdk.options.Description;

/** The Kafka cluster, for the commands that read or write topics. */
public interface KafkaOptions extends TopicPrefixOptions {
  @Description("Kafka bootstrap servers, e.g. 127.0.0.1:19092 (emulate: unset means no Kafka output)")
  String getKafkaBootstrapServers();

  void setKafkaBootstrapServers(String value);
}
