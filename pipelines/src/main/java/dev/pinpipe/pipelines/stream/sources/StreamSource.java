package dev.pinpipe.pipelines.stream.sources;

import dev.pinpipe.pipelines.kafka.OffsetCommitter;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.schemas.RecordKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import dev.pinpipe.pipelines.delta.CatchUpMark;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Where {@code stream} reads the three record kinds from: everything the stream knows about a
 * source is in its one subclass, chosen by {@code --source}. To add a source, subclass this and
 * add its name to {@link #SOURCES} (and its options to {@link StreamPipeline.Options}).
 */
public abstract class StreamSource {
  /** The sources by their {@code --source} name. */
  private static final Map<String, Function<StreamPipeline.Options, StreamSource>> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put("kinesis", KinesisSource::new);
    SOURCES.put("kafka", KafkaSource::new);
  }

  /**
   * How far behind the clock the watermark of an idle partition or shard runs: a catch-up run
   * knows it has read everything there was at its start once the watermark passes the start.
   */
  public static final Duration IDLE_WATERMARK = Duration.standardSeconds(5);

  /** The coder of what {@link #read} gives. */
  protected static final KvCoder<String, byte[]> BODIES =
      KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(ByteArrayCoder.of()));

  /** The source {@code --source} names; any other name fails in one line naming the option. */
  public static StreamSource of(StreamPipeline.Options options) {
    String name = options.getSource() == null ? "" : options.getSource().toLowerCase(Locale.ROOT);
    Function<StreamPipeline.Options, StreamSource> source = SOURCES.get(name);
    if (source == null) {
      throw new IllegalArgumentException("--source=" + options.getSource() + ": must be "
          + String.join(" or ", SOURCES.keySet()));
    }
    return source.apply(options);
  }

  /** Checks this source's options and that its streams or topics exist: each failure one line naming the option. */
  public abstract void check();

  /**
   * One kind's record bodies, keyed by their position ({@code SourcePosition}: what the Delta
   * writer dedupes and commits by) and stamped with their arrival.
   */
  public abstract PTransform<PBegin, PCollection<KV<String, byte[]>>> read(RecordKind kind);

  /** Where the writer records how far it got, after each Delta commit that holds the records. */
  public abstract OffsetCommitter committer();

  /** How a catch-up run learns it has committed what was on the source at its start. */
  public interface CatchUp {
    /** True once every record that was on the source at start is committed to the tables. */
    boolean committed(PipelineResult result);

    /**
     * When the latest of those records arrived, asked once they are committed: the run then waits
     * for the windows of results it falls in. Empty when there was none.
     */
    Optional<Instant> latestArrival(PipelineResult result);
  }

  /**
   * For a catch-up run, called before the pipeline starts; {@code mark}: where the writer marks
   * having read everything (for a source that {@link #catchesUpByWatermark}), otherwise null.
   */
  public abstract CatchUp planCatchUp(CatchUpMark mark);

  /**
   * Whether a catch-up run learns it is done from the writer seeing every partition's watermark
   * pass the start (a source that keeps no reader position), rather than from the source itself.
   */
  public abstract boolean catchesUpByWatermark();

  /** Whether reading calls an AWS service. */
  public abstract boolean usesAws();
}
