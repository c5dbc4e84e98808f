package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pinpipe.pipelines.LocalStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code seed-db} and {@code emulate} say what they did: the rows written and the records sent, counted. */
@Timeout(300)
class SeedAndEmulateReportIT {
  @TempDir Path tmp;

  @Test
  void seedDbAndEmulateReportTheRowsAndRecordsTheyWrote() {
    String database = "--jdbcUrl=jdbc:h2:" + tmp.resolve("db") + ";MODE=MySQL";
    PinPipeTest.Outcome seeded = PinPipeTest.pinpipe("seed-db", database, "--posts=25");
    assertEquals(PinPipe.OK, seeded.code, seeded.err);
    assertTrue(seeded.out.startsWith("Seeded 25 posts (75 rows) into pinterest_data"), seeded.out);

    String prefix = LocalStack.unique("it-report");
    PinPipeTest.Outcome posted = PinPipeTest.pinpipe("emulate", database, "--mode=replay",
        "--kafkaBootstrapServers=" + LocalStack.kafka(), "--topicPrefix=" + prefix);
    assertEquals(PinPipe.OK, posted.code, posted.err);
    assertTrue(posted.out.startsWith("Posted 25 posts (75 records) for prefix " + prefix + " to Kafka"), posted.out);
  }
}
