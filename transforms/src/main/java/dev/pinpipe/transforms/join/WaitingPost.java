package dev.pinpipe.transforms.join;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;

/**
 * One post's records waiting in {@link JoinArrivingPosts} for each other (pin, geo, user, each
 * with its arrival, or null until it comes), and when the post is forgotten: one state entry per
 * post, read and written once per record. Immutable: a record's arrival makes a new one.
 */
final class WaitingPost {
  private final List<TimestampedValue<Row>> records;
  private final Instant forgetAt;

  private WaitingPost(List<TimestampedValue<Row>> records, Instant forgetAt) {
    this.records = records;
    this.forgetAt = forgetAt;
  }

  /** A post none of whose records has come yet, forgotten at {@code forgetAt}. */
  static WaitingPost until(Instant forgetAt) {
    return new WaitingPost(Arrays.asList(null, null, null), forgetAt);
  }

  /** The record of kind {@code tag} (0 pin, 1 geo, 2 user), or null. */
  TimestampedValue<Row> record(int tag) {
    return records.get(tag);
  }

  /** This post with {@code record} as its record of kind {@code tag}. */
  WaitingPost with(int tag, TimestampedValue<Row> record) {
    List<TimestampedValue<Row>> next = new ArrayList<>(records);
    next.set(tag, record);
    return new WaitingPost(next, forgetAt);
  }

  Instant forgetAt() {
    return forgetAt;
  }

  boolean complete() {
    return !records.contains(null);
  }

  /** Encodes each record or its absence, then the time to forget. */
  static final class WaitingPostCoder extends CustomCoder<WaitingPost> {
    private final List<Coder<TimestampedValue<Row>>> records = new ArrayList<>();

    /** For records of the three kinds' schemas, in tag order. */
    WaitingPostCoder(List<Schema> schemas) {
      for (Schema schema : schemas) {
        records.add(NullableCoder.of(TimestampedValue.TimestampedValueCoder.of(RowCoder.of(schema))));
      }
    }

    @Override
    public void encode(WaitingPost post, OutputStream out) throws IOException {
      for (int tag = 0; tag < records.size(); tag++) {
        records.get(tag).encode(post.record(tag), out);
      }
      InstantCoder.of().encode(post.forgetAt, out);
    }

    @Override
    public WaitingPost decode(InputStream in) throws IOException {
      List<TimestampedValue<Row>> decoded = new ArrayList<>();
      for (Coder<TimestampedValue<Row>> coder : records) {
        decoded.add(coder.decode(in));
      }
      return new WaitingPost(decoded, InstantCoder.of().decode(in));
    }
  }
}
