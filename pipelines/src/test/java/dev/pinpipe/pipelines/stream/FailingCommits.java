package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.DataFile;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.DeltaTable;
import dev.pinpipe.pipelines.delta.StandaloneDeltaTable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.hadoop.conf.Configuration;

/**
 * Real delta-standalone tables whose first appends fail: before committing (storage away) or
 * after (the commit saved, then an error, as delta-standalone's checkpoint can do).
 */
final class FailingCommits implements DeltaStorage.Opener {
  private static final Map<String, AtomicInteger> FAILURES_LEFT = new ConcurrentHashMap<>();

  private final String id;
  private final boolean afterCommit;

  private FailingCommits(String id, boolean afterCommit) {
    this.id = id;
    this.afterCommit = afterCommit;
  }

  /** The first {@code failures} appends, over all tables, fail. */
  static FailingCommits of(String id, int failures, boolean afterCommit) {
    FAILURES_LEFT.put(id, new AtomicInteger(failures));
    return new FailingCommits(id, afterCommit);
  }

  @Override
  public DeltaTable open(Configuration conf, String path) {
    DeltaTable real = StandaloneDeltaTable.at(conf, path);
    AtomicInteger left = FAILURES_LEFT.get(id);
    return new DeltaTable() {
      @Override
      public Optional<Schema> schema() throws IOException {
        return real.schema();
      }

      @Override
      public TableFiles filesAddedAfter(long version) throws IOException {
        return real.filesAddedAfter(version);
      }

      @Override
      public long transactionVersion(String appId) throws IOException {
        return real.transactionVersion(appId);
      }

      @Override
      public void append(Schema schema, List<DataFile> files, String appId, long transactionVersion)
          throws IOException {
        boolean fail = left.getAndDecrement() > 0;
        if (fail && !afterCommit) {
          throw new IOException("storage is away");
        }
        real.append(schema, files, appId, transactionVersion);
        if (fail) {
          throw new IOException("the commit was saved, then the checkpoint failed");
        }
      }

      @Override
      public long replace(Schema schema, List<DataFile> files, String part) throws IOException {
        return real.replace(schema, files, part);
      }

      @Override
      public long version() throws IOException {
        return real.version();
      }

      @Override
      public List<LiveFile> liveFiles() throws IOException {
        return real.liveFiles();
      }

      @Override
      public long rearrange(List<String> removed, List<DataFile> added, String part) throws IOException {
        return real.rearrange(removed, added, part);
      }

      @Override
      public Optional<java.util.Set<String>> filesReadableSince(java.time.Instant since) throws IOException {
        return real.filesReadableSince(since);
      }

      @Override
      public Optional<TableFiles> filesAt(long version) throws IOException {
        return real.filesAt(version);
      }

      @Override
      public Optional<java.time.Instant> lastCommit() throws IOException {
        return real.lastCommit();
      }

      @Override
      public boolean hasPart(String part) throws IOException {
        return real.hasPart(part);
      }

      @Override
      public String path() {
        return real.path();
      }
    };
  }
}
