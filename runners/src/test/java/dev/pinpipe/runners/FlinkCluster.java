package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.pipelines.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The local stack's Flink session cluster, as its REST API describes it. */
final class FlinkCluster {
  private FlinkCluster() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The cluster's record of the job named {@code name} ({@code GET /jobs/:id}), or the test fails. */
  static JsonNode job(String name) throws Exception {
    JsonNode jobs = get("/jobs/overview").get("jobs");
    for (JsonNode job : jobs) {
      if (job.get("name").asText().equals(name)) {
        return get("/jobs/" + job.get("jid").asText());
      }
    }
    throw new AssertionError("no job " + name + " on the cluster: " + jobs);
  }

  static JsonNode get(String path) throws Exception {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://" + LocalStack.flinkMaster() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return JSON.readTree(response.body());
  }
}
