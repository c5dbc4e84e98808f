package dev.pinpipe.pipelines.batch;

import dev.pinpipe.pipelines.lake.OutputLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.pipelines.common.ConsoleText;
import dev.pinpipe.schemas.AnalyticsResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.schemas.Schema;

/** Reads the written results back and prints each as an aligned text table, rows sorted. */
public final class ResultTables {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ResultTables() {}

  /** The rows of one result folder of a run's folder, each as its column values in schema order. */
  public static List<List<String>> read(String runFolder, AnalyticsResult result) throws IOException {
    List<String> columns = result.schema().getFieldNames();
    List<List<String>> rows = new ArrayList<>();
    MatchResult match =
        FileSystems.match(OutputLayout.result(runFolder, result) + "/*.json", EmptyMatchTreatment.ALLOW);
    if (match.status() != MatchResult.Status.OK) {
      return rows;
    }
    for (MatchResult.Metadata file : match.metadata()) {
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(
                  Channels.newInputStream(FileSystems.open(file.resourceId())), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode node = MAPPER.readTree(line);
          List<String> row = new ArrayList<>();
          for (String column : columns) {
            row.add(node.get(column).asText());
          }
          rows.add(row);
        }
      }
    }
    rows.sort(byColumns(result.schema()));
    return rows;
  }

  /** Prints the nine results of the run last published into {@code outputDir}. */
  public static void print(String outputDir, PrintStream out) throws IOException {
    String run = OutputLayout.current(outputDir).orElse(outputDir);
    for (AnalyticsResult result : AnalyticsResult.values()) {
      List<String> columns = result.schema().getFieldNames();
      List<List<String>> rows = new ArrayList<>();
      for (List<String> row : read(run, result)) {
        List<String> shown = new ArrayList<>();
        row.forEach(cell -> shown.add(ConsoleText.of(cell))); // the data's names, not the terminal's commands
        rows.add(shown);
      }
      int[] widths = new int[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        widths[c] = columns.get(c).length();
        for (List<String> row : rows) {
          widths[c] = Math.max(widths[c], row.get(c).length());
        }
      }
      out.printf("%n%s (%d rows)%n", result.folder(), rows.size());
      printRow(out, columns, widths, result.schema());
      List<String> rules = new ArrayList<>();
      for (int width : widths) {
        rules.add("-".repeat(width));
      }
      printRow(out, rules, widths, null);
      for (List<String> row : rows) {
        printRow(out, row, widths, result.schema());
      }
    }
  }

  private static void printRow(PrintStream out, List<String> cells, int[] widths, Schema schema) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      boolean numeric = schema != null && isNumeric(schema, c) && !cells.get(c).equals(schema.getField(c).getName());
      String format = numeric ? "%" + widths[c] + "s" : "%-" + widths[c] + "s";
      line.append(c == 0 ? "" : "  ").append(String.format(format, cells.get(c)));
    }
    out.println(line.toString().stripTrailing());
  }

  private static boolean isNumeric(Schema schema, int column) {
    return schema.getField(column).getType().getTypeName().isNumericType();
  }

  private static Comparator<List<String>> byColumns(Schema schema) {
    return (a, b) -> {
      for (int c = 0; c < a.size(); c++) {
        int order =
            isNumeric(schema, c)
                ? Long.compare(Long.parseLong(a.get(c)), Long.parseLong(b.get(c)))
                : a.get(c).compareTo(b.get(c));
        if (order != 0) {
          return order;
        }
      }
      return 0;
    };
  }
}
