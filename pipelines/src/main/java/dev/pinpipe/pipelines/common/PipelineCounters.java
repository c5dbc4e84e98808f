package dev.pinpipe.pipelines.common;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Reads a pipeline's counters back after (or while) it runs. */
public final class PipelineCounters {
  private PipelineCounters() {}

  /** The attempted total of counter {@code namespace:name} over all steps; 0 if never set. */
  public static long attempted(PipelineResult result, String namespace, String name) {
    long total = 0;
    for (MetricResult<Long> counter :
        result.metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.named(namespace, name)).build())
            .getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }
}
