package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinpipe.pipelines.DeltaTestTables;
import dev.pinpipe.pipelines.LocalStack;
import dev.pinpipe.pipelines.SourcePosts;
import dev.pinpipe.pipelines.delta.DeltaStorage;
import dev.pinpipe.pipelines.delta.TableSpec;
import dev.pinpipe.pipelines.stream.StreamPipeline;
import dev.pinpipe.schemas.RecordKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Amazon Managed Service for Apache Flink application, as far as it can run here: the
 * application definition in {@code dags/managed-flink/} is read, its property groups are handed to
 * the job as the service hands them (the JSON file its runtime library reads), with the local
 * stack's endpoint, bucket and stream names in place of the account's, and the application jar
 * the definition names is run by the local Flink cluster's JobManager, as the service runs it,
 * at the definition's parallelism. Its clean tables on S3, read from Kinesis, equal the
 * DirectRunner's from the same streams, and so do those of a catch-up run on an embedded Flink. Nothing here runs on AWS: the service's own runtime,
 * IAM role, snapshots and scaling are not exercised.
 */
@Timeout(600)
class ManagedFlinkIT {
  @TempDir Path tmp;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DEFINITION = Path.of("..", "dags", "managed-flink", "pinterest_stream.json");
  private static final int POSTS = 300;

  /** The definition's property groups, as the file the service writes for the application. */
  private Path propertiesFile(JsonNode configuration, String prefix, String deltaRoot) throws Exception {
    ArrayNode groups = configuration.at("/EnvironmentProperties/PropertyGroups").deepCopy();
    ObjectNode options = null;
    for (JsonNode group : groups) {
      if (group.get("PropertyGroupId").asText().equals(ManagedFlinkStream.GROUP)) {
        options = (ObjectNode) group.get("PropertyMap");
      }
    }
    assertNotNull(options, "no property group " + ManagedFlinkStream.GROUP + " in " + DEFINITION);
    assertEquals("kinesis", options.get("source").asText(), "the application reads Kinesis");
    // What the account gives, here: the local streams and bucket, the local endpoint; and short
    // commits and windows, for a test.
    options.put("topicPrefix", prefix).put("deltaRoot", deltaRoot)
        .put("endpoint", LocalStack.awsEndpoint().toString()).put("s3PathStyle", "true")
        .put("commitSeconds", "2").put("windowSeconds", "10").put("allowedLatenessSeconds", "0");
    Path file = tmp.resolve("application_properties.json");
    JSON.writeValue(file.toFile(), groups);
    return file;
  }

  private static int rows(DeltaStorage storage, String table, TableSpec spec) throws Exception {
    return storage.table(table).schema().isPresent() ? DeltaTestTables.rows(storage, table, spec.schema).size() : 0;
  }

  @Test
  void theApplicationJarRunsOnAFlinkClusterWithTheDefinitionsPropertiesAndWritesTheDirectRunnersTables()
      throws Exception {
    JsonNode definition = JSON.readTree(DEFINITION.toFile());
    assertEquals("FLINK-1_19", definition.get("RuntimeEnvironment").asText());
    JsonNode configuration = definition.get("ApplicationConfiguration");
    String fileKey = configuration.at("/ApplicationCodeConfiguration/CodeContent/S3ContentLocation/FileKey").asText();
    Path jar = Path.of("target").resolve(Path.of(fileKey).getFileName());
    assertTrue(Files.isRegularFile(jar), "no " + jar + " (the jar the definition names): run mvn -Pmanaged-flink package");
    int parallelism = configuration.at("/FlinkApplicationConfiguration/ParallelismConfiguration/Parallelism").asInt();

    String prefix = LocalStack.unique("it_managed").replace('-', '_');
    SourcePosts.seedAndReplay(prefix, POSTS, 13, false, true);
    PinPipeTest.Outcome direct = PinPipeTest.pinpipe("stream", "--runner=DirectRunner", "--source=kinesis", "--topicPrefix=" + prefix,
        "--endpoint=" + LocalStack.awsEndpoint(), "--awsRegion=us-east-1", "--deltaRoot=" + tmp.resolve("direct"),
        "--commitSeconds=2", "--windowResults=false", "--exitWhenCaughtUp=true");
    assertEquals(PinPipe.OK, direct.code, direct.err);
    // The same catch-up on an embedded Flink, results on: it ends when the writer marks the table
    // (a running Flink job reports no metrics) and the window of its records is written.
    PinPipeTest.Outcome embedded = PinPipeTest.pinpipe("stream", "--runner=FlinkRunner", "--source=kinesis",
        "--topicPrefix=" + prefix, "--endpoint=" + LocalStack.awsEndpoint(), "--awsRegion=us-east-1",
        "--deltaRoot=" + tmp.resolve("embedded"), "--commitSeconds=2", "--windowSeconds=10",
        "--allowedLatenessSeconds=0", "--exitWhenCaughtUp=true");
    assertEquals(PinPipe.OK, embedded.code, embedded.err);
    DeltaStorage onEmbedded = DeltaStorage.local(tmp.resolve("embedded").toString());
    assertTrue(onEmbedded.table(TableSpec.summary(prefix).name).schema().isPresent(), "the window's summary written");

    StreamPipeline.Options onS3 = LocalStack.onLocalS3(PipelineOptionsFactory.as(StreamPipeline.Options.class));
    onS3.setDeltaRoot("s3://" + LocalStack.newBucket() + "/delta");
    DeltaStorage application = DeltaStorage.of(onS3);
    DeltaStorage reference = DeltaStorage.local(tmp.resolve("direct").toString());
    String job = FlinkCluster.runJar(jar, List.of(propertiesFile(configuration, prefix, onS3.getDeltaRoot()).toString()),
        parallelism);
    List<TableSpec> tables = StreamPipeline.tables(prefix);
    try {
      for (TableSpec table : tables) {
        int want = rows(reference, table.name, table);
        while (rows(application, table.name, table) < want) { // bounded by @Timeout
          assertEquals("RUNNING", FlinkCluster.state(job), "the application's job");
          Thread.sleep(1000);
        }
      }
    } finally {
      FlinkCluster.cancel(job);
    }
    for (JsonNode step : FlinkCluster.get("/jobs/" + job).get("vertices")) {
      // Beam's Impulse, the one element a Create starts from, always runs once.
      if (!step.get("name").asText().equals("Source: Impulse")) {
        assertEquals(parallelism, step.get("parallelism").asInt(), "parallelism of " + step.get("name"));
      }
    }
    for (TableSpec table : tables) {
      if (reference.table(table.name).schema().isPresent()) {
        SparkStreamIT.assertSameRows(reference, application, table.name, table.schema);
        SparkStreamIT.assertSameRows(reference, onEmbedded, table.name, table.schema);
      }
    }
    TableSpec pins = TableSpec.clean(prefix, RecordKind.PIN);
    assertEquals(POSTS, rows(application, pins.name, pins));
    // The main ran in the JobManager and returned: none of its clients' threads may outlive it
    // (the AWS SDK's reaper, left behind, spun on a class Flink had unloaded).
    for (JsonNode thread : FlinkCluster.get("/jobmanager/thread-dump").get("threadInfos")) {
      assertFalse(thread.get("threadName").asText().contains("connection-reaper"), thread.get("stringifiedThreadInfo").asText());
    }
  }
}
