package dev.pinpipe.runners.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.options.DeltaOptions;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.land.LakeSink;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * {@code pinpipe dashboard}: the nine results of the last {@code batch} run as charts, the
 * stream's results per window as they arrive, and the pipeline's health, on a read-only page
 * (bound to 127.0.0.1 unless told otherwise), or the results exported as one self-contained HTML
 * file.
 */
public final class Dashboard {
  /** Options of {@code dashboard}. */
  public interface Options extends DeltaOptions {
    @Description("Folder (or s3://bucket/prefix) batch wrote its results to")
    @Default.String("pinterest-output")
    String getOutputDir();

    void setOutputDir(String value);

    @Description("Kafka bootstrap servers, to show how far land and stream are behind the topics"
        + " (unset: no lag shown)")
    String getKafkaBootstrapServers();

    void setKafkaBootstrapServers(String value);

    @Description("Consumer group of land (default pinpipe-land-<topicPrefix>)")
    String getLandGroupId();

    void setLandGroupId(String value);

    @Description("Consumer group of stream from Kafka (default pinpipe-stream-<topicPrefix>)")
    String getStreamGroupId();

    void setStreamGroupId(String value);

    @Description("Address the page is served on; 127.0.0.1 keeps it on this machine")
    @Default.String("127.0.0.1")
    String getHost();

    void setHost(String value);

    @Description("Port the page is served on (0: any free port)")
    @Default.Integer(8080)
    int getPort();

    void setPort(int value);

    @Description("Write the results page to this HTML file (no server, no network needed) and end")
    String getExport();

    void setExport(String value);
  }

  private static final String JSON = "application/json";
  private final ResultsData results;
  private final HealthData health;
  private final LiveData live;

  private Dashboard(Options options) {
    String prefix = options.getTopicPrefix();
    Optional<DeltaStorage> delta = Optional.ofNullable(options.getDeltaRoot()).map(root -> DeltaStorage.of(options));
    this.results = new ResultsData(options.getOutputDir());
    this.health = new HealthData(options.getOutputDir(), prefix, delta,
        Optional.ofNullable(options.getKafkaBootstrapServers()).filter(servers -> !servers.isBlank()),
        group(options.getLandGroupId(), LakeSink.defaultGroupId(prefix)),
        group(options.getStreamGroupId(), StreamPipeline.defaultGroupId(prefix)));
    this.live = new LiveData(delta, prefix);
  }

  /** Checks the options, in one line naming the one that is wrong. */
  public static Dashboard of(Options options) {
    Names.requireTopicPrefix(options.getTopicPrefix());
    LakeFileSystems.requirePlainPath("--outputDir", options.getOutputDir());
    LakeFileSystems.requirePlainPath("--deltaRoot", options.getDeltaRoot());
    if (options.getPort() < 0 || options.getPort() > 65_535) {
      throw new IllegalArgumentException("--port=" + options.getPort() + ": must be 0 to 65535");
    }
    if (options.getHost() == null || options.getHost().isBlank()) {
      throw new IllegalArgumentException("--host must name an address, e.g. 127.0.0.1");
    }
    if (options.getExport() != null) {
      Path parent = Paths.get(options.getExport()).toAbsolutePath().getParent();
      if (Files.isDirectory(Paths.get(options.getExport())) || parent == null || !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("--export=" + options.getExport()
            + ": must name a file in an existing folder");
      }
    }
    LakeFileSystems.configure(options);
    return new Dashboard(options);
  }

  private static String group(String given, String otherwise) {
    return given == null || given.isBlank() ? otherwise : given;
  }

  /** Serves the page until the process ends; the returned server says its port. */
  public Javalin serve(String host, int port) {
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false)
        .before(Dashboard::readOnly)
        .get("/", ctx -> ctx.html(Page.live()))
        .get(Page.ECHARTS_PATH, ctx -> ctx.contentType("text/javascript").result(Page.echarts()))
        .get(Page.SCRIPT_PATH, ctx -> ctx.contentType("text/javascript").result(Page.script()))
        .get("/api/results", ctx -> json(ctx, results::json))
        .get("/api/health", ctx -> json(ctx, health::json))
        .get("/api/live", ctx -> json(ctx, live::json));
    try {
      return app.start(host, port);
    } catch (RuntimeException e) {
      app.stop();
      throw new IllegalArgumentException("--host=" + host + " --port=" + port + ": cannot serve there: "
          + OneLine.of(OneLine.rootCause(e).getMessage()), e);
    }
  }

  /**
   * The page loads its own scripts and data only, cannot be framed, and leaks no address; the
   * server is read-only, so any method but GET and HEAD is refused (405) before routing.
   */
  private static void readOnly(Context ctx) {
    ctx.header("Content-Security-Policy", Page.CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
    String method = ctx.req().getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      ctx.header("Allow", "GET, HEAD");
      ctx.status(405).result("405 Method Not Allowed: the dashboard is read-only");
      ctx.skipRemainingHandlers();
    }
  }

  /** What a section could not read is shown as an error line on the page, never as a stack trace. */
  private static void json(Context ctx, Section section) {
    JsonNode body;
    try {
      body = section.json();
    } catch (IOException | RuntimeException e) {
      ObjectNode error = JsonLines.MAPPER.createObjectNode();
      error.put("error", OneLine.of(OneLine.rootCause(e).toString()));
      body = error;
    }
    ctx.contentType(JSON).result(body.toString());
  }

  private interface Section {
    JsonNode json() throws IOException;
  }

  /** Writes the results page, with its data, charts and script inlined, to {@code file}. */
  public void export(Path file) throws IOException {
    ObjectNode data = JsonLines.MAPPER.createObjectNode();
    data.set("results", results.json());
    data.set("health", health.json());
    data.put("exportedAt", java.time.Instant.now().toString());
    Files.writeString(file, Page.exported(data), StandardCharsets.UTF_8);
  }

  static String resource(String name) {
    try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
