package dev.pinpipe.pipelines.aws;

import java.io.Serializable;
import org.apache.beam.sdk.io.aws2.common.ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.common.ClientConfiguration;
import org.apache.beam.sdk.io.aws2.options.AwsOptions;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/**
 * Beam's AWS clients, with asynchronous ones (KinesisIO's) on HTTP/1.1: the SDK talks HTTP/2 to
 * Kinesis by default, which local Kinesis servers do not speak. Used when --endpoint is set.
 */
public final class Http1ClientBuilderFactory implements ClientBuilderFactory, Serializable {
  @Override
  public <BuilderT extends AwsClientBuilder<BuilderT, ClientT>, ClientT> BuilderT create(
      BuilderT builder, ClientConfiguration config, AwsOptions options) {
    BuilderT configured = ClientBuilderFactory.defaultFactory().create(builder, config, options);
    if (configured instanceof SdkAsyncClientBuilder) {
      ((SdkAsyncClientBuilder<?, ?>) configured)
          .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1));
    }
    return configured;
  }

  @Override
  public void checkConfiguration(ClientConfiguration config, AwsOptions options) {
    ClientBuilderFactory.defaultFactory().checkConfiguration(config, options);
  }

  /** Uses this factory when an endpoint other than AWS's is set and no factory was chosen. */
  public static void installForLocalEndpoints(AwsOptions options) {
    if (options.getEndpoint() != null
        && options.getClientBuilderFactory() == ClientBuilderFactory.defaultFactory().getClass()) {
      options.setClientBuilderFactory(Http1ClientBuilderFactory.class);
    }
  }
}
