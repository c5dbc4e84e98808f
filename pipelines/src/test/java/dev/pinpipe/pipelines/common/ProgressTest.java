package dev.pinpipe.pipelines.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Progress lines from a real pipeline's counters: while it runs, when they change, never for a short run. */
@Timeout(120)
class ProgressTest {
  private static final Duration SECOND = Duration.standardSeconds(1);

  @Test
  void aRunLongerThanTheIntervalPrintsItsCountsAndRateWhileItRuns() throws Exception {
    // 10 elements a second for about four seconds. (With an end, a rate-limited sequence is a
    // bounded read, which the DirectRunner emits all at once at the end.)
    PipelineResult result = start(GenerateSequence.from(0).withRate(10, Duration.standardSeconds(1)));
    List<String> lines = new ArrayList<>();
    try {
      Progress.End end = Progress.follow(result, SECOND, () -> counted(result) + " counted",
          () -> counted(result), "things", lines::add, () -> counted(result) >= 40);
      assertEquals(Progress.End.STOPPED, end);
    } finally {
      result.cancel();
    }
    assertTrue(lines.size() >= 2, lines.toString());
    for (String line : lines) {
      assertTrue(line.matches("\\d+ counted; \\d+ things/s"), line);
    }
    assertEquals(lines.size(), new HashSet<>(lines).size(), "a line repeated: " + lines);
  }

  @Test
  void aRunShorterThanTheIntervalPrintsNothing() {
    PipelineResult result = start(Create.of(1L, 2L, 3L));
    List<String> lines = new ArrayList<>();
    assertEquals(Progress.End.DONE, Progress.follow(result, Duration.standardSeconds(30),
        () -> counted(result) + " counted", () -> counted(result), "things", lines::add, () -> false));
    assertEquals(List.of(), lines);
  }

  @Test
  void followingStopsWhenTheConditionHoldsWithThePipelineStillRunning() throws Exception {
    PipelineResult result = start(GenerateSequence.from(0).withRate(20, Duration.standardSeconds(1)));
    try {
      Progress.End end = Progress.follow(result, Duration.standardSeconds(30), () -> "", null, null,
          line -> {}, () -> counted(result) >= 10);
      assertEquals(Progress.End.STOPPED, end);
      assertEquals(PipelineResult.State.RUNNING, result.getState());
    } finally {
      result.cancel();
    }
  }

  private static PipelineResult start(PTransform<PBegin, PCollection<Long>> source) {
    DirectOptions options = PipelineOptionsFactory.as(DirectOptions.class);
    options.setBlockOnRun(false);
    Pipeline pipeline = Pipeline.create(options);
    pipeline.apply("Source", source).apply("Count", ParDo.of(new CountFn()));
    return pipeline.run();
  }

  private static long counted(PipelineResult result) {
    return PipelineCounters.attempted(result, "progress-test", "counted");
  }

  private static final class CountFn extends DoFn<Long, Long> {
    private final Counter counted = Metrics.counter("progress-test", "counted");

    @ProcessElement
    public void process(@Element Long element, OutputReceiver<Long> out) {
      counted.inc();
      out.output(element);
    }
  }
}
