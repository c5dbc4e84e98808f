package dev.pinpipe.transforms.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Combines the values of each key with {@code fn}: a per-key combine, or, given {@link
 * #inBuckets}, one combine per hash bucket of keys, whose accumulator holds {@code fn}'s
 * accumulator for each key of the bucket. The results are the same; the groups are fewer.
 *
 * <p>Why buckets: the DirectRunner evaluates every step after a grouping once per group, building
 * the step anew each time. A result with a group per country (248 in the demo lake) cost it 7,900
 * step evaluations of the demo's 12,000.
 */
public final class CombineGroups<K, V, OutputT>
    extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, OutputT>>> {
  private final CombineFn<V, ?, OutputT> fn;
  private final int buckets;

  private CombineGroups(CombineFn<V, ?, OutputT> fn, int buckets) {
    this.fn = fn;
    this.buckets = buckets;
  }

  /** One group per key. */
  public static <K, V, OutputT> CombineGroups<K, V, OutputT> perKey(CombineFn<V, ?, OutputT> fn) {
    return new CombineGroups<>(fn, KeyBuckets.PER_KEY);
  }

  /** The same, with keys grouped into {@code buckets} hash buckets; {@code PER_KEY} for none. */
  public CombineGroups<K, V, OutputT> inBuckets(int buckets) {
    if (buckets != KeyBuckets.PER_KEY) {
      KeyBuckets.check(buckets);
    }
    return new CombineGroups<>(fn, buckets);
  }

  @Override
  public PCollection<KV<K, OutputT>> expand(PCollection<KV<K, V>> input) {
    if (buckets == KeyBuckets.PER_KEY) {
      return input.apply("PerKey", Combine.perKey(fn));
    }
    KvCoder<K, V> inputCoder = (KvCoder<K, V>) input.getCoder();
    Coder<K> keyCoder = inputCoder.getKeyCoder();
    Coder<OutputT> outputCoder =
        outputCoder(fn, input.getPipeline().getCoderRegistry(), inputCoder.getValueCoder());
    return input
        .apply("KeyByBucket", ParDo.of(new KeyByBucketFn<K, V>(keyCoder, buckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), inputCoder))
        .apply("PerBucket", Combine.perKey(BucketFn.of(fn, keyCoder, outputCoder)))
        .apply("EachKey", ParDo.of(new EachKeyFn<K, OutputT>()))
        .setCoder(KvCoder.of(keyCoder, outputCoder));
  }

  private static <V, OutputT> Coder<OutputT> outputCoder(
      CombineFn<V, ?, OutputT> fn, CoderRegistry registry, Coder<V> valueCoder) {
    try {
      return fn.getDefaultOutputCoder(registry, valueCoder);
    } catch (CannotProvideCoderException e) {
      throw new IllegalArgumentException("no coder for the output of " + fn.getClass().getName(), e);
    }
  }

  /** The bucket of a key, from its encoded form: the same on every worker. */
  private static final class KeyByBucketFn<K, V> extends DoFn<KV<K, V>, KV<Integer, KV<K, V>>> {
    private final Coder<K> keyCoder;
    private final int buckets;

    KeyByBucketFn(Coder<K> keyCoder, int buckets) {
      this.keyCoder = keyCoder;
      this.buckets = buckets;
    }

    @ProcessElement
    public void process(@Element KV<K, V> element, OutputReceiver<KV<Integer, KV<K, V>>> out)
        throws CoderException {
      int hash = Arrays.hashCode(CoderUtils.encodeToByteArray(keyCoder, element.getKey()));
      out.output(KV.of(KeyBuckets.of(hash, buckets), element));
    }
  }

  /** {@code fn} for each key of a bucket, in a map by key. */
  private static final class BucketFn<K, V, AccumT, OutputT>
      extends CombineFn<KV<K, V>, Map<K, AccumT>, List<KV<K, OutputT>>> {
    private final CombineFn<V, AccumT, OutputT> fn;
    private final Coder<K> keyCoder;
    private final Coder<OutputT> outputCoder;

    private BucketFn(CombineFn<V, AccumT, OutputT> fn, Coder<K> keyCoder, Coder<OutputT> outputCoder) {
      this.fn = fn;
      this.keyCoder = keyCoder;
      this.outputCoder = outputCoder;
    }

    static <K, V, AccumT, OutputT> BucketFn<K, V, AccumT, OutputT> of(
        CombineFn<V, AccumT, OutputT> fn, Coder<K> keyCoder, Coder<OutputT> outputCoder) {
      return new BucketFn<>(fn, keyCoder, outputCoder);
    }

    @Override
    public Map<K, AccumT> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public Map<K, AccumT> addInput(Map<K, AccumT> perKey, KV<K, V> input) {
      AccumT accumulator = perKey.computeIfAbsent(input.getKey(), key -> fn.createAccumulator());
      perKey.put(input.getKey(), fn.addInput(accumulator, input.getValue()));
      return perKey;
    }

    @Override
    public Map<K, AccumT> mergeAccumulators(Iterable<Map<K, AccumT>> accumulators) {
      Map<K, AccumT> merged = new HashMap<>();
      for (Map<K, AccumT> perKey : accumulators) {
        perKey.forEach((key, accumulator) ->
            merged.merge(key, accumulator, (left, right) -> fn.mergeAccumulators(List.of(left, right))));
      }
      return merged;
    }

    @Override
    public List<KV<K, OutputT>> extractOutput(Map<K, AccumT> perKey) {
      List<KV<K, OutputT>> outputs = new ArrayList<>(perKey.size());
      perKey.forEach((key, accumulator) -> outputs.add(KV.of(key, fn.extractOutput(accumulator))));
      return outputs;
    }

    @Override
    public Coder<Map<K, AccumT>> getAccumulatorCoder(CoderRegistry registry, Coder<KV<K, V>> inputCoder)
        throws CannotProvideCoderException {
      Coder<V> valueCoder = ((KvCoder<K, V>) inputCoder).getValueCoder();
      return MapCoder.of(keyCoder, fn.getAccumulatorCoder(registry, valueCoder));
    }

    @Override
    public Coder<List<KV<K, OutputT>>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<K, V>> inputCoder) {
      return ListCoder.of(KvCoder.of(keyCoder, outputCoder));
    }
  }

  /** A bucket's results, one element per key. */
  private static final class EachKeyFn<K, OutputT>
      extends DoFn<KV<Integer, List<KV<K, OutputT>>>, KV<K, OutputT>> {
    @ProcessElement
    public void process(@Element KV<Integer, List<KV<K, OutputT>>> bucket, OutputReceiver<KV<K, OutputT>> out) {
      bucket.getValue().forEach(out::output);
    }
  }
}
