package dev.pinpipe.pipelines.options;

import dev.pinpipe.pipelines.aws.Kinesis;
import dev.pinpipe.pipelines.common.Names;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;

/**
 * The Kinesis streams {@code streaming-<prefix>-pin}, {@code -geo} and {@code -user} (see {@link
 * Names}), for the commands that post to or read them: region and endpoint from {@code
 * --awsRegion} and {@code --endpoint}, credentials from the AWS SDK's default chain.
 */
public interface KinesisOptions extends TopicPrefixOptions, AwsOptions {}
