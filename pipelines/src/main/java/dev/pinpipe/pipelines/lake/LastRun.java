package dev.pinpipe.pipelines.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.schemas.RecordKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@value #FILE}: when a successful batch run started and ended, on which runner, from which lake,
 * the lines it read and rejected per kind, and the folder of its output ({@code run}). In the run's
 * folder it records the run; in the output folder it is the pointer readers follow to the last
 * published run (see {@link OutputLayout}), and what the dashboard shows as the last run.
 */
public final class LastRun {
  public static final String FILE = "_last_run.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LastRun() {}

  public static ObjectNode of(String runId, Instant started, Instant ended, String runner, String lakeRoot,
      Map<RecordKind, Long> read, Map<RecordKind, Long> rejected) {
    ObjectNode run = MAPPER.createObjectNode();
    run.put("run", OutputLayout.RUNS + "/" + runId);
    run.put("started_at", started.toString());
    run.put("ended_at", ended.toString());
    run.put("seconds", Duration.between(started, ended).toMillis() / 1000.0);
    run.put("runner", runner);
    run.put("lake_root", lakeRoot);
    ObjectNode lines = run.putObject("lines_read");
    read.forEach((kind, count) -> lines.put(kind.label(), count));
    ObjectNode bad = run.putObject("rejected");
    rejected.forEach((kind, count) -> bad.put(kind.label(), count));
    return run;
  }
}
