package dev.replichart.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replichart.TestFiles;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole API stand-in — gateway, RBAC and the CRUD store with the API server's answers — on
 * loopback, called over HTTPS the way the chart's scripts call it ({@code openssl s_client},
 * HTTP/1.0, the service account's token and CA): Leases and Events as the scripts will use them,
 * optimistic concurrency on resourceVersion, JSON merge patch. The chart's Roles grant no Lease
 * yet, so the test binds one of its own to the database pods' ServiceAccount. Needs no root.
 */
class ApiStandInTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/default/leases";
  private static final String EVENTS = "/api/v1/namespaces/default/events";

  /** What the test grants the database pods beyond the chart's Roles. */
  private static final String LEASE_ROLE =
      """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: test-leases, namespace: default}
      rules:
        - apiGroups: [coordination.k8s.io]
          resources: [leases]
          verbs: [get, create, update, patch]
        - apiGroups: [""]
          resources: [events]
          verbs: [create]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: test-leases, namespace: default}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: test-leases}
      subjects:
        - {kind: ServiceAccount, name: db-maria, namespace: default}
      """;

  @TempDir static Path tmp;
  private static Path chart;
  private static ApiStandIn api;

  @BeforeAll
  static void start() throws Exception {
    RenderedChart rendered =
        new ChartGenerator().render(TestFiles.repoRoot().resolve("examples/mariadb.yaml"));
    chart = tmp.resolve("chart");
    ChartWriter.writeFiles(rendered, chart);
    List<KubeObject> objects =
        new ArrayList<>(KubeObject.parseAll(HelmRender.render(chart, List.of(), Map.of())));
    objects.addAll(KubeObject.parseAll(LEASE_ROLE));
    Certificates certificates = Certificates.create(tmp.resolve("pki"), "127.0.0.1");
    api =
        new ApiStandIn(
            new Rbac(objects, HelmRender.NAMESPACE),
            certificates,
            tmp.resolve("audit.log"),
            List.of(),
            new InetSocketAddress("127.0.0.1", 0),
            new InetSocketAddress("127.0.0.1", 0));
    for (String sa : List.of("db-maria", "db-maria-failover")) {
      Path dir = Files.createDirectories(tmp.resolve("sa").resolve(sa));
      Files.copy(certificates.caCertificate(), dir.resolve("ca.crt"));
      Files.writeString(dir.resolve("token"), api.issueToken(sa));
    }
    api.start();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.stop();
    }
  }

  /** An answer: status code and body. */
  private record Answer(int code, JsonNode body) {
    String reason() {
      return body.path("reason").asText();
    }

    String resourceVersion() {
      return body.path("metadata").path("resourceVersion").asText();
    }
  }

  /**
   * One request as the chart's lib-k8s.sh makes it: HTTP/1.0 over {@code openssl s_client},
   * verified against the sandbox CA, as ServiceAccount {@code sa}.
   */
  private static Answer call(String sa, String method, String path, String contentType, String body)
      throws Exception {
    Path account = tmp.resolve("sa").resolve(sa);
    StringBuilder request =
        new StringBuilder(method + " " + path + " HTTP/1.0\r\n")
            .append("Host: 127.0.0.1\r\n")
            .append("Authorization: Bearer ")
            .append(Files.readString(account.resolve("token")))
            .append("\r\nAccept: application/json\r\n");
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      request.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body != null) {
      request.append("Content-Length: ").append(bytes.length).append("\r\n");
    }
    request.append("\r\n");
    Process openssl =
        new ProcessBuilder(
                "openssl",
                "s_client",
                "-quiet",
                "-connect",
                "127.0.0.1:" + api.port(),
                "-CAfile",
                account.resolve("ca.crt").toString(),
                "-verify_return_error",
                "-verify_ip",
                "127.0.0.1")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (OutputStream in = openssl.getOutputStream()) {
      in.write(request.toString().getBytes(StandardCharsets.UTF_8));
      in.write(bytes);
    }
    String response = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(response).as("an HTTP answer to %s %s", method, path).startsWith("HTTP/1.");
    int code = Integer.parseInt(response.split(" ", 3)[1]);
    int start = response.indexOf("\r\n\r\n");
    String text = start < 0 ? "" : response.substring(start + 4);
    return new Answer(code, text.isBlank() ? JSON.nullNode() : JSON.readTree(text));
  }

  private static String lease(String name, String holder, String resourceVersion) {
    return "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\""
        + name
        + "\""
        + (resourceVersion == null ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\"")
        + "},\"spec\":{\"holderIdentity\":\""
        + holder
        + "\",\"leaseDurationSeconds\":10}}";
  }

  @Test
  void aLeaseIsCreatedOnceAndReplacedOnlyFromItsCurrentResourceVersion() throws Exception {
    Answer created = call("db-maria", "POST", LEASES, "application/json", lease("a", "db-0", null));
    assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
    String v1 = created.resourceVersion();

    Answer again = call("db-maria", "POST", LEASES, "application/json", lease("a", "db-1", null));
    assertThat(again.code()).isEqualTo(409);
    assertThat(again.reason()).isEqualTo("AlreadyExists");
    assertThat(again.body().path("message").asText())
        .isEqualTo("leases.coordination.k8s.io \"a\" already exists");
    assertThat(again.body().path("details").path("group").asText())
        .isEqualTo("coordination.k8s.io");

    Answer taken =
        call("db-maria", "PUT", LEASES + "/a", "application/json", lease("a", "db-1", v1));
    assertThat(taken.code()).as(taken.body().toString()).isEqualTo(200);
    assertThat(taken.body().path("spec").path("holderIdentity").asText()).isEqualTo("db-1");
    String v2 = taken.resourceVersion();
    assertThat(Long.parseLong(v2)).isGreaterThan(Long.parseLong(v1));

    Answer stale =
        call("db-maria", "PUT", LEASES + "/a", "application/json", lease("a", "db-2", v1));
    assertThat(stale.code()).isEqualTo(409);
    assertThat(stale.reason()).isEqualTo("Conflict");
    assertThat(stale.body().path("message").asText())
        .isEqualTo(
            "Operation cannot be fulfilled on leases.coordination.k8s.io \"a\": the object has"
                + " been modified; please apply your changes to the latest version and try again");
    Answer read = call("db-maria", "GET", LEASES + "/a", null, null);
    assertThat(read.body().path("spec").path("holderIdentity").asText()).isEqualTo("db-1");
    assertThat(read.resourceVersion()).isEqualTo(v2);

    Answer stalePatch =
        call(
            "db-maria",
            "PATCH",
            LEASES + "/a",
            "application/merge-patch+json",
            "{\"metadata\":{\"resourceVersion\":\""
                + v1
                + "\"},\"spec\":{\"holderIdentity\":\"x\"}}");
    assertThat(stalePatch.code()).isEqualTo(409);
    assertThat(stalePatch.reason()).isEqualTo("Conflict");

    Answer renewed =
        call(
            "db-maria",
            "PATCH",
            LEASES + "/a",
            "application/merge-patch+json",
            "{\"spec\":{\"renewTime\":\"2026-11-26T10:00:00.000000Z\"}}");
    assertThat(renewed.code()).as(renewed.body().toString()).isEqualTo(200);
    assertThat(Long.parseLong(renewed.resourceVersion())).isGreaterThan(Long.parseLong(v2));
    assertThat(renewed.body().path("spec").path("holderIdentity").asText()).isEqualTo("db-1");
  }

  @Test
  void aWriteThatChangesNothingKeepsTheResourceVersionAsTheApiServerDoes() throws Exception {
    String v1 =
        call("db-maria", "POST", LEASES, "application/json", lease("same", "db-0", null))
            .resourceVersion();
    Answer unchanged =
        call("db-maria", "PUT", LEASES + "/same", "application/json", lease("same", "db-0", v1));
    assertThat(unchanged.code()).isEqualTo(200);
    assertThat(unchanged.resourceVersion()).isEqualTo(v1);
  }

  @Test
  void wrongMediaTypesAreRefusedAsTheApiServerRefusesThem() throws Exception {
    call("db-maria", "POST", LEASES, "application/json", lease("m", "db-0", null));
    Answer putAsPatch =
        call(
            "db-maria",
            "PUT",
            LEASES + "/m",
            "application/merge-patch+json",
            lease("m", "x", null));
    assertThat(putAsPatch.code()).isEqualTo(415);
    assertThat(putAsPatch.reason()).isEqualTo("UnsupportedMediaType");
    Answer untypedPatch =
        call("db-maria", "PATCH", LEASES + "/m", null, "{\"spec\":{\"holderIdentity\":\"x\"}}");
    assertThat(untypedPatch.code()).isEqualTo(415);
    assertThat(untypedPatch.body().path("message").asText())
        .contains("application/merge-patch+json");
    Answer strategic =
        call(
            "db-maria",
            "PATCH",
            LEASES + "/m",
            "application/strategic-merge-patch+json",
            "{\"spec\":{\"holderIdentity\":\"y\"}}");
    assertThat(strategic.code()).isEqualTo(200);
    assertThat(strategic.body().path("spec").path("holderIdentity").asText()).isEqualTo("y");
  }

  @Test
  void aMissingObjectIsNotFoundWithTheApiServersStatus() throws Exception {
    Answer missing = call("db-maria", "GET", LEASES + "/nothing", null, null);
    assertThat(missing.code()).isEqualTo(404);
    assertThat(missing.reason()).isEqualTo("NotFound");
    assertThat(missing.body().path("message").asText())
        .isEqualTo("leases.coordination.k8s.io \"nothing\" not found");
    Answer put =
        call(
            "db-maria",
            "PUT",
            LEASES + "/nothing",
            "application/json",
            lease("nothing", "a", null));
    assertThat(put.code()).isEqualTo(404);
  }

  @Test
  void eventsArePostedWithGeneratedNamesAndANameTakenTwiceIsRefused() throws Exception {
    String event =
        "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"generateName\":\"db-maria-\"},"
            + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"db-maria-0\"},"
            + "\"reason\":\"Promoted\",\"message\":\"db-maria-0 is the primary\",\"type\":\"Normal\"}";
    Answer first = call("db-maria", "POST", EVENTS, "application/json", event);
    Answer second = call("db-maria", "POST", EVENTS, "application/json", event);
    assertThat(first.code()).as(first.body().toString()).isEqualTo(201);
    assertThat(second.code()).isEqualTo(201);
    String name = first.body().path("metadata").path("name").asText();
    assertThat(name).matches("db-maria-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(second.body().path("metadata").path("name").asText()).isNotEqualTo(name);
    String named = event.replace("\"generateName\":\"db-maria-\"", "\"name\":\"db-maria.1\"");
    assertThat(call("db-maria", "POST", EVENTS, "application/json", named).code()).isEqualTo(201);
    Answer twice = call("db-maria", "POST", EVENTS, "application/json", named);
    assertThat(twice.code()).isEqualTo(409);
    assertThat(twice.reason()).isEqualTo("AlreadyExists");
    assertThat(twice.body().path("message").asText())
        .isEqualTo("events \"db-maria.1\" already exists");
  }

  @Test
  void whatTheRolesDoNotGrantStaysForbidden() throws Exception {
    call("db-maria", "POST", LEASES, "application/json", lease("r", "db-0", null));
    Answer delete = call("db-maria", "DELETE", LEASES + "/r", null, null);
    assertThat(delete.code()).isEqualTo(403);
    assertThat(delete.reason()).isEqualTo("Forbidden");
    Answer other =
        call("db-maria-failover", "PUT", LEASES + "/r", "application/json", lease("r", "j", null));
    assertThat(other.code()).isEqualTo(403);
    assertThat(other.body().path("message").asText())
        .contains("cannot update resource \"leases\" in API group \"coordination.k8s.io\"");
    assertThat(call("db-maria", "GET", LEASES + "/r", null, null).body().path("spec"))
        .hasToString("{\"holderIdentity\":\"db-0\",\"leaseDurationSeconds\":10}");
  }

  /**
   * The chart's own remove_role_label (lib-k8s.sh) sends a JSON merge patch with a null label: the
   * label is gone afterwards, not stored as null.
   */
  @Test
  void theChartsMergePatchWithNullRemovesTheLabel() throws Exception {
    api.createPod("db-maria-0", "10.0.0.1", Map.of("app", "db", "replichart.dev/role", "primary"));
    Path scripts = chart.resolve("files/scripts");
    Shell.Result r =
        Shell.run(
            List.of(
                "env",
                "SA_DIR=" + tmp.resolve("sa").resolve("db-maria"),
                "KUBERNETES_SERVICE_HOST=127.0.0.1",
                "KUBERNETES_SERVICE_PORT=" + api.port(),
                "POD_NAMESPACE=default",
                "sh",
                "-eu",
                "-c",
                ". "
                    + scripts.resolve("lib-base.sh")
                    + "\n. "
                    + scripts.resolve("lib-k8s.sh")
                    + "\nremove_role_label db-maria-0\n"),
            "",
            30);
    assertThat(r.ok()).as(r.output()).isTrue();
    assertThat(api.labels("db-maria-0")).containsExactly(Map.entry("app", "db"));
    JsonNode pod = api.getPod("db-maria-0");
    assertThat(pod.path("metadata").path("labels").has("replichart.dev/role")).isFalse();
  }

  @Test
  void mergePatchFollowsRfc7386() throws IOException {
    JsonNode target = JSON.readTree("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"l\":[1,2]}");
    JsonNode patch = JSON.readTree("{\"a\":\"z\",\"c\":{\"f\":null},\"l\":[3],\"n\":{\"x\":null}}");
    assertThat(ApiServerDispatcher.merge(target, patch))
        .isEqualTo(JSON.readTree("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"l\":[3],\"n\":{}}"));
  }
}
