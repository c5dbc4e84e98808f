package dev.pinpipe.runners;

import dev.pinpipe.pipelines.lake.LakeSink;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The Flink and Spark runners' options, registered for the runs that may use them. Beam reads and
 * checks every registered option interface when a command starts, and those two took 0.6 s of
 * every start (`batch --help`: 1.5 s with them, 0.9 s without). So the bundled jar leaves their
 * registrars out (runners/pom.xml), and a run registers them when it names the runner, when the
 * runner is its default ({@code land} runs on Flink), or when it asks for {@code --help}.
 */
final class RunnerOptions {
  private RunnerOptions() {}

  /** Registers the options of the runners a run of {@code type} with {@code args} may use. */
  static void registerFor(Class<? extends PipelineOptions> type, String[] args) {
    if (namesRunner(args, "spark")) {
      PipelineOptionsFactory.register(SparkPipelineOptions.class);
    }
    if (namesRunner(args, "flink") || LakeSink.Options.class.isAssignableFrom(type)) {
      PipelineOptionsFactory.register(FlinkPipelineOptions.class);
    }
  }

  /**
   * For an option this run could not read, which runner it belongs to, when it is one of Spark's
   * or Flink's and {@code args} do not name that runner: " (an option of the SparkRunner: give
   * --runner=SparkRunner)"; else "".
   */
  static String hint(String arg, String[] args) {
    String name = arg.replaceFirst("^--", "").replaceFirst("=.*$", "");
    String property = name.isEmpty() ? "" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Class<?> runnerOptions : List.of(SparkPipelineOptions.class, FlinkPipelineOptions.class)) {
      boolean has = Arrays.stream(runnerOptions.getMethods()).map(Method::getName)
          .anyMatch(method -> method.equals("get" + property) || method.equals("is" + property));
      String runner = runnerOptions == SparkPipelineOptions.class ? "SparkRunner" : "FlinkRunner";
      if (has && !namesRunner(args, runner.replace("Runner", "").toLowerCase(Locale.ROOT))) {
        return " (an option of the " + runner + ": give --runner=" + runner + ")";
      }
    }
    return "";
  }

  /** Whether {@code --runner} names a runner whose name holds {@code word}, in any case. */
  static boolean namesRunner(String[] args, String word) {
    return Arrays.stream(args).anyMatch(arg ->
        arg.startsWith("--runner=") && arg.toLowerCase(Locale.ROOT).contains(word));
  }
}
