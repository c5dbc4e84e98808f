package dev.pinpipe.transforms.join;

import dev.pinpipe.transforms.CleanTables;
import dev.pinpipe.transforms.results.ComputeAnalytics;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.aggregate.KeyBuckets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Joins a stream's clean tables on {@code ind} as their records arrive, into the windows of
 * arrival time that {@link ComputeAnalytics} then computes per window: {@link DeduplicateAndJoinPosts} for
 * unbounded input, where a post's three records may arrive in different windows, or out of order.
 *
 * <ul>
 *   <li>A post's records wait for each other, in state per {@code ind}, for {@code joinWait}
 *       of event time after its first record; a joined row is stamped with the later arrival of
 *       its two records, so a post split across windows counts in the window its last record
 *       arrived in. The first record of each kind per {@code ind} counts; a duplicate within the
 *       wait is dropped. A post still incomplete after the wait is counted, and forgotten.
 *   <li>Each window waits {@code allowedLateness} past its end for late records: the step holds the
 *       watermark of its output back until then, so every later step fires once per window, with
 *       the whole window (a late pane through several grouping steps would count rows twice).
 *   <li>A joined row that still comes after its window closed is counted as late and left out of
 *       the results ({@link DropLateRows}); the clean tables keep its records all the same.
 * </ul>
 *
 * <p>Input: the clean tables in the global window, stamped with arrival time. Output: the joined
 * posts in sliding windows of {@code size} every {@code slide} (tumbling when equal).
 */
public final class JoinArrivingPosts extends PTransform<CleanTables, JoinedPosts> {
  /** Posts that never got all three records within the wait. */
  public static final String INCOMPLETE_POSTS = "stream_incomplete_posts";
  /** Records dropped from the results as a second record of one kind for one {@code ind}. */
  public static final String DUPLICATE_RECORDS = "stream_duplicate_records_in_results";

  private static final int PIN = 0;
  private static final int GEO = 1;
  private static final int USER = 2;
  private static final int WINDOW_MARK = 3;

  /**
   * Waiting posts are keyed by a bucket of {@code ind} by default, with one timer per bucket for
   * the next post to forget: the DirectRunner walks every key with a pending timer for every
   * bundle, and with a timer per post that walk took 40% of a catching-up stream's CPU.
   */
  public static final int BUCKETS = 64;

  private final Duration size;
  private final Duration slide;
  private final Duration allowedLateness;
  private final Duration joinWait;
  private final int buckets;

  private JoinArrivingPosts(Duration size, Duration slide, Duration allowedLateness, Duration joinWait, int buckets) {
    this.size = size;
    this.slide = slide;
    this.allowedLateness = allowedLateness;
    this.joinWait = joinWait;
    this.buckets = buckets;
  }

  /** Windows of {@code size} starting every {@code slide}; no lateness; records wait one window for each other. */
  public static JoinArrivingPosts inWindows(Duration size, Duration slide) {
    if (!size.isLongerThan(Duration.ZERO) || !slide.isLongerThan(Duration.ZERO) || slide.isLongerThan(size)) {
      throw new IllegalArgumentException("windows need 0 < slide <= size, not size " + size + " slide " + slide);
    }
    return new JoinArrivingPosts(size, slide, Duration.ZERO, size, BUCKETS);
  }

  /** The same, each window waiting {@code lateness} past its end for late records. */
  public JoinArrivingPosts withAllowedLateness(Duration lateness) {
    return new JoinArrivingPosts(size, slide, requireNotNegative(lateness), joinWait, buckets);
  }

  /** The same, a post's records waiting {@code wait} for each other. */
  public JoinArrivingPosts withJoinWait(Duration wait) {
    return new JoinArrivingPosts(size, slide, allowedLateness, requireNotNegative(wait), buckets);
  }

  /**
   * The same, waiting posts keyed by one of {@code buckets} buckets of {@code ind}, or by {@code
   * ind} itself with {@link KeyBuckets#PER_KEY}. A tuning per runner that never changes results:
   * a bucket's timer looks at every post waiting in it, which suits a runner that walks every key
   * with a timer (the DirectRunner); a runner that keeps timers in a queue per key (Flink) does
   * best with one key per post.
   */
  public JoinArrivingPosts inBuckets(int buckets) {
    if (buckets != KeyBuckets.PER_KEY) {
      KeyBuckets.check(buckets);
    }
    return new JoinArrivingPosts(size, slide, allowedLateness, joinWait, buckets);
  }

  private static Duration requireNotNegative(Duration duration) {
    if (duration.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("a wait cannot be negative: " + duration);
    }
    return duration;
  }

  /** The windows this join puts its output in. */
  public SlidingWindows windows() {
    return SlidingWindows.of(size).every(slide);
  }

