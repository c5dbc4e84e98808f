package dev.pinpipe.pipelines.land;

import dev.pinpipe.pipelines.lake.LakeFiles;
import dev.pinpipe.pipelines.lake.LakeLayout;
import dev.pinpipe.pipelines.kafka.ContiguousRun;
import dev.pinpipe.pipelines.kafka.OffsetCommitter;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * Buffers each topic partition's records (the key; they arrive in batches) and writes them as lake
 * files of {@code flushSize} records when that many are waiting, and of what is left when
 * {@code rotateInterval} has passed since the first of them arrived (or when the input ends). A
 * file is named after its first offset; only once it is durable is the offset after it committed.
 *
 * <p>That order is what makes a crash harmless. At any moment at most one file of a partition
 * lies beyond its committed offset, and that file starts exactly there. A restart reads again from
 * the committed offset, so its first file has the same name and replaces the old one: no record
 * is lost and none lands twice.
 *
 * <p>For that, a file only ever holds the run of offsets that starts at the committed one. Records
 * of a partition may reach this step out of order (the runner does not promise otherwise), so a
 * record behind a hole waits until the hole fills. A hole still there at a rotate is looked up on
 * the broker, and offsets that hold no record (transaction markers, compacted or expired records)
 * are stepped over: the rule {@code stream} follows too ({@link ContiguousRun}).
 */
final class WriteLakeFiles extends DoFn<KV<String, PartitionBatch>, LandedFile> {
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
  private final StateSpec<BagState<PartitionBatch>> bufferSpec = StateSpecs.bag(PartitionBatch.coder());

  @StateId("buffered")
  private final StateSpec<ValueState<Integer>> bufferedSpec = StateSpecs.value();

  /** The partition's committed offset: where its next file starts. */
  @StateId("nextOffset")
  private final StateSpec<ValueState<Long>> nextOffsetSpec = StateSpecs.value();

  /** Whether records wait behind a hole: then only the record at the committed offset tries a flush. */
  @StateId("behindHole")
  private final StateSpec<ValueState<Boolean>> behindHoleSpec = StateSpecs.value();

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

  /** When a flush meets a hole: wait for it, ask the broker what is there, or (input over) write past it. */
  private enum Holes { WAIT, LOOK_UP, WRITE_PAST }

  private ContiguousRun.AtHole atHole(Holes holes, String topic, int partition) {
    return switch (holes) {
      case WAIT -> ContiguousRun.AtHole.WAIT;
      case LOOK_UP -> ContiguousRun.AtHole.lookUp(committer, topic, partition);
      case WRITE_PAST -> ContiguousRun.AtHole.STEP_OVER;
    };
  }

  @ProcessElement
  public void process(
      @Element KV<String, PartitionBatch> element,
      @StateId("buffer") BagState<PartitionBatch> buffer,
      @StateId("buffered") ValueState<Integer> buffered,
      @StateId("nextOffset") ValueState<Long> nextOffset,
      @StateId("behindHole") ValueState<Boolean> behindHole,
      @TimerId("rotate") Timer rotate,
      @TimerId("endOfInput") Timer endOfInput,
      BoundedWindow window,
      OutputReceiver<LandedFile> out)
      throws IOException {
    PartitionBatch batch = element.getValue();
    Long committed = nextOffset.read();
    List<LakeRecord> fresh = batch.records;
    boolean holeFilled = false;
    if (committed != null) {
      // Offsets are committed only behind a run without holes, so a record before it is in a durable file.
      fresh = new ArrayList<>(batch.records.size());
      for (LakeRecord record : batch.records) {
        if (record.offset >= committed) {
          fresh.add(record);
          holeFilled |= record.offset == committed;
        }
      }
      redelivered.inc(batch.records.size() - fresh.size());
      if (fresh.isEmpty()) {
        return;
      }
    }
    buffer.add(fresh == batch.records ? batch : new PartitionBatch(batch.topic, batch.partition, fresh));
    Integer before = buffered.read();
    int waiting = (before == null ? 0 : before) + fresh.size();
    buffered.write(waiting);
    if (before == null || before == 0) {
      rotate.offset(rotateInterval).setRelative();
      endOfInput.set(window.maxTimestamp());
    }
    if (waiting >= flushSize && (holeFilled || !Boolean.TRUE.equals(behindHole.read()))) {
      flush(Holes.WAIT, buffer, buffered, nextOffset, behindHole, rotate, out);
    }
  }

