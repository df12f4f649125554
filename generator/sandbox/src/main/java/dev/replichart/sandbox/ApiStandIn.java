package dev.replichart.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.Selectors;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes API stand-in: a fabric8 mock API server in CRUD mode on the bridge's gateway, and
 * the sandbox's own client for the pods in it. The pods' scripts label and delete pods there with
 * the REST calls they make in a cluster; the sandbox creates the pods it runs there, reads their
 * labels back for Service routing, and notices the ones deleted there.
 */
final class ApiStandIn {
  static final int PORT = 16443;

  /**
   * The mock server logs every request; the sandbox's own status says what matters. Held in a
   * field: java.util.logging forgets the level of a logger nobody references.
   */
  private static final java.util.logging.Logger FABRIC8_LOG =
      java.util.logging.Logger.getLogger("io.fabric8");

  static {
    FABRIC8_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private KubernetesMockServer server;

  /** The URL the pods reach the stand-in at ({@code K8S_API}). */
  String url() {
    return "http://" + ServiceNetwork.GATEWAY + ":" + PORT;
  }

  /** Starts the server on the gateway address; the bridge must be up. */
  void start() throws IOException {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName(ServiceNetwork.GATEWAY), PORT);
  }

  void stop() {
    if (server != null) {
      server.destroy();
    }
  }

  /** Creates the pod with the given labels and address, as the StatefulSet controller would. */
  void createPod(String name, String ip, Map<String, String> labels) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode metadata = body.putObject("metadata");
    metadata.put("name", name).put("namespace", HelmRender.NAMESPACE);
    ObjectNode labelsNode = metadata.putObject("labels");
    labels.forEach(labelsNode::put);
    body.putObject("status").put("podIP", ip);
    send(
        HttpRequest.newBuilder(URI.create(podsUrl()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  void deletePod(String name) throws IOException {
    send(HttpRequest.newBuilder(URI.create(podsUrl() + "/" + name)).DELETE());
  }

  /** The pod as the stand-in holds it, or null when it does not exist (or does not answer). */
  JsonNode getPod(String name) {
    try {
      HttpResponse<String> r =
          send(HttpRequest.newBuilder(URI.create(podsUrl() + "/" + name)).GET());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The pod's labels as the stand-in holds them (the role label included); empty when absent. */
  Map<String, String> labels(String podName) {
    JsonNode pod = getPod(podName);
    return pod == null ? new TreeMap<>() : Selectors.toMap(pod.path("metadata").path("labels"));
  }

  private String podsUrl() {
    return url() + "/api/v1/namespaces/" + HelmRender.NAMESPACE + "/pods";
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