  @Override
  public JoinedPosts expand(CleanTables tables) {
    List<Schema> schemas = List.of(tables.pins().getSchema(), tables.geos().getSchema(), tables.users().getSchema());
    Coder<RawUnionValue> union = UnionCoder.of(List.of(
        RowCoder.of(schemas.get(PIN)), RowCoder.of(schemas.get(GEO)), RowCoder.of(schemas.get(USER)),
        VarLongCoder.of()));
    KvCoder<String, RawUnionValue> coder = KvCoder.of(StringUtf8Coder.of(), union);
    MarkSlideFn marks = new MarkSlideFn(slide.getMillis());
    // Besides each record, a mark for the slide of time it arrived in: that slide's key holds the watermark.
    PCollection<KV<String, RawUnionValue>> keyed = PCollectionList
        .of(byInd("PinsByInd", tables.pins(), PIN, coder, buckets))
        .and(byInd("GeosByInd", tables.geos(), GEO, coder, buckets))
        .and(byInd("UsersByInd", tables.users(), USER, coder, buckets))
        .and(tables.pins().apply("MarkPinSlides", ParDo.of(marks)).setCoder(coder))
        .and(tables.geos().apply("MarkGeoSlides", ParDo.of(marks)).setCoder(coder))
        .and(tables.users().apply("MarkUserSlides", ParDo.of(marks)).setCoder(coder))
        .apply("Together", Flatten.pCollections());

    Schema pinsWithGeo = JoinedRows.schema(schemas.get(PIN), schemas.get(GEO), JoinedPosts.COLUMNS);
    Schema pinsWithUsers = JoinedRows.schema(schemas.get(PIN), schemas.get(USER), JoinedPosts.COLUMNS);
    TupleTag<Row> withGeo = new TupleTag<>("pinsWithGeo");
    TupleTag<Row> withUsers = new TupleTag<>("pinsWithUsers");
    TupleTag<Row> users = new TupleTag<>("users");
    PCollectionTuple joined = keyed.apply("JoinAsTheyArrive",
        ParDo.of(new JoinFn(schemas, pinsWithGeo, pinsWithUsers, withGeo, withUsers, users, size, allowedLateness, joinWait))
            .withOutputTags(withGeo, TupleTagList.of(withUsers).and(users)));
    DropLateRows onTime = DropLateRows.in(windows());
    return JoinedPosts.of(
        joined.get(withGeo).setRowSchema(pinsWithGeo).apply("OnTimePinsWithGeo", onTime),
        joined.get(withUsers).setRowSchema(pinsWithUsers).apply("OnTimePinsWithUsers", onTime),
        joined.get(users).setRowSchema(schemas.get(USER)).apply("OnTimeUsers", onTime));
  }

