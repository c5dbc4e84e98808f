package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which runner's options a run registers, and the hint for a runner's option given without its runner. */
class RunnerOptionsTest {
  @Test
  void aRunnerIsNamedByItsOptionInAnyCaseOrByItsClass() {
    assertTrue(RunnerOptions.namesRunner(GivenOptions.of(new String[] {"--runner=SparkRunner"}), "SparkRunner"));
    assertTrue(RunnerOptions.namesRunner(GivenOptions.of(new String[] {"--runner=org.apache.beam.runners.flink.FlinkRunner"}), "FlinkRunner"));
    assertTrue(RunnerOptions.namesRunner(GivenOptions.of(new String[] {"--lakeRoot=/l", "--runner=sparkrunner"}), "SparkRunner"));
    assertFalse(RunnerOptions.namesRunner(GivenOptions.of(new String[] {"--runner=DirectRunner"}), "SparkRunner"));
    assertFalse(RunnerOptions.namesRunner(GivenOptions.of(new String[] {"--lakeRoot=/spark"}), "SparkRunner"), "only --runner names one");
  }

  @Test
  void aRunnersOptionWithoutItsRunnerSaysWhichRunnerItNeeds() {
    String[] none = {};
    assertEquals(" (an option of the SparkRunner: give --runner=SparkRunner)", RunnerOptions.hint("--sparkMaster=local[2]", GivenOptions.of(none)));
    assertEquals(" (an option of the FlinkRunner: give --runner=FlinkRunner)", RunnerOptions.hint("--parallelism=2", GivenOptions.of(none)));
    assertEquals("", RunnerOptions.hint("--lakeRoot=/tmp/lake", GivenOptions.of(none)));
    assertEquals("", RunnerOptions.hint("--nosuchoption=1", GivenOptions.of(none)));
    assertEquals("", RunnerOptions.hint("--sparkMaster=local[x", GivenOptions.of("--runner=SparkRunner")),
        "with its runner named, a bad value is not for want of the runner");
  }
}
