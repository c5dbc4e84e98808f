package dev.pinpipe.runners;

import dev.pinpipe.pipelines.batch.BatchPipeline;
import dev.pinpipe.pipelines.generate.GenerateLake;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code pinpipe batch} with no {@code --lakeRoot}: a demo lake generated from a fixed seed, so
 * the first command works on a fresh machine. The choice lives on the command line, so the batch
 * pipeline itself never depends on the data generator.
 */
final class DemoLake {
  /** Seed of the demo lake. */
  static final long SEED = 42;
  static final String FOLDER = "demo-lake";

  /** {@code batch}'s options on the command line. */
  public interface Options extends BatchPipeline.Options {
    @Description("Posts in the demo lake generated into <outputDir>/demo-lake when --lakeRoot is unset")
    @Default.Integer(11_000)
    int getDemoPosts();

    void setDemoPosts(int value);
  }

  private DemoLake() {}

  /**
   * Generates the demo lake under the output folder and points {@code --lakeRoot} at it, after
   * checking the other options, so a bad one fails before the lake is made.
   */
  static void useIfNoLake(Options options, PrintStream log) throws IOException {
    if (options.getLakeRoot() != null) {
      return;
    }
    BatchPipeline.validate(options);
    String root = options.getOutputDir() + "/" + FOLDER;
    GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
    generate.setLakeRoot(root);
    generate.setTopicPrefix(options.getTopicPrefix());
    generate.setPosts(options.getDemoPosts());
    generate.setSeed(SEED);
    generate.setOverwrite(true);
    log.println("No --lakeRoot given: generating a demo lake (seed " + SEED + ") in " + root);
    log.println("  " + GenerateLake.run(generate, log));
    options.setLakeRoot(root);
  }
}
