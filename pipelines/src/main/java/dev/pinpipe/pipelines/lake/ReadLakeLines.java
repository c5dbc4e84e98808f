package dev.pinpipe.pipelines.lake;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.InvalidRecordException;
import dev.pinpipe.transforms.RecordParser;
import dev.pinpipe.transforms.Utf8Lines;
import dev.pinpipe.transforms.WithRejects;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Reads the lines of every lake file matching a glob, as bytes, and decodes them as UTF-8
 * strictly. Lines end at {@code \n}, {@code \r\n} or {@code \r}; a UTF-8 byte-order mark that
 * starts a file is dropped; a gzip file is read through gzip whatever its name. Lines that are not
 * UTF-8, or longer than {@link RecordParser#MAX_LINE_CHARS} bytes, and gzip files that break off,
 * come out rejected with a reason (the kind's {@code rejected_<kind>} counter counts them), so the
 * lines that do come out are exactly the records {@link CleanRecords} is to judge.
 */
public final class ReadLakeLines extends PTransform<PBegin, WithRejects<KV<String, String>>> {
  private static final TupleTag<KV<String, String>> LINES = new TupleTag<KV<String, String>>() {};
  private static final TupleTag<Row> REJECTED = new TupleTag<Row>() {};
  static final String GZIP_BROKEN = "gzip file is corrupt or cut short";
  /** How much of an over-long line its rejected record keeps. */
  static final int KEPT_OF_LONG_LINE = 1_000;

  private final String glob;
  private final RecordKind kind;

  private ReadLakeLines(String glob, RecordKind kind) {
    this.glob = glob;
    this.kind = kind;
  }

  public static ReadLakeLines of(String glob, RecordKind kind) {
    return new ReadLakeLines(glob, kind);
  }

  @Override
  public WithRejects<KV<String, String>> expand(PBegin begin) {
    PCollectionTuple read =
        begin
            .apply("MatchFiles", FileIO.match().filepattern(glob).withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
            .apply("OpenFiles", FileIO.readMatches().withCompression(Compression.UNCOMPRESSED))
            .apply("ReadLines", ParDo.of(new ReadLinesFn(kind)).withOutputTags(LINES, TupleTagList.of(REJECTED)));
    return new WithRejects<>(
        read.get(LINES).setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())),
        read.get(REJECTED).setRowSchema(RejectedRecord.SCHEMA));
  }

  /** Where a line came from: its file and line number, from 1. */
  static String source(String file, long lineNumber) {
    return file + ":" + lineNumber;
  }

  /** Splits one file into lines; see the class comment. */
  static final class ReadLinesFn extends DoFn<FileIO.ReadableFile, KV<String, String>> {
    private final RecordKind kind;
    private final Counter rejected;

    ReadLinesFn(RecordKind kind) {
      this.kind = kind;
      this.rejected = CleanRecords.rejectedCounter(kind);
    }

    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, MultiOutputReceiver out) throws IOException {
      String name = file.getMetadata().resourceId().toString();
      try (InputStream in = open(file)) {
        LineSplitter lines = new LineSplitter(in, RecordParser.MAX_LINE_CHARS, KEPT_OF_LONG_LINE);
        long number = 0;
        for (LineSplitter.Line line = lines.next(); line != null; line = lines.next()) {
          String source = source(name, ++number);
          if (line.length > RecordParser.MAX_LINE_CHARS) {
            reject(out, String.format("longer than %,d bytes (%,d)", RecordParser.MAX_LINE_CHARS, line.length),
                Utf8Lines.escaped(line.bytes) + "...", source);
            continue;
          }
          try {
            out.get(LINES).output(KV.of(source, Utf8Lines.decode(line.bytes)));
          } catch (InvalidRecordException e) {
            reject(out, e.getMessage(), Utf8Lines.escaped(line.bytes), source);
          }
        }
      } catch (ZipException | EOFException e) {
        // A gzip file that breaks off: the lines before the break were read; the file is named.
        reject(out, GZIP_BROKEN, name, name);
      }
    }

    private void reject(MultiOutputReceiver out, String reason, String raw, String source) {
      rejected.inc();
      out.get(REJECTED).output(RejectedRecord.of(kind, reason, raw, source, null, Instant.now()));
    }

    /** The file's bytes, through gzip when it starts with gzip's magic bytes. */
    private static InputStream open(FileIO.ReadableFile file) throws IOException {
      BufferedInputStream in = new BufferedInputStream(Channels.newInputStream(file.open()), 1 << 16);
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      // Not buffered again: LineSplitter buffers, and a buffer would swallow the lines that a
      // cut-short gzip file yielded before its end.
      return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }
  }
}
