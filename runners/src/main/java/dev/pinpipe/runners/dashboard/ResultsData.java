package dev.pinpipe.runners.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.pipelines.lake.OutputLayout;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import dev.pinpipe.schemas.AnalyticsResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * The nine results of the last {@code batch} run into an output folder, as the page draws them:
 * per result its title, definition, columns, rows (bars ranked by value, lines in x order) and chart.
 */
final class ResultsData {
  private final String outputDir;

  ResultsData(String outputDir) {
    this.outputDir = LakeFileSystems.trimSlash(outputDir);
  }

  ObjectNode json() throws IOException {
    ObjectNode page = JsonLines.MAPPER.createObjectNode();
    // The run the pointer names, read once: all nine results come from that one run.
    java.util.Optional<String> run = OutputLayout.current(outputDir);
    page.put("outputDir", run.orElse(outputDir));
    ArrayNode results = page.putArray("results");
    for (AnalyticsResult result : AnalyticsResult.values()) {
      results.add(result(run, result));
    }
    return page;
  }

  private ObjectNode result(java.util.Optional<String> run, AnalyticsResult result) throws IOException {
    ResultCharts.Chart chart = ResultCharts.of(result);
    ObjectNode json = JsonLines.MAPPER.createObjectNode();
    json.put("folder", result.folder());
    json.put("title", chart.title);
    json.put("definition", chart.definition);
    List<String> columns = result.schema().getFieldNames();
    ArrayNode names = json.putArray("columns");
    columns.forEach(names::add);
    ObjectNode spec = json.putObject("chart");
    spec.put("kind", chart.kind.name().toLowerCase(java.util.Locale.ROOT));
    spec.put("x", chart.x);
    spec.put("y", chart.y);
    spec.put("label", chart.label);
    spec.put("series", chart.series);
    List<MatchResult.Metadata> files = run.isEmpty() ? List.of() : JsonLines.files(OutputLayout.result(run.get(), result));
    List<JsonNode> rows = new ArrayList<>();
    JsonLines.read(files, rows::add);
    rows.sort(order(chart));
    ArrayNode table = json.putArray("rows");
    for (JsonNode row : rows) {
      ArrayNode values = table.addArray();
      columns.forEach(column -> values.add(row.get(column)));
    }
    json.put("empty", rows.isEmpty());
    if (rows.isEmpty()) {
      json.put("hint", files.isEmpty()
          ? "No results in " + outputDir + " yet: run ./pinpipe batch"
              + " (with --outputDir=" + outputDir + ") to write them."
          : "The last batch run found no rows for this result.");
    }
    return json;
  }

  /** Bars from the highest value down (ties by x), lines by series then x. */
  private static Comparator<JsonNode> order(ResultCharts.Chart chart) {
    Comparator<JsonNode> byX = Comparator.comparing(row -> row.get(chart.x).asText());
    if (chart.kind == ResultCharts.Kind.BAR) {
      return Comparator.comparingLong((JsonNode row) -> -row.get(chart.y).asLong()).thenComparing(byX);
    }
    Comparator<JsonNode> bySeries = chart.series == null
        ? (a, b) -> 0 : Comparator.comparing(row -> row.get(chart.series).asText());
    return bySeries.thenComparing(Comparator.comparingLong(row -> row.get(chart.x).asLong()));
  }
}
