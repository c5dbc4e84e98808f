package dev.pinpipe.transforms.results;

import dev.pinpipe.transforms.aggregate.CountPerWindow;
import dev.pinpipe.transforms.aggregate.FindMostFrequent;
import dev.pinpipe.transforms.join.JoinArrivingPosts;
import dev.pinpipe.transforms.join.JoinedPosts;
import dev.pinpipe.schemas.WindowSummary;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * One {@link WindowSummary} row per window of {@link JoinArrivingPosts}' output: the records and
 * rejected lines that arrived in the window, the posts joined in it, and its most frequent
 * category and poster (counted as {@link FindMostFrequent} counts). Records and rejected lines are
 * counted in the same windows, and wait as long as the joined posts do.
 */
public final class SummariseWindows extends PTransform<JoinedPosts, PCollection<Row>> {
  private final List<PCollection<?>> records;
  private final List<PCollection<?>> rejected;

  private SummariseWindows(List<PCollection<?>> records, List<PCollection<?>> rejected) {
    this.records = records;
    this.rejected = rejected;
  }

  /**
   * Counts the elements of {@code records} and of {@code rejected} (each in the global window,
   * stamped with arrival) per window.
   */
  public static SummariseWindows counting(List<PCollection<?>> records, List<PCollection<?>> rejected) {
    return new SummariseWindows(List.copyOf(records), List.copyOf(rejected));
  }

  @Override
  public PCollection<Row> expand(JoinedPosts posts) {
    @SuppressWarnings("unchecked")
    WindowFn<Object, ?> windows = (WindowFn<Object, ?>) posts.pinsWithGeo().getWindowingStrategy().getWindowFn();
    TupleTag<Long> recordCount = new TupleTag<>("records");
    TupleTag<Long> rejectedCount = new TupleTag<>("rejected");
    TupleTag<Long> postCount = new TupleTag<>("posts");
    TupleTag<KV<String, Long>> topCategory = new TupleTag<>("category");
    TupleTag<KV<String, Long>> topPoster = new TupleTag<>("poster");
    return KeyedPCollectionTuple
        .of(recordCount, countIn("Records", records, windows))
        .and(rejectedCount, countIn("Rejected", rejected, windows))
        .and(postCount, oneKey("Posts", posts.pinsWithGeo().apply("CountPosts", CountPerWindow.create())))
        .and(topCategory, mostFrequent("Category", posts.pinsWithGeo(), "category"))
        .and(topPoster, mostFrequent("Poster", posts.pinsWithGeo(), "poster_name"))
        .apply("PerWindow", CoGroupByKey.create())
        .apply("ToSummary", ParDo.of(new ToSummaryFn(recordCount, rejectedCount, postCount, topCategory, topPoster)))
        .setRowSchema(WindowSummary.SCHEMA);
  }

  private static PCollection<KV<String, Long>> countIn(String name, List<PCollection<?>> collections,
      WindowFn<Object, ?> windows) {
    PCollectionList<Long> counts = PCollectionList.empty(collections.get(0).getPipeline());
    for (int i = 0; i < collections.size(); i++) {
      counts = counts.and(count(name + i, collections.get(i), windows));
    }
    return oneKey(name, counts
        .apply("All" + name, Flatten.pCollections())
        .apply("Sum" + name, Sum.longsGlobally().withoutDefaults()));
  }

  private static <T> PCollection<Long> count(String name, PCollection<T> elements, WindowFn<Object, ?> windows) {
    return elements
        .apply("Window" + name, Window.<T>into(windows))
        .apply("Count" + name, CountPerWindow.create());
  }

  private static PCollection<KV<String, Long>> oneKey(String name, PCollection<Long> counts) {
    return counts.apply("Key" + name, MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via((Long count) -> KV.of("", count)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  private static PCollection<KV<String, KV<String, Long>>> mostFrequent(String name, PCollection<Row> posts,
      String field) {
    return posts
        .apply("Only" + name, FlatMapElements.into(TypeDescriptors.strings())
            .via((Row post) -> post.getString(field) == null ? List.<String>of() : List.of(post.getString(field))))
        .apply("MostFrequent" + name, Combine.globally(new FindMostFrequent.MostFrequentFn()).withoutDefaults())
        .apply("Key" + name, MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(),
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs())))
            .via((KV<String, Long> top) -> KV.of("", top)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
  }

  private static final class ToSummaryFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private static final KV<String, Long> NONE = KV.of(null, null);
    private final TupleTag<Long> records;
    private final TupleTag<Long> rejected;
    private final TupleTag<Long> posts;
    private final TupleTag<KV<String, Long>> category;
    private final TupleTag<KV<String, Long>> poster;

    ToSummaryFn(TupleTag<Long> records, TupleTag<Long> rejected, TupleTag<Long> posts,
        TupleTag<KV<String, Long>> category, TupleTag<KV<String, Long>> poster) {
      this.records = records;
      this.rejected = rejected;
      this.posts = posts;
      this.category = category;
      this.poster = poster;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> window, OutputReceiver<Row> out) {
      CoGbkResult all = window.getValue();
      KV<String, Long> topCategory = all.getOnly(category, NONE);
      KV<String, Long> topPoster = all.getOnly(poster, NONE);
      out.output(Row.withSchema(WindowSummary.SCHEMA).addValues(
          all.getOnly(records, 0L), all.getOnly(rejected, 0L), all.getOnly(posts, 0L),
          topCategory.getKey(), topCategory.getValue(), topPoster.getKey(), topPoster.getValue()).build());
    }
  }
}
