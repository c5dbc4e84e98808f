package dev.pinpipe.runners.dashboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.schemas.AnalyticsResult;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Every result has a chart, and the chart names only columns its result has. */
class ResultChartsTest {
  @Test
  void everyResultHasAChartOfItsOwnColumns() {
    for (AnalyticsResult result : AnalyticsResult.values()) {
      ResultCharts.Chart chart = ResultCharts.of(result);
      assertFalse(chart.title.isBlank(), result + " title");
      assertFalse(chart.definition.isBlank(), result + " definition");
      Arrays.asList(chart.x, chart.y, chart.label, chart.series).stream().filter(Objects::nonNull)
          .forEach(column -> assertTrue(result.schema().hasField(column), result + " has no column " + column));
    }
  }
}
