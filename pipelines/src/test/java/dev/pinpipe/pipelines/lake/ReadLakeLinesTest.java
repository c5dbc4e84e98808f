package dev.pinpipe.pipelines.lake;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.schemas.RejectedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lake files to lines: plain, gzip whatever the name, a gzip file cut short, bad bytes. */
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
  void readsPlainAndGzipFilesAndRejectsWhatCannotBeRead(TestPipeline pipeline) throws Exception {
    Files.writeString(tmp.resolve("a.json"), "{\"a\":1}\r\n{\"a\":2}");
    Files.write(tmp.resolve("b.json"), gzip("{\"b\":1}\n{\"b\":2}\n"));
    byte[] whole = gzip("{\"c\":1}\n{\"c\":2}\n");
    Path cut = Files.write(tmp.resolve("c.json"), Arrays.copyOf(whole, whole.length - 4)); // no gzip trailer
    Files.write(tmp.resolve("d.json"), new byte[] {'{', '"', (byte) 0xFF, '"', '}', '\n'});

    ReadLakeLines.Lines lines = pipeline.apply(ReadLakeLines.of(tmp + "/*.json", RecordKind.GEO));
    PAssert.that(lines.lines)
        .containsInAnyOrder("{\"a\":1}", "{\"a\":2}", "{\"b\":1}", "{\"b\":2}", "{\"c\":1}", "{\"c\":2}");
    PAssert.that(lines.rejected).containsInAnyOrder(
        RejectedRecord.of(RecordKind.GEO, ReadLakeLines.GZIP_BROKEN, cut.toString()),
        RejectedRecord.of(RecordKind.GEO, "not valid UTF-8", "{\"\\xFF\"}"));
    pipeline.run();
  }
}
