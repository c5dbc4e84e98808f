package dev.pinpipe.pipelines.stream;

import dev.pinpipe.pipelines.delta.TableCheck;
import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.stream.sources.StreamSource;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.OneLine;
import dev.pinpipe.pipelines.common.Required;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code stream}'s fail-fast checks: each failure is one line naming the option, before anything is read or written. */
final class StreamChecks {
  private StreamChecks() {}

  static void require(StreamPipeline.Options options) {
    String root = Required.option(options.getDeltaRoot(), "--deltaRoot",
        "the folder or s3://bucket/prefix of the Delta tables");
    LakeFileSystems.requirePlainPath("--deltaRoot", root);
    String prefix = options.getTopicPrefix();
    Names.requireTopicPrefix(prefix);
    atLeast("--commitSeconds", options.getCommitSeconds(), 1);
    atLeast("--dedupeHorizonMinutes", options.getDedupeHorizonMinutes(), 0);
    requireResultWindows(options);
    StreamSource source = StreamSource.of(options);
    requireTables(DeltaStorage.of(options), root, prefix);
    source.check();
  }

  private static void requireResultWindows(StreamPipeline.Options options) {
    atLeast("--windowSeconds", options.getWindowSeconds(), 1);
    Integer slide = options.getWindowSlideSeconds();
    if (slide != null && (slide < 1 || slide > options.getWindowSeconds())) {
      throw new IllegalArgumentException("--windowSlideSeconds=" + slide + ": must be from 1 to --windowSeconds ("
          + options.getWindowSeconds() + ")");
    }
    atLeast("--allowedLatenessSeconds", options.getAllowedLatenessSeconds(), 0);
    atLeast("--joinWaitSeconds", options.getJoinWaitSeconds(), 0);
    atLeast("--joinKeyBuckets", options.getJoinKeyBuckets(), 0);
  }

  private static void atLeast(String option, int value, int least) {
    if (value < least) {
      throw new IllegalArgumentException(option + "=" + value + ": must be at least " + least);
    }
  }

  /** The root can be written, and every table that exists has the columns the stream writes. */
  private static void requireTables(DeltaStorage storage, String root, String prefix) {
    storage.requireWritable();
    try {
      List<TableSpec> tables = new ArrayList<>(StreamPipeline.tables(prefix));
      tables.addAll(StreamPipeline.resultTables(prefix));
      for (TableSpec table : tables) {
        TableCheck.requireSchema(storage.table(table.name), table);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--deltaRoot=" + root + ": " + OneLine.of(e.getMessage()), e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("--deltaRoot=" + root + ": cannot write there: "
          + OneLine.of(OneLine.rootCause(e).getMessage()), e);
    }
  }
}
