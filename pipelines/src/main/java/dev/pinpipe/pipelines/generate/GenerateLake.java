package dev.pinpipe.pipelines.generate;

import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.pipelines.options.LakeOptions;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.pipelines.common.Required;
import dev.pinpipe.pipelines.lake.LakeLayout;
import dev.pinpipe.schemas.RecordKind;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/**
 * {@code generate}: writes a realistic, dirty raw lake, as the posting emulator and the lake sink
 * would have left it, streaming to disk. The same seed and options always give the same files.
 */
public final class GenerateLake {
  /** The most posts one run makes. */
  public static final int MAX_POSTS = 10_000_000;
  private static final int RECENT_POSTS = 1024;

  /** Options of {@code generate}. */
  public interface Options extends LakeOptions {
    @Description("Number of posts (1 to 10,000,000); each has a pin, a geo and a user record")
    @Default.Integer(11_000)
    int getPosts();

    void setPosts(int value);

    @Description("Random seed: the same seed and options always give the same lake")
    @Default.Long(42)
    long getSeed();

    void setSeed(long value);

    @Description("Kafka partitions per topic; a record goes to partition ind mod partitions")
    @Default.Integer(3)
    int getPartitions();

    void setPartitions(int value);

    @Description("Records per lake file (the S3 sink's flush size)")
    @Default.Integer(5_000)
    int getRecordsPerFile();

    void setRecordsPerFile(int value);

    @Description("Share of posts sent again later, as the random emulator does (exact duplicates)")
    @Default.Double(0.05)
    double getDuplicateRate();

    void setDuplicateRate(double value);

    @Description("Share of posts followed by a geo or user record whose ind has no pin")
    @Default.Double(0.002)
    double getOrphanRate();

    void setOrphanRate(double value);

    @Description("Share of posts followed by one malformed line that batch must reject")
    @Default.Double(0.001)
    double getMalformedRate();

    void setMalformedRate(double value);

    @Description("Replace the topics' files if the lake already has them")
    @Default.Boolean(false)
    boolean getOverwrite();

    void setOverwrite(boolean value);
  }

  /** What one run wrote. */
  public static final class Summary {
    public final long posts;
    public final long duplicates;
    public final long orphans;
    public final long malformed;
    public final Map<RecordKind, Long> lines;
    public final long files;

    Summary(long posts, long duplicates, long orphans, long malformed, Map<RecordKind, Long> lines, long files) {
      this.posts = posts;
      this.duplicates = duplicates;
      this.orphans = orphans;
      this.malformed = malformed;
      this.lines = lines;
      this.files = files;
    }

    @Override
    public String toString() {
      return String.format(
          "%,d posts, %,d duplicates, %,d orphans, %,d malformed lines; lines pin=%,d geo=%,d user=%,d in %,d files",
          posts, duplicates, orphans, malformed, lines.get(RecordKind.PIN), lines.get(RecordKind.GEO),
          lines.get(RecordKind.USER), files);
    }
  }

  private GenerateLake() {}

