package dev.pinpipe.runners.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.pipelines.lake.LakeFileSystems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/** The JSON-lines files of an output folder (local or S3), read a row at a time. */
final class JsonLines {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonLines() {}

  /** The files of {@code folder}, none when it is missing. */
  static List<MatchResult.Metadata> files(String folder) {
    return LakeFileSystems.matches(LakeFileSystems.trimSlash(folder) + "/*.json");
  }

  /** Each row of {@code files}, in file order. */
  static void read(List<MatchResult.Metadata> files, Consumer<JsonNode> row) throws IOException {
    for (MatchResult.Metadata file : files) {
      try (BufferedReader reader = open(file)) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) {
            row.accept(MAPPER.readTree(line));
          }
        }
      }
    }
  }

  /** The rows of {@code files}, counted without parsing them (a clean table may be gigabytes). */
  static long count(List<MatchResult.Metadata> files) throws IOException {
    long rows = 0;
    for (MatchResult.Metadata file : files) {
      try (BufferedReader reader = open(file)) {
        rows += reader.lines().filter(line -> !line.isBlank()).count();
      }
    }
    return rows;
  }

  private static BufferedReader open(MatchResult.Metadata file) throws IOException {
    return new BufferedReader(new InputStreamReader(
        Channels.newInputStream(FileSystems.open(file.resourceId())), StandardCharsets.UTF_8));
  }
}
