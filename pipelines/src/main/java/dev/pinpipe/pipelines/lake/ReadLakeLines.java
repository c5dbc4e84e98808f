package dev.pinpipe.pipelines.lake;

import dev.pinpipe.transforms.CleanRecords;
import dev.pinpipe.transforms.RecordParser;
import dev.pinpipe.transforms.SourcedLine;
import dev.pinpipe.transforms.Utf8Lines;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the lines of every lake file matching a glob, as bytes, and decodes them as UTF-8
 * strictly. Lines end at {@code \n}, {@code \r\n} or {@code \r}; a UTF-8 byte-order mark that
 * starts a file is dropped; a gzip file is read through gzip whatever its name. Lines that are not
 * UTF-8, or longer than {@link RecordParser#MAX_LINE_CHARS} bytes, and gzip files that break off,
 * come out {@link SourcedLine#unreadable unreadable}, with a reason, for {@link CleanRecords} to
 * reject and count with the rest.
 */
public final class ReadLakeLines extends PTransform<PBegin, PCollection<SourcedLine>> {
  static final String GZIP_BROKEN = "gzip file is corrupt or cut short";
  /** How much of an over-long line its rejected record keeps. */
  static final int KEPT_OF_LONG_LINE = 1_000;

  private final String glob;

  private ReadLakeLines(String glob) {
    this.glob = glob;
  }

  public static ReadLakeLines of(String glob) {
    return new ReadLakeLines(glob);
  }

  @Override
  public PCollection<SourcedLine> expand(PBegin begin) {
    PCollection<MatchResult.Metadata> files;
    if (LakeFileSystems.isLocal(glob)) {
      // Listed here, not by Beam's local match, which follows links round loops (LocalGlob).
      List<String> paths = new ArrayList<>();
      LakeFileSystems.matches(glob).forEach(file -> paths.add(file.resourceId().toString()));
      files = begin
          .apply("ListFiles", Create.of(paths).withCoder(StringUtf8Coder.of()))
          .apply("MatchFiles", FileIO.matchAll().withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW));
    } else {
      files = begin.apply("MatchFiles",
          FileIO.match().filepattern(glob).withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW));
    }
    return files
        .apply("OpenFiles", FileIO.readMatches().withCompression(Compression.UNCOMPRESSED))
        .apply("ReadLines", ParDo.of(new ReadLinesFn()))
        .setCoder(SourcedLine.LineCoder.of());
  }

  /** Where a line came from: its file and line number, from 1. */
  static String source(String file, long lineNumber) {
    return file + ":" + lineNumber;
  }

  /** Splits one file into lines; see the class comment. */
  static final class ReadLinesFn extends DoFn<FileIO.ReadableFile, SourcedLine> {
    @ProcessElement
    public void process(@Element FileIO.ReadableFile file, OutputReceiver<SourcedLine> out) throws IOException {
      String name = file.getMetadata().resourceId().toString();
      try (InputStream in = open(file)) {
        LineSplitter lines = new LineSplitter(in, RecordParser.MAX_LINE_CHARS, KEPT_OF_LONG_LINE);
        long number = 0;
        for (LineSplitter.Line line = lines.next(); line != null; line = lines.next()) {
          String source = source(name, ++number);
          if (line.length > RecordParser.MAX_LINE_CHARS) {
            out.output(SourcedLine.unreadable(source, Utf8Lines.escaped(line.bytes) + "...",
                String.format("longer than %,d bytes (%,d)", RecordParser.MAX_LINE_CHARS, line.length)));
          } else {
            out.output(Utf8Lines.sourced(source, line.bytes));
          }
        }
      } catch (ZipException | EOFException e) {
        // A gzip file that breaks off: the lines before the break were read; the file is named.
        out.output(SourcedLine.unreadable(name, name, GZIP_BROKEN));
      }
    }

    private static InputStream open(FileIO.ReadableFile file) throws IOException {
      return asRead(file.open());
    }
  }

  /**
   * A lake file's bytes as a run reads them: through gzip (a {@link GZIPInputStream}) when they
   * start with gzip's magic bytes, whatever the file's name.
   */
  static InputStream asRead(ReadableByteChannel channel) throws IOException {
    BufferedInputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
    in.mark(2);
    boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    // Not buffered again: LineSplitter buffers, and a buffer would swallow the lines that a
    // cut-short gzip file yielded before its end.
    return gzip ? new GZIPInputStream(in, 1 << 16) : in;
  }
}
