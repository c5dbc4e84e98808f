package dev.pinpipe.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinpipe.pipelines.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

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
    return send(request(path).GET());
  }

  /**
   * Runs {@code jar}'s main class in the JobManager, as a cluster that runs an application jar
   * does ({@code POST /jars/upload}, then {@code POST /jars/:id/run}); returns the id of the job
   * it submitted.
   */
  static String runJar(Path jar, List<String> args, int parallelism) throws Exception {
    String boundary = "pinpipe-" + UUID.randomUUID();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
        + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
    JsonNode uploaded = send(request("/jars/upload")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
            HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"))));
    String jarId = Path.of(uploaded.get("filename").asText()).getFileName().toString();
    String run = JSON.writeValueAsString(JSON.createObjectNode().put("parallelism", parallelism)
        .set("programArgsList", JSON.valueToTree(args)));
    JsonNode started = send(request("/jars/" + jarId + "/run")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(run)));
    return started.get("jobid").asText();
  }

  /** The state of job {@code id}: RUNNING, FAILED, CANCELED... */
  static String state(String id) throws Exception {
    return get("/jobs/" + id).get("state").asText();
  }

  /** Cancels job {@code id} ({@code PATCH /jobs/:id?mode=cancel}). */
  static void cancel(String id) throws Exception {
    HttpResponse<String> response = HTTP.send(
        request("/jobs/" + id + "?mode=cancel").method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, response.statusCode(), "cancel " + id + ": " + response.body());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://" + LocalStack.flinkMaster() + path));
  }

  private static JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpRequest built = request.build();
    HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), built.method() + " " + built.uri().getPath() + ": " + response.body());
    return JSON.readTree(response.body());
  }
}
