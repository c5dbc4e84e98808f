package dev.pinpipe.pipelines.lake;

import dev.pinpipe.pipelines.io.OffsetCommitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;

/**
 * Buffers each topic partition's records (the key) and writes them as one lake file when
 * {@code flushSize} records are waiting or {@code rotateInterval} has passed since the first of
 * them arrived (or when the input ends). The file is named after its first offset; only once it
 * is durable is the next offset committed.
 *
 * <p>That order is what makes a crash harmless. At any moment at most one file of a partition
 * lies beyond its committed offset, and that file starts exactly there. A restart reads again from
 * the committed offset, so its first file has the same name and replaces the old one: no record
 * is lost and none lands twice.
 */
final class WriteLakeFiles extends DoFn<KV<String, LakeRecord>, LandedFile> {
  static final String METRICS_NAMESPACE = "pinpipe";
  private final String lakeRoot;
  private final int flushSize;
  private final Duration rotateInterval;
  private final OffsetCommitter committer;

  /** Counters, in namespace {@value #METRICS_NAMESPACE}, of records and files written to the lake. */
  static final String RECORDS = "land_records";
  static final String FILES = "land_files";

  private final Counter records = Metrics.counter(METRICS_NAMESPACE, RECORDS);
  private final Counter files = Metrics.counter(METRICS_NAMESPACE, FILES);
  private final Counter redelivered = Metrics.counter(METRICS_NAMESPACE, "land_redelivered");

  @StateId("buffer")
  private final StateSpec<BagState<LakeRecord>> bufferSpec = StateSpecs.bag();

  @StateId("buffered")
  private final StateSpec<ValueState<Integer>> bufferedSpec = StateSpecs.value();

  @StateId("nextOffset")
  private final StateSpec<ValueState<Long>> nextOffsetSpec = StateSpecs.value();

  @TimerId("rotate")
  private final TimerSpec rotateSpec = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

  // A bounded input (or a drain) ends before any rotate timer fires; this writes what is left.
  // A timer rather than @OnWindowExpiration, which Spark's streaming runner rejects.
  @TimerId("endOfInput")
  private final TimerSpec endOfInputSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  WriteLakeFiles(String lakeRoot, int flushSize, Duration rotateInterval, OffsetCommitter committer) {
    this.lakeRoot = lakeRoot;
    this.flushSize = flushSize;
    this.rotateInterval = rotateInterval;
    this.committer = committer;
  }

  @ProcessElement
  public void process(
      @Element KV<String, LakeRecord> element,
      @StateId("buffer") BagState<LakeRecord> buffer,
      @StateId("buffered") ValueState<Integer> buffered,
      @StateId("nextOffset") ValueState<Long> nextOffset,
      @TimerId("rotate") Timer rotate,
      @TimerId("endOfInput") Timer endOfInput,
      BoundedWindow window,
      OutputReceiver<LandedFile> out)
      throws IOException {
    LakeRecord record = element.getValue();
    Long landedUpTo = nextOffset.read();
    if (landedUpTo != null && record.offset < landedUpTo) {
      // A partition is read in offset order, so this record is already in a durable file.
      redelivered.inc();
      return;
    }
    buffer.add(record);
    Integer before = buffered.read();
    int waiting = before == null ? 1 : before + 1;
    if (waiting == 1) {
      rotate.offset(rotateInterval).setRelative();
      endOfInput.set(window.maxTimestamp());
    }
    if (waiting >= flushSize) {
      flush(buffer, buffered, nextOffset, out);
    } else {
      buffered.write(waiting);
    }
  }

  @OnTimer("rotate")
  public void onRotate(
      @StateId("buffer") BagState<LakeRecord> buffer,
      @StateId("buffered") ValueState<Integer> buffered,
      @StateId("nextOffset") ValueState<Long> nextOffset,
      OutputReceiver<LandedFile> out)
      throws IOException {
    flush(buffer, buffered, nextOffset, out);
  }

  @OnTimer("endOfInput")
  public void onEndOfInput(
      @StateId("buffer") BagState<LakeRecord> buffer,
      @StateId("buffered") ValueState<Integer> buffered,
      @StateId("nextOffset") ValueState<Long> nextOffset,
      OutputReceiver<LandedFile> out)
      throws IOException {
    flush(buffer, buffered, nextOffset, out);
  }

  private void flush(
      BagState<LakeRecord> buffer,
      ValueState<Integer> buffered,
      ValueState<Long> nextOffset,
      OutputReceiver<LandedFile> out)
      throws IOException {
    List<LakeRecord> waiting = new ArrayList<>();
    buffer.read().forEach(waiting::add);
    if (waiting.isEmpty()) {
      return;
    }
    waiting.sort(Comparator.comparingLong(record -> record.offset));
    LakeRecord first = waiting.get(0);
    LakeRecord last = waiting.get(waiting.size() - 1);
    StringBuilder contents = new StringBuilder();
    for (LakeRecord record : waiting) {
      contents.append(record.line).append('\n');
    }
    String path = LakeLayout.file(lakeRoot, first.topic, first.partition, first.offset);
    LakeFiles.write(path, contents.toString().getBytes(StandardCharsets.UTF_8));
    committer.commit(first.topic, first.partition, last.offset + 1);
    nextOffset.write(last.offset + 1);
    buffer.clear();
    buffered.clear();
    records.inc(waiting.size());
    files.inc();
    out.output(new LandedFile(path, first.topic, first.partition, first.offset, waiting.size()));
  }

  @Teardown
  public void closeCommitter() {
    committer.close();
  }
}
