package dev.pinpipe.pipelines.common;

import java.util.Optional;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
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

  /**
   * Whether the runner reports any counter of {@code namespace}: a running Flink job reports none,
   * and once stopped its embedded cluster is gone and cannot be asked.
   */
  public static boolean reported(PipelineResult result, String namespace) {
    try {
      return result.metrics()
          .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(namespace)).build())
          .getCounters().iterator().hasNext();
    } catch (UnsupportedOperationException | IllegalStateException notReported) {
      return false;
    }
  }

  /** The largest value distribution {@code namespace:name} was given over all steps; empty if none. */
  public static Optional<Long> attemptedMax(PipelineResult result, String namespace, String name) {
    Optional<Long> max = Optional.empty();
    for (MetricResult<DistributionResult> distribution :
        result.metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.named(namespace, name)).build())
            .getDistributions()) {
      DistributionResult given = distribution.getAttempted();
      if (given.getCount() > 0 && (max.isEmpty() || given.getMax() > max.get())) {
        max = Optional.of(given.getMax());
      }
    }
    return max;
  }
}
