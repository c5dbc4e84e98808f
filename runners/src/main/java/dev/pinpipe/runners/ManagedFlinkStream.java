package dev.pinpipe.runners;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code stream} as an Amazon Managed Service for Apache Flink application: the main class of
 * {@code pinpipe-managed-flink.jar}. The service runs it in the application's JobManager with no
 * arguments and hands over the application's runtime properties in a file; the property group
 * {@value #GROUP} holds {@code stream}'s options, one property per option, named as on the command
 * line without the dashes ({@code source}, {@code deltaRoot}, ...). It submits the stream to the
 * cluster it runs in, on the FlinkRunner, and returns: the service follows and restarts the job.
 */
public final class ManagedFlinkStream {
  /** The property group of {@code stream}'s options. */
  public static final String GROUP = "StreamOptions";
  /** Options the service decides, never a property: the runner, and where the job runs. */
  private static final Set<String> DECIDED = Set.of("runner", "flinkMaster", "exitWhenCaughtUp");

  private ManagedFlinkStream() {}

  /** With no argument, the service's properties file; with one, that file (for a local cluster). */
  public static void main(String[] args) throws IOException {
    Map<String, Properties> groups = args.length == 0
        ? KinesisAnalyticsRuntime.getApplicationProperties()
        : KinesisAnalyticsRuntime.getApplicationProperties(args[0]);
    int code = PinPipe.run(commandLine(groups), System.out, System.err);
    if (code != PinPipe.OK) {
      // The JobManager's JVM is the service's: fail by throwing, never by exiting.
      throw new IllegalStateException("pinpipe stream ended with exit code " + code + " (see the error line above)");
    }
  }

  /** {@code stream --runner=FlinkRunner --<name>=<value>...} from the property group, in name order. */
  static String[] commandLine(Map<String, Properties> groups) {
    Properties options = groups.get(GROUP);
    if (options == null) {
      throw new IllegalArgumentException("the application has no property group " + GROUP
          + " (stream's options, one property per option); it has " + new TreeSet<>(groups.keySet()));
    }
    List<String> args = new ArrayList<>(List.of("stream", "--runner=FlinkRunner"));
    for (String name : new TreeSet<>(options.stringPropertyNames())) {
      if (DECIDED.contains(name)) {
        throw new IllegalArgumentException("property " + name + " of group " + GROUP
            + ": the service runs the stream on its own Flink cluster until stopped; leave it out");
      }
      args.add("--" + name + "=" + options.getProperty(name));
    }
    return args.toArray(new String[0]);
  }
}