  @OnTimer("rotate")
  public void onRotate(
      @StateId("buffer") BagState<PartitionBatch> buffer,
      @StateId("buffered") ValueState<Integer> buffered,
      @StateId("nextOffset") ValueState<Long> nextOffset,
      @StateId("behindHole") ValueState<Boolean> behindHole,
      @TimerId("rotate") Timer rotate,
      OutputReceiver<LandedFile> out)
      throws IOException {
    flush(Holes.LOOK_UP, buffer, buffered, nextOffset, behindHole, rotate, out);
  }

  @OnTimer("endOfInput")
  public void onEndOfInput(
      @StateId("buffer") BagState<PartitionBatch> buffer,
      @StateId("buffered") ValueState<Integer> buffered,
      @StateId("nextOffset") ValueState<Long> nextOffset,
      @StateId("behindHole") ValueState<Boolean> behindHole,
      @TimerId("rotate") Timer rotate,
      OutputReceiver<LandedFile> out)
      throws IOException {
    flush(Holes.WRITE_PAST, buffer, buffered, nextOffset, behindHole, rotate, out);
  }

  private void flush(
      Holes holes,
      BagState<PartitionBatch> buffer,
      ValueState<Integer> buffered,
      ValueState<Long> nextOffset,
      ValueState<Boolean> behindHole,
      Timer rotate,
      OutputReceiver<LandedFile> out)
      throws IOException {
    List<LakeRecord> waiting = new ArrayList<>();
    buffer.read().forEach(batch -> waiting.addAll(batch.records));
    if (waiting.isEmpty()) {
      return;
    }
    waiting.sort(Comparator.comparingLong(record -> record.offset));
    String topic = waiting.get(0).topic;
    int partition = waiting.get(0).partition;
    Long stored = nextOffset.read();
    long at = stored != null ? stored : committer.start(topic, partition);
    List<LakeRecord> fresh = new ArrayList<>();
    for (LakeRecord record : waiting) {
      boolean repeated = !fresh.isEmpty() && fresh.get(fresh.size() - 1).offset == record.offset;
      if (record.offset < at || repeated) {
        redelivered.inc();
      } else {
        fresh.add(record);
      }
    }
    List<Long> offsets = new ArrayList<>(fresh.size());
    fresh.forEach(record -> offsets.add(record.offset));
    ContiguousRun.Run contiguous = ContiguousRun.from(at, offsets, atHole(holes, topic, partition));
    int run = contiguous.taken;
    at = contiguous.next;
    // A count flush writes whole files only, as Kafka Connect does (a batch may take the count
    // past flushSize); the records after them wait for more or for the rotate.
    int written = holes == Holes.WAIT ? run - run % flushSize : run;
    for (int from = 0; from < written; from += flushSize) {
      write(fresh.subList(from, Math.min(written, from + flushSize)), out);
    }
    nextOffset.write(written == run ? at : fresh.get(written).offset);
    List<LakeRecord> left = new ArrayList<>(fresh.subList(written, fresh.size()));
    buffer.clear();
    if (!left.isEmpty()) {
      buffer.add(new PartitionBatch(topic, partition, left));
      rotate.offset(rotateInterval).setRelative();
    }
    buffered.write(left.size());
    behindHole.write(run < fresh.size());
  }

  private void write(List<LakeRecord> file, OutputReceiver<LandedFile> out) throws IOException {
    LakeRecord first = file.get(0);
    LakeRecord last = file.get(file.size() - 1);
    int size = 0;
    for (LakeRecord record : file) {
      size += record.line.length + 1;
    }
    ByteBuffer contents = ByteBuffer.allocate(size);
    for (LakeRecord record : file) {
      contents.put(record.line).put((byte) '\n');
    }
    String path = LakeLayout.file(lakeRoot, first.topic, first.partition, first.offset);
    LakeFiles.write(path, contents.array());
    committer.commit(first.topic, first.partition, last.offset + 1);
    records.inc(file.size());
    files.inc();
    out.output(new LandedFile(path, first.topic, first.partition, first.offset, file.size()));
  }

  @Teardown
  public void closeCommitter() {
    committer.close();
  }
}
