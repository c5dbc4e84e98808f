package dev.pinpipe.runners.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.runners.DemoBatchOutput;
import dev.pinpipe.schemas.AnalyticsResult;
import dev.pinpipe.schemas.RecordKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's data: JSON shapes from a real batch output, and empty states that say what fills them. */
class DashboardDataTest {
  @TempDir Path tmp;

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  @Test
  void resultsHoldEveryRowOfTheNineFoldersWithTheirColumnsAndCharts() throws Exception {
    JsonNode page = new ResultsData(DemoBatchOutput.folder().toString()).json();
    List<JsonNode> results = list(page.get("results"));
    assertEquals(AnalyticsResult.values().length, results.size());
    for (int i = 0; i < results.size(); i++) {
      AnalyticsResult expected = AnalyticsResult.values()[i];
      JsonNode result = results.get(i);
      assertEquals(expected.folder(), result.get("folder").asText());
      assertFalse(result.get("empty").asBoolean(), expected.folder());
      assertFalse(result.get("definition").asText().isBlank());
      List<String> columns = new ArrayList<>();
      result.get("columns").forEach(column -> columns.add(column.asText()));
      assertEquals(expected.schema().getFieldNames(), columns);
      assertEquals(DemoBatchOutput.lines(expected.folder()), result.get("rows").size(), expected.folder());
      JsonNode chart = result.get("chart");
      assertTrue(columns.contains(chart.get("x").asText()) && columns.contains(chart.get("y").asText()));
      int y = columns.indexOf(chart.get("y").asText());
      for (JsonNode row : result.get("rows")) {
        assertEquals(columns.size(), row.size());
        assertTrue(row.get(y).isNumber(), row.toString());
      }
      if (chart.get("kind").asText().equals("bar")) {
        List<JsonNode> rows = list(result.get("rows"));
        for (int r = 1; r < rows.size(); r++) {
          assertTrue(rows.get(r - 1).get(y).asLong() >= rows.get(r).get(y).asLong(), "bars ranked: " + expected.folder());
        }
      }
    }
  }

  @Test
  void healthCountsTheCleanRowsAndEveryRejectedLineByReasonWithAFewExamples() throws Exception {
    Path output = DemoBatchOutput.folder();
    JsonNode health = new HealthData(output.toString(), "pinterest", Optional.empty(), Optional.empty(),
        "pinpipe-land-pinterest", "pinpipe-stream-pinterest").json();
    long rejectedLines = 0;
    for (RecordKind kind : RecordKind.values()) {
      assertEquals(DemoBatchOutput.lines("clean/" + kind.label()), health.get("clean").get(kind.label()).asLong());
    }
    for (JsonNode kind : health.get("rejected")) {
      long total = DemoBatchOutput.lines("rejected/" + kind.get("kind").asText());
      assertEquals(total, kind.get("total").asLong());
      long byReason = 0;
      for (JsonNode reason : kind.get("reasons")) {
        byReason += reason.get("count").asLong();
        assertTrue(reason.get("examples").size() >= 1 && reason.get("examples").size() <= HealthData.EXAMPLES);
        assertTrue(reason.get("examples").get(0).get("source").asText().contains(".json:"));
      }
      assertEquals(total, byReason);
      rejectedLines += total;
    }
    assertTrue(rejectedLines > 0, "the demo lake has malformed lines");
    JsonNode run = health.get("lastRun");
    assertEquals("DirectRunner", run.get("runner").asText());
    assertTrue(run.get("seconds").asDouble() > 0);
    assertTrue(health.get("land").get("hint").asText().contains("--kafkaBootstrapServers"));
    assertFalse(health.has("cleanHint"));
  }

  @Test
  void aMissingOutputFolderGivesEmptyStatesThatNameTheCommandThatFillsThem() throws Exception {
    String missing = tmp.resolve("never-written").toString();
    for (JsonNode result : new ResultsData(missing).json().get("results")) {
      assertTrue(result.get("empty").asBoolean());
      assertTrue(result.get("hint").asText().contains("./pinpipe batch"), result.toString());
      assertEquals(0, result.get("rows").size());
    }
    JsonNode health = new HealthData(missing, "pinterest", Optional.empty(), Optional.empty(), "l", "s").json();
    assertTrue(health.get("cleanHint").asText().contains("./pinpipe batch"));
    assertTrue(health.get("lastRunHint").asText().contains("./pinpipe batch"));
    assertTrue(health.get("lastRun").isNull());
  }

