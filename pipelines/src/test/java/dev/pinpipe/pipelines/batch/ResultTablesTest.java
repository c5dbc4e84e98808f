package dev.pinpipe.pipelines.batch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.schemas.AnalyticsResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTablesTest {
  @TempDir Path tmp;

  @Test
  void namesHoldingTerminalCommandsArePrintedEscaped() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve(AnalyticsResult.TOP_USER_BY_COUNTRY.folder()));
    // A poster name that retitles the terminal, clears the screen and forges a line of its own.
    Files.writeString(folder.resolve("part-0.json"),
        "{\"country\":\"Chad\",\"poster_name\":\"\\u001b]0;pwned\\u0007\\u001b[2J\\r\\nerror: forged\","
            + "\"follower_count\":5}\n", StandardCharsets.UTF_8);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ResultTables.print(tmp.toString(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    String text = printed.toString(StandardCharsets.UTF_8);
    assertFalse(text.chars().anyMatch(c -> c < 0x20 && c != '\n'), "a control character reached the terminal");
    assertFalse(text.contains("\nerror: forged"), "a forged line");
    assertTrue(text.contains("\\u001b]0;pwned\\u0007\\u001b[2J\\u000d\\u000aerror: forged"), text);
  }
}
