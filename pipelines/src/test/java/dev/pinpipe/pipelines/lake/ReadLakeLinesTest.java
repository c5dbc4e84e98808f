package dev.pinpipe.pipelines.lake;

import dev.pinpipe.schemas.RecordKind;
import dev.pinpipe.transforms.WithRejects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
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

    WithRejects<KV<String, String>> lines = pipeline.apply(ReadLakeLines.of(tmp + "/*.json", RecordKind.GEO));
    PAssert.that(lines.values()).containsInAnyOrder(
        KV.of(tmp.resolve("a.json") + ":1", "{\"a\":1}"), KV.of(tmp.resolve("a.json") + ":2", "{\"a\":2}"),
        KV.of(tmp.resolve("b.json") + ":1", "{\"b\":1}"), KV.of(tmp.resolve("b.json") + ":2", "{\"b\":2}"),
        KV.of(cut + ":1", "{\"c\":1}"), KV.of(cut + ":2", "{\"c\":2}"));
    PAssert.that(lines.rejected().apply(MapElements.into(TypeDescriptors.strings()).via((Row row) ->
            String.join("|", row.getString("kind"), row.getString("reason"), row.getString("raw"), row.getString("source")))))
        .containsInAnyOrder(
            String.join("|", "geo", ReadLakeLines.GZIP_BROKEN, cut.toString(), cut.toString()),
            String.join("|", "geo", "not valid UTF-8", "{\"\\xFF\"}", tmp.resolve("d.json") + ":1"));
    pipeline.run();
  }
}
