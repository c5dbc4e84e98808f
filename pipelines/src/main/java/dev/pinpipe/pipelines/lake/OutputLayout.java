package dev.pinpipe.pipelines.lake;

import static dev.pinpipe.pipelines.lake.LakeFileSystems.isLocal;
import static dev.pinpipe.pipelines.lake.LakeFileSystems.localPath;
import static dev.pinpipe.pipelines.lake.LakeFileSystems.trimSlash;

import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Where {@code batch} writes under {@code --outputDir}, so that readers always see one whole run:
 * each run writes a folder of its own, {@code runs/<run id>/} (its {@code clean/<kind>}, {@code
 * rejected/<kind>}, result folders and its record {@value LastRun#FILE}); only once it is
 * complete does {@code <outputDir>/}{@value LastRun#FILE}, which names the run's folder, point at
 * it, replaced in one step (a rename locally, one PUT on S3). A run that fails or is killed at any
 * moment leaves the pointer, and so what readers see, on the previous run, whole.
 *
 * <p>After publishing, a run removes the folders of older runs, keeping the one published before
 * it for readers still reading it: locally, where one run at a time holds the folder ({@link
 * OutputLock}), every finished run's folder, and a folder whose run never finished once it is a
 * day old (one younger may still be running); on S3, any folder a day old.
 */
public final class OutputLayout {
  public static final String RUNS = "runs";
  /** A day: a folder with no record of a finished run, older than this, was left by a killed run. */
  static final Duration ABANDONED_AFTER = Duration.ofDays(1);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern RUN_ID = Pattern.compile("(\\d{8}T\\d{6}Z)-[0-9a-f]{8}");

  private OutputLayout() {}

  /** A new run's id: when it started (so ids sort by start) and a random part no other run has. */
  public static String newRunId(Instant started) {
    return ID_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The folder run {@code runId} writes its output to. */
  public static String runFolder(String outputDir, String runId) {
    return trimSlash(outputDir) + "/" + RUNS + "/" + runId;
  }

  /** A run folder's folder of {@code kind}'s clean records. */
  public static String clean(String runFolder, RecordKind kind) {
    return runFolder + "/clean/" + kind.label();
  }

  /** A run folder's folder of {@code kind}'s rejected lines. */
  public static String rejected(String runFolder, RecordKind kind) {
    return runFolder + "/rejected/" + kind.label();
  }

  /** A run folder's folder of {@code result}. */
  public static String result(String runFolder, AnalyticsResult result) {
    return runFolder + "/" + result.folder();
  }

  /** The pointer: the record of the last published run, naming its folder. */
  public static String pointer(String outputDir) {
    return trimSlash(outputDir) + "/" + LastRun.FILE;
  }

  /**
   * The folder holding the last published run's output, or empty when no run has been published
   * there. An output written before runs had folders of their own (a record naming no run) is the
   * output folder itself.
   */
  public static Optional<String> current(String outputDir) {
    return lastRun(outputDir).map(run -> folderOf(outputDir, run));
  }

  /** The folder of the run that {@code record}, read from {@code outputDir}'s pointer, names. */
  public static String folderOf(String outputDir, JsonNode record) {
    return record.hasNonNull("run")
        ? runFolder(outputDir, runId(record.get("run").asText(), outputDir)) : trimSlash(outputDir);
  }

  /** The record of the last published run, or empty when there is none. */
  public static Optional<JsonNode> lastRun(String outputDir) {
    String pointer = pointer(outputDir);
    List<MatchResult.Metadata> found = LakeFileSystems.matches(pointer);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = Channels.newInputStream(FileSystems.open(found.get(0).resourceId()))) {
      return Optional.of(MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pointer, e);
    }
  }

  /** A run id as a pointer holds it ({@code runs/<id>}), checked so that it cannot lead elsewhere. */
  private static String runId(String named, String outputDir) {
    String id = named.startsWith(RUNS + "/") ? named.substring(RUNS.length() + 1) : named;
    if (!RUN_ID.matcher(id).matches()) {
      throw new IllegalStateException(pointer(outputDir) + " names no run folder: " + named);
    }
    return id;
  }

  /** Writes {@code record} of finished run {@code runId} into its folder (before it is published). */
  public static void record(String outputDir, String runId, JsonNode record) throws IOException {
    LakeFiles.write(runFolder(outputDir, runId) + "/" + LastRun.FILE, bytes(record));
  }

  /**
   * Points readers at the run {@code record} names, in one step: written whole as a lake file is
   * (a rename locally, with one writer at a time under {@link OutputLock}; one PUT on S3).
   */
  public static void publish(String outputDir, JsonNode record) throws IOException {
    LakeFiles.write(pointer(outputDir), bytes(record));
  }

  /**
   * Removes the folders of runs other than those in {@code keep} (this run's, and the one
   * published before it) and the one published now, as the class comment says; returns their ids.
   */
  public static List<String> removeOldRuns(String outputDir, Set<String> keep, Instant now) throws IOException {
    List<String> removed = new ArrayList<>();
    for (String id : runIds(outputDir)) {
      String folder = runFolder(outputDir, id);
      // The pointer is read again for each: another run into an S3 output may have published since.
      if (keep.contains(folder) || current(outputDir).equals(Optional.of(folder))) {
        continue;
      }
      // Locally no other run can be publishing (OutputLock), so a finished run's folder can go at
      // once; on S3 another run may have finished and be about to publish, so only age tells.
      boolean finished = isLocal(outputDir) && !LakeFileSystems.matches(folder + "/" + LastRun.FILE).isEmpty();
      if (finished || startedBefore(id, now.minus(ABANDONED_AFTER))) {
        delete(folder);
        removed.add(id);
      }
    }
    return removed;
  }

  /**
   * The ids of the run folders under {@code runs/}: locally its folders (an empty one too), on an
   * object store, which has no folders, the ids in its objects' names.
   */
  static List<String> runIds(String outputDir) {
    Set<String> ids = new java.util.TreeSet<>();
    String runs = trimSlash(outputDir) + "/" + RUNS;
    if (isLocal(runs)) {
      if (Files.isDirectory(Paths.get(localPath(runs)))) {
        try (Stream<Path> folders = Files.list(Paths.get(localPath(runs)))) {
          folders.map(folder -> folder.getFileName().toString()).filter(RUN_ID.asPredicate()).forEach(ids::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + runs, e);
        }
      }
      return new ArrayList<>(ids);
    }
    Pattern inRuns = Pattern.compile(".*/" + RUNS + "/(" + RUN_ID.pattern() + ")/.*");
    for (MatchResult.Metadata file : LakeFileSystems.matches(runs + "/**")) {
      Matcher id = inRuns.matcher(file.resourceId().toString());
      if (id.matches()) {
        ids.add(id.group(1));
      }
    }
    return new ArrayList<>(ids);
  }

  private static boolean startedBefore(String id, Instant moment) {
    Matcher parts = RUN_ID.matcher(id);
    try {
      return parts.matches() && Instant.from(ID_TIME.parse(parts.group(1))).isBefore(moment);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Deletes a run's folder, its files and (locally) its folders. */
  public static void delete(String folder) throws IOException {
    List<ResourceId> files = LakeFileSystems.files(folder + "/**");
    FileSystems.delete(files, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    if (isLocal(folder) && Files.isDirectory(Paths.get(localPath(folder)))) {
      try (Stream<Path> paths = Files.walk(Paths.get(localPath(folder)))) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** One line, so the file is JSON lines like the rest. */
  private static byte[] bytes(JsonNode record) throws IOException {
    byte[] json = MAPPER.writeValueAsBytes(record);
    byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
    line[json.length] = '\n';
    return line;
  }
}