  @Test
  void liveSaysWhatToRunUntilTheStreamHasWrittenWindowsThenShowsThemInOrder() throws Exception {
    assertTrue(new LiveData(Optional.empty(), "pinterest").json().get("hint").asText().contains("--deltaRoot"));
    DeltaStorage storage = DeltaStorage.local(tmp.resolve("delta").toString());
    LiveData live = new LiveData(Optional.of(storage), WindowTables.PREFIX);
    assertTrue(live.json().get("hint").asText().contains("./pinpipe stream"));

    WindowTables tables = new WindowTables(storage);
    tables.window(1, 30, 10, "art");
    tables.window(0, 20, 8, "travel");
    JsonNode json = live.json();
    assertFalse(json.has("hint"), json.toString());
    assertTrue(json.has("lastCommit"));
    List<JsonNode> windows = list(json.get("windows"));
    assertEquals(2, windows.size());
    assertEquals("2026-12-01T10:00:00Z", windows.get(0).get("start").asText());
    assertEquals("travel", windows.get(0).get("top_category").asText());
    assertEquals(30, windows.get(1).get("records").asLong());
    JsonNode top = json.get("topPosters");
    assertEquals("2026-12-01T10:01:00Z", top.get("windowStart").asText());
    assertEquals(List.of("Bo 1", "Ann 1"), List.of(top.get("rows").get(0).get("poster_name").asText(),
        top.get("rows").get(1).get("poster_name").asText()));

    tables.window(2, 40, 12, "quotes"); // the next look reads only this window's files
    json = live.json();
    assertEquals(3, json.get("windows").size());
    assertEquals("quotes", json.get("windows").get(2).get("top_category").asText());
    assertEquals("2026-12-01T10:02:00Z", json.get("topPosters").get("windowStart").asText());
    assertEquals(2, json.get("topPosters").get("rows").size());
  }

  @Test
  void theServerAnswersReadsOnlyWithSecurityHeadersAndAPortInUseIsAOneLineError() throws Exception {
    Dashboard.Options options = org.apache.beam.sdk.options.PipelineOptionsFactory.as(Dashboard.Options.class);
    options.setOutputDir(tmp.resolve("nothing-yet").toString());
    io.javalin.Javalin server = Dashboard.of(options).serve("127.0.0.1", 0);
    try {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      java.net.http.HttpResponse<String> results = http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(base + "/api/results")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, results.statusCode());
      assertTrue(results.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
      assertEquals(9, JsonLines.MAPPER.readTree(results.body()).get("results").size());
      java.net.http.HttpResponse<String> page = http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(base + "/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertTrue(page.body().contains("/assets/echarts.min.js") && page.body().contains("/assets/dashboard.js"));
      java.net.http.HttpResponse<String> write = http.send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(base + "/api/results")).POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(405, write.statusCode(), "read-only");
      // Every answer, to every method, carries the security headers; only GET and HEAD are served.
      for (String path : List.of("/", "/assets/dashboard.js", "/api/results", "/api/live", "/no-such-page")) {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
          java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(base + path)).method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
          String what = method + " " + path;
          boolean read = method.equals("GET") || method.equals("HEAD");
          int expected = !read ? 405 : path.equals("/no-such-page") ? 404 : 200;
          assertEquals(expected, answer.statusCode(), what);
          if (!read) {
            assertEquals("GET, HEAD", answer.headers().firstValue("Allow").orElse(""), what);
          }
          String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
          assertTrue(policy.contains("script-src 'self'") && policy.contains("default-src 'none'")
              && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-eval"), what + ": " + policy);
          assertFalse(policy.matches(".*script-src[^;]*unsafe-inline.*"), what + ": " + policy);
          assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), what);
          assertEquals("DENY", answer.headers().firstValue("X-Frame-Options").orElse(""), what);
          assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(""), what);
        }
      }

      IllegalArgumentException taken = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> Dashboard.of(options).serve("127.0.0.1", server.port()));
      assertTrue(taken.getMessage().startsWith("--host=127.0.0.1 --port=" + server.port() + ": cannot serve there"),
          taken.getMessage());
    } finally {
      server.stop();
    }
  }

  @Test
  void theExportIsOneFileWithItsDataAndScriptsInlinedAndNothingToFetch() throws Exception {
    Path report = tmp.resolve("report.html");
    Dashboard.Options options = org.apache.beam.sdk.options.PipelineOptionsFactory.as(Dashboard.Options.class);
    options.setOutputDir(DemoBatchOutput.folder().toString());
    Dashboard.of(options).export(report);
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertTrue(html.contains("window.PINPIPE_DATA = {"));
    assertTrue(html.contains("echarts"));
    assertFalse(java.util.regex.Pattern.compile("<(script|link|img)[^>]*(src|href)=\"?(https?:|//)").matcher(html).find(),
        "nothing loaded from elsewhere");
    // ECharts, the data, the page's script: each element ends where it should, not inside its text.
    assertEquals(3, html.split("<script>", -1).length - 1);
    assertEquals(3, html.split("</script>", -1).length - 1);
  }
}
