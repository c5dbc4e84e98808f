package dev.pinpipe.transforms.aggregate;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * A combine whose accumulator counts each distinct input value; subclasses read their answer
 * (a median, the most frequent value) off the counts. Its size is the number of distinct values,
 * not of inputs.
 */
abstract class CountEachValue<V, OutputT> extends Combine.CombineFn<V, Map<V, Long>, OutputT> {
  private final Coder<V> valueCoder;

  CountEachValue(Coder<V> valueCoder) {
    this.valueCoder = valueCoder;
  }

  @Override
  public Map<V, Long> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<V, Long> addInput(Map<V, Long> counts, V value) {
    counts.merge(value, 1L, Long::sum);
    return counts;
  }

  @Override
  public Map<V, Long> mergeAccumulators(Iterable<Map<V, Long>> accumulators) {
    Map<V, Long> merged = new HashMap<>();
    for (Map<V, Long> counts : accumulators) {
      counts.forEach((value, count) -> merged.merge(value, count, Long::sum));
    }
    return merged;
  }

  @Override
  public Coder<Map<V, Long>> getAccumulatorCoder(CoderRegistry registry, Coder<V> inputCoder) {
    return MapCoder.of(valueCoder, VarLongCoder.of());
  }
}
