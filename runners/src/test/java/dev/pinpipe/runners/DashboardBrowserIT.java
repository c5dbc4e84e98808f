package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  @Test
  void thePageDrawsTheNineResultsFollowsTheStreamAndLogsNoError() throws Exception {
    Path output = DemoBatchOutput.folder();
    Path delta = tmp.resolve("delta");
    WindowTables stream = new WindowTables(DeltaStorage.local(delta.toString()));
    for (int minute = 0; minute < 3; minute++) {
      stream.window(minute, 100 + minute, 30 + minute, "art");
    }
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
