package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.runners.dashboard.WindowTables;
import dev.pinpipe.schemas.AnalyticsResult;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of the bundled jar in headless Chromium (Debian's, driven through its
 * chromedriver by Selenium): the nine charts draw every row of a known batch output, the live
 * section follows the stream's commits, the page logs no error, and the exported file does the
 * same with the network cut off. Screenshots land in target/ for people to look at.
 */
class DashboardBrowserIT {
  @TempDir Path tmp;
  private Process server;
  private WebDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.destroy();
    }
  }

  private static String env(String name) {
    String value = System.getenv(name);
    assertTrue(value != null && new File(value).canExecute(),
        name + " must name an executable: run eval \"$(scripts/local-stack env)\" after scripts/local-stack up");
    return value;
  }

  /** Headless Chromium; with {@code offline}, every request beyond the page itself goes to a closed port. */
  private WebDriver browser(boolean offline) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(env("PINPIPE_CHROMIUM"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,5200");
    if (offline) {
      options.addArguments("--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>");
    }
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(env("PINPIPE_CHROMEDRIVER"))).usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
    return browser;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void waitFor(WebDriver browser, int seconds, String what, java.util.function.Function<WebDriver, Boolean> done) {
    new WebDriverWait(browser, Duration.ofSeconds(seconds)).withMessage(what).until(done::apply);
  }

  /** Every result's chart holds as many bars or points as its folder has rows, and shows up to 30 of them. */
  private static void assertNineChartsDrawEveryRow(WebDriver browser) throws Exception {
    waitFor(browser, 60, "nine result charts drawn",
        page -> page.findElements(By.cssSelector("#results-list [data-rendered=true]")).size() == 9);
    for (AnalyticsResult result : AnalyticsResult.values()) {
      WebElement chart = browser.findElement(By.id("chart-" + result.folder()));
      long rows = DemoBatchOutput.lines(result.folder());
      assertEquals(String.valueOf(rows), chart.getAttribute("data-points"), result.folder());
      assertEquals(String.valueOf(Math.min(rows, 30)), chart.getAttribute("data-shown"), result.folder());
      assertTrue(chart.findElements(By.tagName("canvas")).size() >= 1, result.folder());
    }
  }

  private static void assertNoConsoleErrors(WebDriver browser) {
    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).collect(Collectors.toList());
    assertTrue(errors.isEmpty(), errors.toString());
  }

  private static void screenshot(WebDriver browser, String name) throws Exception {
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, Paths.get("target", name), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Starts {@code pinpipe dashboard} from the bundled jar on a free port; returns its address once it serves. */
  private String serve(Path output, Path delta) throws Exception {
    int port = freePort();
    File log = tmp.resolve("dashboard.log").toFile();
    server = PinPipeJar.start(log, List.of("dashboard", "--outputDir=" + output, "--deltaRoot=" + delta,
        "--port=" + port));
    String url = "http://127.0.0.1:" + port + "/";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.readString(log.toPath(), StandardCharsets.UTF_8).contains("dashboard on " + url.replaceAll("/$", ""))) {
      assertTrue(server.isAlive() && System.nanoTime() < deadline, Files.readString(log.toPath()));
      Thread.sleep(200);
    }
    return url;
  }

  @Test
  void thePageDrawsTheNineResultsFollowsTheStreamAndLogsNoError() throws Exception {
    Path output = DemoBatchOutput.folder();
    Path delta = tmp.resolve("delta");
    WindowTables stream = new WindowTables(DeltaStorage.local(delta.toString()));
    for (int minute = 0; minute < 3; minute++) {
      stream.window(minute, 100 + minute, 30 + minute, "art");
    }
    String url = serve(output, delta);

    WebDriver page = browser(false);
    page.get(url);
    assertNineChartsDrawEveryRow(page);
    WebElement windows = page.findElement(By.id("live-windows"));
    waitFor(page, 30, "three windows of three series", p -> "9".equals(windows.getAttribute("data-points")));
    assertEquals("2", page.findElement(By.id("live-posters")).getAttribute("data-points"));

    stream.window(3, 140, 44, "travel"); // the stream commits a new window
    waitFor(page, 30, "the fourth window shown without a reload",
        p -> "12".equals(windows.getAttribute("data-points")));
    assertTrue(page.findElement(By.id("live-status")).getText().contains("4 windows"));
    assertTrue(page.findElement(By.id("health-last-run")).getText().contains("DirectRunner"));
    assertNoConsoleErrors(page);
    screenshot(page, "dashboard.png");
  }

  /** Markup in the data that runs script if a page ever inserts it as HTML. */
  static final String SCRIPT_IN_DATA = "<img src=x onerror=\"window.pinpipeRan=(window.pinpipeRan||0)+1\">";

  /** A cell a spreadsheet would run as a formula. */
  static final String FORMULA_IN_DATA = "=SUM(1,2)";

  /**
   * A batch output whose posts all carry {@link #SCRIPT_IN_DATA} as their category and poster name,
   * and a fifth of whose geo records carry it as the country: every chart that shows a name shows it.
   */
  private Path outputWithScriptInData() throws Exception {
    Path lake = tmp.resolve("hostile-lake");
    Path output = tmp.resolve("hostile-output");
    DemoBatchOutput.pinpipe("generate", "--lakeRoot=" + lake, "--posts=120", "--malformedRate=0", "--overwrite=true");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<Path> files;
    try (java.util.stream.Stream<Path> walk = Files.walk(lake)) {
      files = walk.filter(file -> file.toString().endsWith(".json")).collect(Collectors.toList());
    }
    for (Path file : files) {
      boolean pin = file.toString().contains(".pin/");
      boolean geo = file.toString().contains(".geo/");
      StringBuilder rewritten = new StringBuilder();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        com.fasterxml.jackson.databind.node.ObjectNode record =
            (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(line);
        if (pin) {
          record.put("category", SCRIPT_IN_DATA).put("poster_name", FORMULA_IN_DATA + SCRIPT_IN_DATA);
        } else if (geo && record.get("ind").asLong() % 5 == 0) {
          record.put("country", SCRIPT_IN_DATA);
        }
        rewritten.append(json.writeValueAsString(record)).append('\n');
      }
      Files.writeString(file, rewritten, StandardCharsets.UTF_8);
    }
    DemoBatchOutput.pinpipe("batch", "--lakeRoot=" + lake, "--outputDir=" + output);
    return output;
  }

  /**
   * Hovers every bar and point of every chart (a tooltip for each, as a pointer resting on it
   * shows) and the middle of each chart with the mouse; returns how many tooltips showed the
   * markup as text. Fails if any tooltip held an element made from the data or any script ran.
   */
  private static long hoverEveryChart(WebDriver page) throws Exception {
    for (WebElement chart : page.findElements(By.cssSelector("[data-rendered=true]"))) {
      new org.openqa.selenium.interactions.Actions(page).moveToElement(chart).perform();
    }
    Object shown = ((org.openqa.selenium.JavascriptExecutor) page).executeScript(String.join("\n",
        "var markup = arguments[0], report = { tips: 0, asText: 0, elements: 0 };",
        "document.querySelectorAll('[data-rendered=true]').forEach(function (div) {",
        "  var chart = echarts.getInstanceByDom(div);",
        "  chart.dispatchAction({ type: 'dataZoom', start: 0, end: 100 });",
        "  chart.getOption().series.forEach(function (series, s) {",
        "    for (var i = 0; i < series.data.length; i++) {",
        "      chart.dispatchAction({ type: 'showTip', seriesIndex: s, dataIndex: i });",
        "      report.tips++;",
        "      report.elements += div.querySelectorAll('img, script, iframe, svg, [onerror]').length;",
        "      if (div.textContent.indexOf(markup) >= 0) { report.asText++; }",
        "    }",
        "  });",
        "});",
        "return report;"), SCRIPT_IN_DATA);
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) shown;
    Thread.sleep(1_000); // an image that fails to load calls its handler a moment later
    assertTrue((Long) report.get("tips") > 0, report.toString());
    assertEquals(0L, report.get("elements"), "elements made from the data in a tooltip: " + report);
    assertEquals(null, ((org.openqa.selenium.JavascriptExecutor) page).executeScript("return window.pinpipeRan;"),
        "the data's script ran");
    assertEquals("pinpipe dashboard", page.getTitle());
    return (Long) report.get("asText");
  }

  /** Every CSV download's cells: a text cell never starts as a formula would; one held the formula as text. */
  private static void assertNoCsvCellIsAFormula(WebDriver page) {
    List<WebElement> links = page.findElements(By.cssSelector("a[download$='.csv']"));
    assertEquals(9, links.size());
    boolean formulaAsText = false;
    for (WebElement link : links) {
      String href = link.getAttribute("href");
      String text = java.net.URLDecoder.decode(href.substring(href.indexOf(',') + 1), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        // Cells start after a line start or a comma, perhaps inside quotes.
        assertFalse(java.util.regex.Pattern.compile("(^|,)\"?([=+@\t\r]|-[^0-9])").matcher(line).find(),
            link.getAttribute("download") + ": " + line);
        formulaAsText |= line.contains("'" + FORMULA_IN_DATA);
      }
    }
    assertTrue(formulaAsText, "no CSV held the poster name as text");
  }

  @Test
  void markupInTheDataIsShownAsTextInEveryTooltipLiveAndExported() throws Exception {
    Path output = outputWithScriptInData();
    Path delta = tmp.resolve("hostile-delta");
    WindowTables stream = new WindowTables(DeltaStorage.local(delta.toString()));
    for (int minute = 0; minute < 3; minute++) {
      stream.window(minute, 100 + minute, 30 + minute, SCRIPT_IN_DATA, SCRIPT_IN_DATA, SCRIPT_IN_DATA);
    }
    String url = serve(output, delta);
    WebDriver page = browser(false);
    page.get(url);
    waitFor(page, 60, "nine result charts drawn",
        p -> p.findElements(By.cssSelector("#results-list [data-rendered=true]")).size() == 9);
    waitFor(page, 30, "the live charts drawn", p -> "2".equals(p.findElement(By.id("live-posters")).getAttribute("data-points")));
    long asText = hoverEveryChart(page);
    assertNoCsvCellIsAFormula(page);
    assertTrue(asText > 0, "no tooltip showed the data's markup as text");
    assertNoConsoleErrors(page);
    screenshot(page, "dashboard-markup-in-data.png");
    page.quit();
    browser = null;

    Path report = tmp.resolve("hostile-report.html");
    Process export = PinPipeJar.start(tmp.resolve("export.log").toFile(), List.of("dashboard",
        "--outputDir=" + output, "--export=" + report));
    assertEquals(0, export.waitFor());
    WebDriver file = browser(true);
    file.get(report.toUri().toString());
    waitFor(file, 60, "nine result charts drawn",
        p -> p.findElements(By.cssSelector("#results-list [data-rendered=true]")).size() == 9);
    assertTrue(hoverEveryChart(file) > 0, "no tooltip showed the data's markup as text");
    assertNoConsoleErrors(file);
  }

  @Test
  void theExportedFileShowsTheNineChartsWithNoServerAndNoNetwork() throws Exception {
    Path report = tmp.resolve("report.html");
    File log = tmp.resolve("export.log").toFile();
    Process export = PinPipeJar.start(log, List.of("dashboard", "--outputDir=" + DemoBatchOutput.folder(),
        "--export=" + report));
    assertEquals(0, export.waitFor(), Files.readString(log.toPath()));

    WebDriver page = browser(true);
    page.get(report.toUri().toString());
    assertNineChartsDrawEveryRow(page);
    assertTrue(page.findElement(By.id("live-status")).getText().contains("no live results"));
    assertNoConsoleErrors(page);
    screenshot(page, "dashboard-export.png");
  }
}
