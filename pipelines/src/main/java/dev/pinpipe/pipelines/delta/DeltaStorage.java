package dev.pinpipe.pipelines.delta;

import dev.pinpipe.pipelines.options.DeltaOptions;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.pipelines.common.OneLine;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where Delta tables live (a folder or {@code s3://bucket/prefix}) and the Hadoop settings to
 * reach them; serialisable, so that a pipeline step can open the tables where it runs. S3 goes
 * through Hadoop's s3a with the AWS SDK's default credential chain, at {@code --endpoint} with
 * path-style addresses when asked.
 */
public final class DeltaStorage implements Serializable {
  /** Opens the log of the table at a Hadoop path: the one place that names the Delta library. */
  public interface Opener extends Serializable {
    DeltaTable open(Configuration conf, String path);
  }

  private final String root;
  private final String endpoint;
  private final String region;
  private final boolean pathStyle;
  private final Opener opener;

  private DeltaStorage(String root, String endpoint, String region, boolean pathStyle, Opener opener) {
    this.root = root;
    this.endpoint = endpoint;
    this.region = region;
    this.pathStyle = pathStyle;
    this.opener = opener;
  }

  public static DeltaStorage of(DeltaOptions options) {
    URI endpoint = options.getEndpoint();
    return new DeltaStorage(options.getDeltaRoot(), endpoint == null ? null : endpoint.toString(),
        options.getAwsRegion() == null ? null : options.getAwsRegion().id(), options.getS3PathStyle(),
        StandaloneDeltaTable::at);
  }

  /** A local folder's tables, for tests. */
  public static DeltaStorage local(String folder) {
    return new DeltaStorage(folder, null, null, false, StandaloneDeltaTable::at);
  }

  /** The same tables, their logs opened by {@code opener} (another library, or a test's wrapper). */
  public DeltaStorage withOpener(Opener opener) {
    return new DeltaStorage(root, endpoint, region, pathStyle, opener);
  }

  public String root() {
    return root;
  }

  /** The Hadoop path of table {@code name}: {@code s3a://} for S3, an absolute {@code file:} path otherwise. */
  public String tablePath(String name) {
    if (LakeFileSystems.isLocal(root)) {
      return Paths.get(LakeFileSystems.localPath(root)).toAbsolutePath().resolve(name).toUri().toString();
    }
    String trimmed = LakeFileSystems.trimSlash(root);
    return (trimmed.startsWith("s3://") ? "s3a://" + trimmed.substring("s3://".length()) : trimmed) + "/" + name;
  }

  /**
   * Fails fast, in one line naming {@code --deltaRoot}, unless the root folder can be made and a
   * file written and deleted there.
   */
  public void requireWritable() {
    try {
      Path path = new Path(tablePath(""));
      FileSystem fs = path.getFileSystem(conf());
      fs.mkdirs(path);
      // A name of its own: two runs checking one root at once must not delete each other's probe.
      Path probe = new Path(path, ".pinpipe-write-check-" + java.util.UUID.randomUUID());
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("--deltaRoot=" + root + ": cannot write there: "
          + OneLine.of(OneLine.rootCause(e).getMessage()), e);
    }
  }

  public DeltaTable table(String name) {
    return opener.open(conf(), tablePath(name));
  }

  public Configuration conf() {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.aws.credentials.provider", "com.amazonaws.auth.DefaultAWSCredentialsProviderChain");
    if (endpoint != null) {
      conf.set("fs.s3a.endpoint", endpoint);
      conf.setBoolean("fs.s3a.connection.ssl.enabled", endpoint.startsWith("https:"));
    }
    if (region != null) {
      conf.set("fs.s3a.endpoint.region", region);
    }
    conf.setBoolean("fs.s3a.path.style.access", pathStyle);
    // Fail within seconds when S3 is away, and let the writer's own retries decide.
    conf.setInt("fs.s3a.attempts.maximum", 2);
    conf.setInt("fs.s3a.retry.limit", 2);
    return conf;
  }
}
