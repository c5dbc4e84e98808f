package dev.pinpipe.pipelines.lake;

import dev.pinpipe.transforms.SourcedLine;
import dev.pinpipe.transforms.Utf8Lines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lake files to lines: plain, gzip whatever the name; a gzip file cut short and bad bytes come out unreadable. */
@ExtendWith(TestPipelineExtension.class)
class ReadLakeLinesTest {
  @TempDir Path tmp;

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void readsPlainAndGzipFilesAndMarksWhatCannotBeRead(TestPipeline pipeline) throws Exception {
    Files.writeString(tmp.resolve("a.json"), "{\"a\":1}\r\n{\"a\":2}");
    Files.write(tmp.resolve("b.json"), gzip("{\"b\":1}\n{\"b\":2}\n"));
    byte[] whole = gzip("{\"c\":1}\n{\"c\":2}\n");
    Path cut = Files.write(tmp.resolve("c.json"), Arrays.copyOf(whole, whole.length - 4)); // no gzip trailer
    Files.write(tmp.resolve("d.json"), new byte[] {'{', '"', (byte) 0xFF, '"', '}', '\n'});

    PCollection<SourcedLine> lines = pipeline.apply(ReadLakeLines.of(tmp + "/*.json"));
    PAssert.that(lines).containsInAnyOrder(
        SourcedLine.of(tmp.resolve("a.json") + ":1", "{\"a\":1}"), SourcedLine.of(tmp.resolve("a.json") + ":2", "{\"a\":2}"),
        SourcedLine.of(tmp.resolve("b.json") + ":1", "{\"b\":1}"), SourcedLine.of(tmp.resolve("b.json") + ":2", "{\"b\":2}"),
        SourcedLine.of(cut + ":1", "{\"c\":1}"), SourcedLine.of(cut + ":2", "{\"c\":2}"),
        SourcedLine.unreadable(cut.toString(), cut.toString(), ReadLakeLines.GZIP_BROKEN),
        SourcedLine.unreadable(tmp.resolve("d.json") + ":1", "{\"\\xFF\"}", Utf8Lines.NOT_UTF8));
    pipeline.run();
  }
}
