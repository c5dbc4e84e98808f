package dev.pinpipe.pipelines.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.pipelines.io.LakeFileSystems;
import dev.pinpipe.schemas.RecordKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * {@value #FILE} in the output folder: when the last successful batch run started and ended, on
 * which runner, from which lake, and the lines it read and rejected per kind (what the dashboard
 * shows as the last run).
 */
public final class LastRun {
  public static final String FILE = "_last_run.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LastRun() {}

  static void write(String outputDir, Instant started, Instant ended, String runner, String lakeRoot,
      Map<RecordKind, Long> read, Map<RecordKind, Long> rejected) throws IOException {
    ObjectNode run = MAPPER.createObjectNode();
    run.put("started_at", started.toString());
    run.put("ended_at", ended.toString());
    run.put("seconds", Duration.between(started, ended).toMillis() / 1000.0);
    run.put("runner", runner);
    run.put("lake_root", lakeRoot);
    ObjectNode lines = run.putObject("lines_read");
    read.forEach((kind, count) -> lines.put(kind.label(), count));
    ObjectNode bad = run.putObject("rejected");
    rejected.forEach((kind, count) -> bad.put(kind.label(), count));
    String path = LakeFileSystems.trimSlash(outputDir) + "/" + FILE;
    try (OutputStream out = Channels.newOutputStream(
        FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.TEXT))) {
      out.write(MAPPER.writeValueAsBytes(run)); // one line, so the file is JSON lines like the rest
      out.write('\n');
    }
  }
}
