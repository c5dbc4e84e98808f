package dev.pinpipe.pipelines.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.DeltaReadBack;
import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.generate.GenerateLake;
import dev.pinpipe.pipelines.common.Names;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.transforms.RowJson;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code batch --deltaRoot}: on a generated lake (with duplicates, orphans and malformed lines),
 * every Delta table holds the rows of the JSON-lines folder of the same run, read back by pinpipe
 * and by Python's deltalake; a second run replaces the tables rather than adding to them.
 */
@Timeout(600)
class BatchDeltaIT {
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static final String PREFIX = "t";

  @TempDir Path tmp;

  @Test
  void deltaTablesHoldWhatTheJsonFoldersHoldAndARerunReplacesThem() throws Exception {
    GenerateLake.Options generate = PipelineOptionsFactory.as(GenerateLake.Options.class);
    generate.setLakeRoot(tmp.resolve("lake").toString());
    generate.setTopicPrefix(PREFIX);
    generate.setPosts(400);
    generate.setSeed(5);
    generate.setMalformedRate(0.05);
    GenerateLake.run(generate, QUIET);
    DeltaStorage storage = DeltaStorage.local(tmp.resolve("delta").toString());
    for (int run = 1; run <= 2; run++) {
      BatchPipeline.Options options = PipelineOptionsFactory.as(BatchPipeline.Options.class);
      BatchPipeline.tuneForOneMachine(options, false); // as the command line tunes the DirectRunner
      options.setLakeRoot(tmp.resolve("lake").toString());
      options.setTopicPrefix(PREFIX);
      options.setOutputDir(tmp.resolve("out").toString());
      options.setDeltaRoot(tmp.resolve("delta").toString());
      assertEquals(PipelineResult.State.DONE, BatchPipeline.run(options, QUIET).waitUntilFinish());
      Map<String, List<String>> json = jsonLines(dev.pinpipe.pipelines.LocalStack.currentRun(tmp.resolve("out")));
      dev.pinpipe.pipelines.delta.BatchRuns.State marked = BatchPipeline.deltaTablesState(PREFIX, storage);
      assertEquals(List.of(), marked.torn, "run " + run + " marked every table whole");
      assertEquals(tables().keySet(), marked.versions.keySet());
      for (Map.Entry<String, Schema> table : tables().entrySet()) {
        List<Row> rows = DeltaTestTables.rows(storage, table.getKey(), table.getValue());
        String folder = folderOf(table.getKey());
        assertEquals(json.get(folder), sortedJson(rows), "run " + run + ": " + table.getKey() + " against " + folder);
        assertEquals(DeltaReadBack.asMaps(rows), DeltaReadBack.byDeltalake(storage.tablePath(table.getKey())),
            "run " + run + ": " + table.getKey() + " read by deltalake");
      }
      assertFalse(json.get("rejected").isEmpty(), "the lake has malformed lines");
      assertTrue(json.get(AnalyticsResult.POPULAR_CATEGORY_BY_COUNTRY.folder()).size() > 1);
    }
  }

  /** Batch's Delta tables and their schemas. */
  private static Map<String, Schema> tables() {
    String batch = Names.batchTables(PREFIX);
    Map<String, Schema> tables = new LinkedHashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      tables.put(Names.cleanTable(batch, kind), kind.cleanSchema());
    }
    tables.put(Names.rejectedTable(batch), RejectedRecord.SCHEMA);
    for (AnalyticsResult result : AnalyticsResult.values()) {
      tables.put(Names.resultTable(batch, result.folder()), result.schema());
    }
    return tables;
  }

  /** The JSON-lines folder of a table: clean/pin, rejected (every kind), or the result's folder. */
  private static String folderOf(String table) {
    String name = table.substring(Names.batchTables(PREFIX).length() + 1);
    return name.endsWith("_table") ? "clean/" + name.substring(0, name.length() - "_table".length()) : name;
  }

  /** The output folders' lines, sorted; the three rejected folders as one. */
  private static Map<String, List<String>> jsonLines(Path out) throws Exception {
    Map<String, List<String>> byFolder = new LinkedHashMap<>();
    try (var files = Files.walk(out)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().startsWith("_"))
          .collect(Collectors.toList())) {
        String folder = out.relativize(file.getParent()).toString();
        byFolder.computeIfAbsent(folder.startsWith("rejected") ? "rejected" : folder, f -> new ArrayList<>())
            .addAll(Files.readAllLines(file));
      }
    }
    byFolder.values().forEach(lines -> lines.sort(null));
    return byFolder;
  }

  private static List<String> sortedJson(List<Row> rows) {
    return rows.stream().map(RowJson::toJson).sorted().collect(Collectors.toList());
  }
}
