package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The command line's DirectRunner settings apply to the DirectRunner alone, and never over an option given. */
class DirectRunnerDefaultsTest {
  private static DirectOptions landed(String... args) {
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args).create();
    DirectRunnerDefaults.landParallelismUnlessAsked(options, GivenOptions.of(args));
    DirectRunnerDefaults.checksOffUnlessAsked(options, GivenOptions.of(args));
    return options.as(DirectOptions.class);
  }

  @Test
  void landRunsMoreBundlesAtOnceUnlessTold() {
    assertEquals(DirectRunnerDefaults.LAND_PARALLELISM, landed().getTargetParallelism());
    assertEquals(4, landed("--targetParallelism=4").getTargetParallelism());
    int runnersOwn = PipelineOptionsFactory.create().as(DirectOptions.class).getTargetParallelism();
    assertEquals(runnersOwn, landed("--runner=SparkRunner").getTargetParallelism());
  }

  @Test
  void checksAreOffUnlessAskedFor() {
    assertFalse(landed().isEnforceImmutability());
    assertEquals(true, landed("--enforceImmutability=true").isEnforceImmutability());
  }
}
