package dev.replichart.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.kube.Selectors;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes API stand-in: a fabric8 mock API server in CRUD mode that holds the objects and
 * answers as the API server does where the chart depends on it ({@link ApiServerDispatcher}), the
 * {@link ApiGateway} in front of it that the pods reach (HTTPS, a token per ServiceAccount, the
 * chart's RBAC enforced), and the sandbox's own client, which talks to the mock directly. The pods'
 * scripts label and delete pods and record state in ConfigMaps with the REST calls they make in a
 * cluster; the sandbox creates the pods it runs there, reads their labels back for Service routing,
 * and notices the ones deleted there.
 */
final class ApiStandIn {
  /** Where the pods reach the API server (HTTPS, through the gateway). */
  static final int PORT = 16443;

  /** The mock behind the gateway, for the gateway and the sandbox only. */
  private static final int MOCK_PORT = 16444;

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
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ApiGateway gateway;
  private final Certificates certificates;
  private final List<KubeObject> initialObjects;
  private final InetSocketAddress apiAddress;
  private final InetSocketAddress mockAddress;
  private KubernetesMockServer server;

  /**
   * The stand-in at the sandbox's addresses: the gateway at {@link ServiceNetwork#API}:{@value
   * #PORT}, the mock at {@link ServiceNetwork#GATEWAY}:{@value #MOCK_PORT}.
   *
   * @param rbac the chart's RBAC, enforced on every request of a pod
   * @param certificates the CA the pods trust and the API server's certificate
   * @param auditLog where the gateway records each request and its decision
   * @param initialObjects objects created before any pod starts, as {@code helm install} does
   */
  ApiStandIn(Rbac rbac, Certificates certificates, Path auditLog, List<KubeObject> initialObjects) {
    this(
        rbac,
        certificates,
        auditLog,
        initialObjects,
        new InetSocketAddress(ServiceNetwork.API, PORT),
        new InetSocketAddress(ServiceNetwork.GATEWAY, MOCK_PORT));
  }

  /** The stand-in at other addresses (port 0: any free port), e.g. on loopback for a test. */
  ApiStandIn(
      Rbac rbac,
      Certificates certificates,
      Path auditLog,
      List<KubeObject> initialObjects,
      InetSocketAddress apiAddress,
      InetSocketAddress mockAddress) {
    this.certificates = certificates;
    this.initialObjects = initialObjects;
    this.apiAddress = apiAddress;
    this.mockAddress = mockAddress;
    this.gateway = new ApiGateway(rbac, auditLog);
  }

  /**
   * The mock's own URL once started: the sandbox's client and the gateway use it, pods never do.
   */
  String url() {
    return "http://" + mockAddress.getHostString() + ":" + server.getPort();
  }

  /** The port the pods reach the API server at, once started. */
  int port() {
    return gateway.port();
  }

  /** A token for ServiceAccount {@code name} of the release's namespace. */
  String issueToken(String name) {
    return gateway.issueToken(HelmRender.NAMESPACE + "/" + name);
  }

  /**
   * Starts the mock and the gateway at their addresses (the bridge must be up), then creates the
   * initial objects.
   */
  void start() throws IOException {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new ApiServerDispatcher(), false);
    server.init(InetAddress.getByName(mockAddress.getHostString()), mockAddress.getPort());
    gateway.start(apiAddress, certificates, URI.create(url()));
    for (KubeObject object : initialObjects) {
      create(object);
    }
  }

  void stop() {
    gateway.close();
    if (server != null) {
      server.destroy();
    }
  }

  /** Creates a namespaced object (a ConfigMap, the failover Lease) as rendered. */
  private void create(KubeObject object) throws IOException {
    ObjectNode body = object.node().deepCopy();
    ((ObjectNode) body.path("metadata")).put("namespace", HelmRender.NAMESPACE);
    String collection = object.kind().toLowerCase(java.util.Locale.ROOT) + "s";
    String group = object.apiVersion().contains("/") ? "/apis/" : "/api/";
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        url()
                            + group
                            + object.apiVersion()
                            + "/namespaces/"
                            + HelmRender.NAMESPACE
                            + "/"
                            + collection))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    if (r.statusCode() / 100 != 2) {
      throw new SandboxException(
          "the API stand-in refused " + object.label() + ": HTTP " + r.statusCode());
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

  /**
   * The Events about a pod, oldest first, as "TYPE REASON: MESSAGE" ({@code kubectl describe pod}
   * lists them so); empty when there are none or the stand-in does not answer.
   */
  List<String> events(String podName) {
    try {
      HttpResponse<String> r =
          send(
              HttpRequest.newBuilder(
                      URI.create(url() + "/api/v1/namespaces/" + HelmRender.NAMESPACE + "/events"))
                  .GET());
      if (r.statusCode() != 200) {
        return List.of();
      }
      List<JsonNode> about = new ArrayList<>();
      for (JsonNode event : JSON.readTree(r.body()).path("items")) {
        if (event.path("involvedObject").path("name").asText().equals(podName)) {
          about.add(event);
        }
      }
      about.sort(Comparator.comparing(e -> e.path("lastTimestamp").asText()));
      return about.stream()
          .map(
              e ->
                  e.path("type").asText()
                      + " "
                      + e.path("reason").asText()
                      + ": "
                      + e.path("message").asText())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
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
