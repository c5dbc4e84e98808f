package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.land.LakeSink;
import dev.pinpipe.pipelines.land.LakeSinkIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.SourcePosts;
import dev.pinpipe.pipelines.batch.BatchPipeline;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole batch path on the local stack: generated posts → seed-db (MariaDB) → emulate
 * --mode=replay → Kafka → land to s3:// → batch from s3:// gives exactly the results of batch
 * on the generated lake. The source tables hold each post once, so the generated lake to compare
 * with has no duplicates, orphans or malformed lines.
 */
@Timeout(600)
class IngestionEndToEndIT {
  @TempDir Path tmp;
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final int POSTS = 2_000;
  private static final long SEED = 5;

  private static BatchPipeline.Options batch(String lakeRoot, String prefix, Path outputDir) {
    BatchPipeline.Options options = LocalStack.onLocalS3(PipelineOptionsFactory.as(BatchPipeline.Options.class));
    BatchPipeline.tuneForOneMachine(options, false); // as the command line tunes the DirectRunner
    options.setLakeRoot(lakeRoot);
    options.setTopicPrefix(prefix);
    options.setOutputDir(outputDir.toString());
    return options;
  }

  @Test
  void batchOnTheLandedLakeEqualsBatchOnTheGeneratedOne() throws Exception {
    String prefix = LocalStack.unique("it-e2e");

    String generated = Files.createDirectory(tmp.resolve("generated")).toString();
    SourcePosts.generateCleanLake(generated, prefix, POSTS, SEED);
    SourcePosts.seedAndReplay(prefix, POSTS, SEED, true, false);

    String landed = "s3://" + LocalStack.newBucket() + "/raw";
    LakeSink.Options land = LakeSinkIT.landing(prefix, landed);
    land.setFlushSize(1_000);
    assertEquals(3L * POSTS, LakeSink.run(land).caughtUp.get().offsets);

    Path fromGenerated = tmp.resolve("from-generated");
    Path fromLanded = tmp.resolve("from-landed");
    assertEquals(PipelineResult.State.DONE,
        BatchPipeline.run(batch(generated, prefix, fromGenerated), QUIET).waitUntilFinish());
    assertEquals(PipelineResult.State.DONE,
        BatchPipeline.run(batch(landed, prefix, fromLanded), QUIET).waitUntilFinish());

    Map<String, List<String>> expected = LocalStack.batchOutputs(fromGenerated);
    assertEquals(15, expected.size());
    assertEquals(POSTS, expected.get("clean/pin").size());
    assertFalse(expected.get("popular_category_by_country").isEmpty());
    assertEquals(expected, LocalStack.batchOutputs(fromLanded));
  }
}
