package dev.pinpipe.pipelines.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.HostileLake;
import dev.pinpipe.schemas.RecordKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** batch on a lake of hostile lines and files: it succeeds, and no line stops it or vanishes. */
class HostileLakeTest {
  @TempDir Path tmp;

  @Test
  void everyLineEndsCleanDuplicateOrRejectedWithItsReason() throws Exception {
    HostileLake lake = HostileLake.writeTo(tmp.resolve("lake"));
    BatchPipeline.Options options = PipelineOptionsFactory.as(BatchPipeline.Options.class);
    BatchPipeline.tuneForOneMachine(options, false); // as the command line tunes the DirectRunner
    options.setLakeRoot(tmp.resolve("lake").toString());
    options.setTopicPrefix(HostileLake.PREFIX);
    options.setOutputDir(tmp.resolve("out").toString());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PipelineResult result = BatchPipeline.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());

    lake.assertBatchOutput(tmp.resolve("out"));
    Map<RecordKind, Long> counted = BatchPipeline.rejectedCounts(result);
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(lake.expected(kind).reasons.size(), (long) counted.get(kind), kind + " rejected counter");
    }
    String warnings = log.toString(StandardCharsets.UTF_8);
    assertTrue(warnings.contains("warning: " + HostileLake.UNREAD_PIN_FILES + " files under " + tmp.resolve("lake")
        + "/topics/h.pin are not read (only partition=*/*.json is), e.g. "), warnings);
    assertEquals(1, warnings.split("warning: ", -1).length - 1, warnings);
  }
}