  private static TypeDescriptor<KV<String, RawUnionValue>> kvType() {
    return TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(RawUnionValue.class));
  }

  private static PCollection<KV<String, RawUnionValue>> byInd(
      String name, PCollection<Row> rows, int tag, KvCoder<String, RawUnionValue> coder, int buckets) {
    return rows.apply(name, MapElements.into(kvType())
            .via((Row row) -> KV.of("p" + KeyBuckets.group(row.getInt64(RecordKind.CLEAN_KEY), buckets),
                new RawUnionValue(tag, row))))
        .setCoder(coder);
  }

  /** A mark for the slide a record arrived in, keyed by the slide's start. */
  private static final class MarkSlideFn extends DoFn<Row, KV<String, RawUnionValue>> {
    private final long slideMillis;

    MarkSlideFn(long slideMillis) {
      this.slideMillis = slideMillis;
    }

    @ProcessElement
    public void process(@Timestamp Instant arrived, OutputReceiver<KV<String, RawUnionValue>> out) {
      long slideStart = Math.floorDiv(arrived.getMillis(), slideMillis) * slideMillis;
      out.output(KV.of("w" + slideStart, new RawUnionValue(WINDOW_MARK, slideStart)));
    }
  }

  /** The join's state machine, per bucket of {@code ind} ("p" keys) and per slide of arrival time ("w" keys). */
  private static final class JoinFn extends DoFn<KV<String, RawUnionValue>, Row> {
    private final Schema pinsWithGeo;
    private final Schema pinsWithUsers;
    private final TupleTag<Row> withGeo;
    private final TupleTag<Row> withUsers;
    private final TupleTag<Row> users;
    private final Duration size;
    private final Duration allowedLateness;
    private final Duration joinWait;

    private final Counter incomplete = Metrics.counter(CleanRecords.METRICS_NAMESPACE, INCOMPLETE_POSTS);
    private final Counter duplicates = Metrics.counter(CleanRecords.METRICS_NAMESPACE, DUPLICATE_RECORDS);

    /** Per waiting post of the key (its ind, or every ind of a bucket): its records so far, and when to forget it. */
    @StateId("posts")
    private final StateSpec<MapState<Long, WaitingPost>> postsSpec;

    /** For a key: the time its forget timer is set for. */
    @StateId("nextForget")
    private final StateSpec<ValueState<Instant>> nextForgetSpec = StateSpecs.value(InstantCoder.of());

    /** For a slide's key: the earliest arrival the watermark is held at. */
    @StateId("held")
    private final StateSpec<ValueState<Instant>> heldSpec = StateSpecs.value();

    @TimerId("forget")
    private final TimerSpec forgetSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @TimerId("release")
    private final TimerSpec releaseSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    JoinFn(List<Schema> schemas, Schema pinsWithGeo, Schema pinsWithUsers, TupleTag<Row> withGeo,
        TupleTag<Row> withUsers, TupleTag<Row> users, Duration size, Duration allowedLateness, Duration joinWait) {
      this.pinsWithGeo = pinsWithGeo;
      this.pinsWithUsers = pinsWithUsers;
      this.withGeo = withGeo;
      this.withUsers = withUsers;
      this.users = users;
      this.size = size;
      this.allowedLateness = allowedLateness;
      this.joinWait = joinWait;
      postsSpec = StateSpecs.map(VarLongCoder.of(), new WaitingPost.WaitingPostCoder(schemas));
    }

    @ProcessElement
    public void process(
        @Element KV<String, RawUnionValue> element,
        @Timestamp Instant arrived,
        @StateId("posts") MapState<Long, WaitingPost> posts,
        @StateId("nextForget") ValueState<Instant> nextForget,
        @StateId("held") ValueState<Instant> held,
        @TimerId("forget") Timer forget,
        @TimerId("release") Timer release,
        MultiOutputReceiver out) {
      RawUnionValue value = element.getValue();
      int tag = value.getUnionTag();
      if (tag == WINDOW_MARK) {
        hold(arrived, (Long) value.getValue(), held, release);
        return;
      }
      Row row = (Row) value.getValue();
      long ind = row.getInt64(RecordKind.CLEAN_KEY);
      WaitingPost waiting = posts.get(ind).read();
      if (waiting == null) {
        waiting = WaitingPost.until(arrived.plus(joinWait));
        forgetFrom(waiting.forgetAt(), nextForget, forget);
      } else if (waiting.record(tag) != null) {
        duplicates.inc();
        return;
      }
      TimestampedValue<Row> record = TimestampedValue.of(row, arrived);
      posts.put(ind, waiting.with(tag, record));
      TimestampedValue<Row> pin = waiting.record(PIN);
      switch (tag) {
        case PIN:
          emit(out.get(withGeo), pinsWithGeo, record, waiting.record(GEO));
          emit(out.get(withUsers), pinsWithUsers, record, waiting.record(USER));
          return;
        case GEO:
          emit(out.get(withGeo), pinsWithGeo, pin, record);
          return;
        default:
          out.get(users).output(record.getValue());
          emit(out.get(withUsers), pinsWithUsers, pin, record);
      }
    }

    /** Sets the key's timer for {@code due} if the post is the first due. */
    private static void forgetFrom(Instant due, ValueState<Instant> nextForget, Timer forget) {
      Instant next = nextForget.read();
      if (next == null || due.isBefore(next)) {
        nextForget.write(due);
        // Forgetting holds nothing back: a joined row is stamped when it is made.
        forget.withNoOutputTimestamp().set(due);
      }
    }

    /** Joins a pin with another record when both have arrived, stamped with the later arrival. */
    private static void emit(OutputReceiver<Row> to, Schema joined, TimestampedValue<Row> pin,
        TimestampedValue<Row> other) {
      if (pin == null || other == null) {
        return;
      }
      Instant later = pin.getTimestamp().isAfter(other.getTimestamp()) ? pin.getTimestamp() : other.getTimestamp();
      to.outputWithTimestamp(JoinedRows.of(joined, pin.getValue(), other.getValue()), later);
    }

    /** Holds the output watermark at the slide's earliest arrival until its last window closes, plus lateness. */
    private void hold(Instant arrived, long slideStart, ValueState<Instant> held, Timer release) {
      Instant now = held.read();
      if (now != null && !arrived.isBefore(now)) {
        return;
      }
      held.write(arrived);
      // The last window holding this slide starts with it and ends `size` later.
      release.withOutputTimestamp(arrived).set(new Instant(slideStart).plus(size).plus(allowedLateness));
    }

    @OnTimer("release")
    public void onRelease(@StateId("held") ValueState<Instant> held) {
      held.clear();
    }

    /** Forgets the key's posts that are due, counting those still incomplete, and waits for the next. */
    @OnTimer("forget")
    public void onForget(
        @StateId("posts") MapState<Long, WaitingPost> posts,
        @StateId("nextForget") ValueState<Instant> nextForget,
        @TimerId("forget") Timer forget) {
      Instant now = nextForget.read(); // the time the timer was set for
      Instant next = null;
      List<Long> due = new ArrayList<>();
      for (Map.Entry<Long, WaitingPost> waiting : posts.entries().read()) {
        Instant forgetAt = waiting.getValue().forgetAt();
        if (now == null || !forgetAt.isAfter(now)) {
          due.add(waiting.getKey());
          if (!waiting.getValue().complete()) {
            incomplete.inc();
          }
        } else if (next == null || forgetAt.isBefore(next)) {
          next = forgetAt;
        }
      }
      due.forEach(posts::remove);
      if (next == null) {
        nextForget.clear();
      } else {
        nextForget.write(next);
        forget.withNoOutputTimestamp().set(next);
      }
    }
  }
}