  /** Fails fast, naming the option, on values that cannot make a lake. */
  public static void validate(Options options) {
    Required.option(options.getLakeRoot(), "--lakeRoot", "the folder or s3://bucket/prefix to write the lake under");
    LakeFileSystems.requirePlainPath("--lakeRoot", options.getLakeRoot());
    require(options.getPosts() >= 1 && options.getPosts() <= MAX_POSTS,
        "--posts=" + options.getPosts() + ": must be from 1 to " + MAX_POSTS);
    Names.requireTopicPrefix(options.getTopicPrefix());
    require(options.getPartitions() >= 1, "--partitions must be at least 1");
    require(options.getRecordsPerFile() >= 1, "--recordsPerFile must be at least 1");
    for (double rate : new double[] {options.getDuplicateRate(), options.getOrphanRate(), options.getMalformedRate()}) {
      require(rate >= 0 && rate <= 1, "--duplicateRate, --orphanRate and --malformedRate must be from 0 to 1");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public static Summary run(Options options, PrintStream progress) throws IOException {
    validate(options);
    LakeFileSystems.configure(options);
    String root = options.getLakeRoot();
    LakeFileSystems.requireListable(
        "--lakeRoot", root, LakeLayout.glob(root, options.getTopicPrefix(), RecordKind.PIN));
    clearOrRefuse(root, options);

    PostGenerator generator = PostGenerator.create(options.getPosts(), options.getSeed());
    SplittableRandom extras = new SplittableRandom(options.getSeed() ^ 0x2545F4914F6CDD1DL);
    Map<RecordKind, LakeWriter> writers = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      writers.put(kind, new LakeWriter(root, Names.topic(options.getTopicPrefix(), kind),
          options.getPartitions(), options.getRecordsPerFile()));
    }
    String[][] recent = new String[RECENT_POSTS][];
    int posts = options.getPosts();
    int partitions = options.getPartitions();
    long duplicates = 0;
    long orphans = 0;
    long malformed = 0;
    int reported = 0;
    for (int i = 0; i < posts; i++) {
      SourcePost post = generator.post(i);
      String[] lines = new String[RecordKind.values().length];
      for (RecordKind kind : RecordKind.values()) {
        lines[kind.ordinal()] = post.json(kind);
      }
      write(writers, i % partitions, lines);
      recent[i % RECENT_POSTS] = lines;
      if (extras.nextDouble() < options.getDuplicateRate()) {
        int back = extras.nextInt(Math.min(i + 1, RECENT_POSTS));
        int again = i - back;
        write(writers, again % partitions, recent[again % RECENT_POSTS]);
        duplicates++;
      }
      if (extras.nextDouble() < options.getOrphanRate()) {
        long ind = (long) posts + orphans++;
        boolean geo = extras.nextBoolean();
        writers.get(geo ? RecordKind.GEO : RecordKind.USER)
            .append((int) (ind % partitions), SourcePost.toJson(generator.orphan(ind, geo)));
      }
      if (extras.nextDouble() < options.getMalformedRate()) {
        RecordKind kind = RecordKind.values()[extras.nextInt(RecordKind.values().length)];
        writers.get(kind).append(extras.nextInt(partitions), EdgeCases.malformedLine(kind, i, extras));
        malformed++;
      }
      int percent = (int) ((i + 1L) * 100 / posts);
      if (posts >= 100_000 && percent >= reported + 10) {
        reported = percent - percent % 10;
        progress.printf("generate: %d%% (%,d of %,d posts)%n", reported, i + 1L, (long) posts);
      }
    }
    Map<RecordKind, Long> lineCounts = new EnumMap<>(RecordKind.class);
    long files = 0;
    for (Map.Entry<RecordKind, LakeWriter> writer : writers.entrySet()) {
      writer.getValue().close();
      lineCounts.put(writer.getKey(), writer.getValue().records());
      files += writer.getValue().files();
    }
    return new Summary(posts, duplicates, orphans, malformed, lineCounts, files);
  }

  private static void write(Map<RecordKind, LakeWriter> writers, int partition, String[] lines)
      throws IOException {
    for (RecordKind kind : RecordKind.values()) {
      writers.get(kind).append(partition, lines[kind.ordinal()]);
    }
  }

  /** A lake that already holds these topics is only replaced when asked. */
  private static void clearOrRefuse(String root, Options options) throws IOException {
    List<ResourceId> existing = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      MatchResult match =
          FileSystems.match(LakeLayout.glob(root, options.getTopicPrefix(), kind), EmptyMatchTreatment.ALLOW);
      if (match.status() == MatchResult.Status.OK) {
        for (MatchResult.Metadata file : match.metadata()) {
          existing.add(file.resourceId());
        }
      }
    }
    if (existing.isEmpty()) {
      return;
    }
    if (!options.getOverwrite()) {
      throw new IllegalArgumentException(
          "--lakeRoot=" + root + " already holds topics " + options.getTopicPrefix()
              + ".*; pass --overwrite=true to replace them");
    }
    FileSystems.delete(existing, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
  }
}
