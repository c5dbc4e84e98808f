package dev.pinpipe.runners;

import dev.pinpipe.pipelines.land.LakeSink;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The Flink and Spark runners' options, registered for the runs that may use them. Beam reads and
 * checks every registered option interface when a command starts, and those two took 0.6 s of
 * every start ({@code batch --help}: 1.5 s with them, 0.9 s without). So the bundled jar leaves
 * their registrars out (runners/pom.xml), and a run registers them when it names the runner or
 * when the runner is its default ({@code land} and {@code stream} run on Flink). They are looked up by name: the
 * cluster jar holds no Flink.
 */
final class RunnerOptions {
  private RunnerOptions() {}

  /** Each runner's options interface, by the runner's name. */
  private static final Map<String, String> OPTIONS = Map.of(
      Runners.SPARK, "org.apache.beam.runners.spark.SparkPipelineOptions",
      Runners.FLINK, "org.apache.beam.runners.flink.FlinkPipelineOptions");

  /** Registers the options of the runners a run of {@code type} with {@code args} may use. */
  static void registerFor(Class<? extends PipelineOptions> type, GivenOptions given) {
    if (namesRunner(given, Runners.SPARK)) {
      options(Runners.SPARK).ifPresent(PipelineOptionsFactory::register);
    }
    if (namesRunner(given, Runners.FLINK) || LakeSink.Options.class.isAssignableFrom(type)
        || (StreamPipeline.Options.class.isAssignableFrom(type) && !given.gives("runner"))) {
      options(Runners.FLINK).ifPresent(PipelineOptionsFactory::register);
    }
  }

  /**
   * For an option this run could not read, which runner it belongs to, when it is one of Spark's
   * or Flink's and {@code args} do not name that runner: " (an option of the SparkRunner: give
   * --runner=SparkRunner)"; else "".
   */
  static String hint(String arg, GivenOptions given) {
    String name = arg.replaceFirst("^--", "").replaceFirst("=.*$", "");
    String property = name.isEmpty() ? "" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String runner : new String[] {Runners.SPARK, Runners.FLINK}) {
      boolean has = options(runner).stream().flatMap(type -> Arrays.stream(type.getMethods()))
          .map(Method::getName)
          .anyMatch(method -> method.equals("get" + property) || method.equals("is" + property));
      if (has && !namesRunner(given, runner)) {
        return " (an option of the " + runner + ": give --runner=" + runner + ")";
      }
    }
    return "";
  }

  /** Whether {@code --runner} names {@code runner} ({@code SparkRunner}), in any case or by class name. */
  static boolean namesRunner(GivenOptions given, String runner) {
    String word = runner.replace("Runner", "").toLowerCase(Locale.ROOT);
    return given.value("runner").filter(name -> name.toLowerCase(Locale.ROOT).contains(word)).isPresent();
  }

  /** Whether this jar holds {@code runner} (the cluster jar holds no Flink). */
  static boolean holds(String runner) {
    return options(runner).isPresent();
  }

  /** The runner's options interface, when this jar holds the runner. */
  @SuppressWarnings("unchecked")
  private static Optional<Class<? extends PipelineOptions>> options(String runner) {
    try {
      return Optional.of((Class<? extends PipelineOptions>)
          Class.forName(OPTIONS.get(runner), false, RunnerOptions.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError absent) {
      return Optional.empty();
    }
  }
}
