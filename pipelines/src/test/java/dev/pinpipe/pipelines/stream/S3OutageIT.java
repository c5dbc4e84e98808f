package dev.pinpipe.pipelines.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.DeltaReadBack;
import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.LoopbackProxy;
import dev.pinpipe.pipelines.SourcePosts;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.schemas.RecordKind;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.security.UserGroupInformation;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The S3 server holding the Delta tables goes away for 20 s while {@code stream} has records to
 * commit (a proxy in front of the local S3 server is cut): the writer retries, goes on when S3 is
 * back, and every record ends up in its table exactly once. The test reads the tables straight
 * from the S3 server as another Hadoop user: Hadoop caches one s3a client per bucket and user, so
 * the same user would be handed the stream's proxied client.
 */
@Timeout(600)
class S3OutageIT {
  private static final int POSTS = 300;
  private static final long SEED = 13;

  @Test
  void aTwentySecondS3OutageDelaysCommitsAndLosesOrDoublesNothing() throws Exception {
    String prefix = LocalStack.unique("it-outage").replace('-', '_');
    String root = "s3://" + LocalStack.newBucket() + "/delta";
    DeltaStorage direct = DeltaStorage.of(StreamPipelineIT.streamOptions(prefix, "kafka", root));
    SourcePosts.seedAndReplay(prefix, POSTS, SEED, true, false);
    try (LoopbackProxy proxy = LoopbackProxy.to(LocalStack.awsEndpoint())) {
      StreamPipeline.Options options = StreamPipelineIT.streamOptions(prefix, "kafka", root);
      options.setEndpoint(proxy.endpoint("http"));
      options.setCommitSeconds(1);
      PipelineResult result = StreamPipeline.run(options).result;
      try {
        awaitRows(result, direct, prefix, POSTS);
        proxy.cut();
        // Twice the posts, half of them new, arrive while S3 is away.
        SourcePosts.seedAndReplay(prefix, 2 * POSTS, SEED, true, false);
        Thread.sleep(20_000);
        assertNull(terminal(result), "stream stopped while S3 was away: " + StreamPipeline.counters(result));
        assertEquals(List.of(POSTS, POSTS, POSTS), rowCounts(direct, prefix), "nothing committed while S3 was away");
        proxy.restore();
        awaitRows(result, direct, prefix, 2 * POSTS);
        String progress = StreamPipeline.counters(result);
        assertFalse(progress.endsWith(" 0 commit retries"), "the outage was not met: " + progress);
      } finally {
        result.cancel();
      }
    }
    for (RecordKind kind : RecordKind.values()) {
      List<Row> rows = asReader(() -> DeltaTestTables.rows(direct, Names.cleanTable(prefix, kind), kind.cleanSchema()));
      assertEquals(2 * POSTS, rows.size(), kind + " rows");
      assertEquals(2 * POSTS, rows.stream().map(row -> row.getInt64("ind")).distinct().count(), kind + " distinct inds");
      assertEquals(DeltaReadBack.asMaps(rows), DeltaReadBack.byDeltalake(direct.tablePath(Names.cleanTable(prefix, kind))),
          kind + " table read by deltalake");
    }
    assertFalse(asReader(() -> direct.table(Names.rejectedTable(prefix)).schema().isPresent()), "no line was rejected");
  }

  /** Runs {@code read} as a Hadoop user of its own, so with an s3a client of its own. */
  private static <T> T asReader(PrivilegedExceptionAction<T> read) throws Exception {
    return UserGroupInformation.createRemoteUser("s3-outage-reader").doAs(read);
  }

  private static List<Integer> rowCounts(DeltaStorage storage, String prefix) throws Exception {
    return asReader(() -> StreamPipelineIT.cleanRowCounts(storage, prefix));
  }

  private static PipelineResult.State terminal(PipelineResult result) {
    PipelineResult.State state = result.waitUntilFinish(Duration.millis(1));
    return state != null && state.isTerminal() ? state : null;
  }

  private static void awaitRows(PipelineResult result, DeltaStorage storage, String prefix, int rows) throws Exception {
    long deadline = System.currentTimeMillis() + 240_000;
    while (!rowCounts(storage, prefix).stream().allMatch(count -> count >= rows)) {
      assertNull(terminal(result), "stream ended: " + StreamPipeline.counters(result));
      assertTrue(System.currentTimeMillis() < deadline, "tables short of " + rows + " rows: " + StreamPipeline.counters(result));
      Thread.sleep(1_000);
    }
  }
}
