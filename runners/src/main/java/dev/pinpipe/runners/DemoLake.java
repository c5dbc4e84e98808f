package dev.pinpipe.runners;

import dev.pinpipe.pipelines.batch.BatchPipeline;
import dev.pinpipe.pipelines.generate.GenerateLake;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * {@code pinpipe demo}: {@code batch} on a demo lake generated from a fixed seed, so the first
 * command works on a fresh machine. Only this command makes fake data: {@code batch} without a
 * lake fails. The choice lives on the command line, so the batch pipeline itself never depends
 * on the data generator.
 */
final class DemoLake {
  /** Seed of the demo lake. */
  static final long SEED = 42;
  static final String FOLDER = "demo-lake";
  /** Says how the lake beside it was made; written last, so a half-made lake is made again. */
  static final String MARKER = "_demo-lake";

  /** {@code demo}'s options: {@code batch}'s, and the demo lake's size. */
  public interface Options extends BatchPipeline.Options {
    @Description("Posts in the demo lake generated into <outputDir>/demo-lake")
    @Default.Integer(11_000)
    int getDemoPosts();

    void setDemoPosts(int value);
  }

  private DemoLake() {}

  /**
   * Points {@code --lakeRoot} at the demo lake under the output folder, after checking the other
   * options, so a bad one fails before the lake is made. The lake is generated when it is not
   * there yet, or was made with another seed, size, prefix or build; otherwise the one there is
   * used again (generating it is a tenth of the first command's time).
   */
  static void use(Options options, PrintStream log) throws IOException {
    BatchPipeline.validate(options);
    String root = options.getOutputDir() + "/" + FOLDER;
    Path marker = Paths.get(root, MARKER);
    String made = "seed=" + SEED + " posts=" + options.getDemoPosts() + " prefix=" + options.getTopicPrefix()
        + " build=" + buildTime();
    if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(made)) {
      log.println("demo: using the demo lake (seed " + SEED + ") in " + root);
    } else {
      Files.deleteIfExists(marker);
      GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
      generate.setLakeRoot(root);
      generate.setTopicPrefix(options.getTopicPrefix());
      generate.setPosts(options.getDemoPosts());
      generate.setSeed(SEED);
      generate.setOverwrite(true);
      log.println("demo: generating a demo lake (seed " + SEED + ") in " + root);
      log.println("  " + GenerateLake.run(generate, log));
      Files.writeString(marker, made, StandardCharsets.UTF_8);
    }
    options.setLakeRoot(root);
  }

  /** When the code that generated the lake was built: a new build makes a new lake. */
  private static long buildTime() {
    try {
      return new File(DemoLake.class.getProtectionDomain().getCodeSource().getLocation().toURI()).lastModified();
    } catch (URISyntaxException | SecurityException | NullPointerException unknown) {
      return 0;
    }
  }
}
