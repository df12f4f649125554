package dev.replichart.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.replichart.TestFiles;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API gateway with the chart's own RBAC and the chart's own lib-k8s.sh as the client: TLS
 * verified against the sandbox CA, one token per ServiceAccount, 403 for what the Roles do not
 * grant. Runs on loopback; needs no root.
 */
class ApiGatewayTest {
  @TempDir Path tmp;
  private HttpServer upstream;
  private ApiGateway gateway;
  private int port;
  private Path chart;

  @BeforeEach
  void start() throws Exception {
    upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          byte[] body =
              ("{\"kind\":\"Pod\",\"method\":\""
                      + exchange.getRequestMethod()
                      + "\",\"path\":\""
                      + exchange.getRequestURI().getPath()
                      + "\",\"data\":{\"initialized\":\"then\"}}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    upstream.start();
    RenderedChart rendered =
        new ChartGenerator().render(TestFiles.repoRoot().resolve("examples/mariadb.yaml"));
    chart = tmp.resolve("chart");
    ChartWriter.writeFiles(rendered, chart);
    List<KubeObject> objects = KubeObject.parseAll(HelmRender.render(chart, List.of(), Map.of()));
    gateway = new ApiGateway(new Rbac(objects, HelmRender.NAMESPACE), tmp.resolve("audit.log"));
    Certificates certificates = Certificates.create(tmp.resolve("pki"), "127.0.0.1");
    gateway.start(
        new InetSocketAddress("127.0.0.1", 0),
        certificates,
        URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
    port = gateway.port();
    for (String sa : List.of("db-maria", "db-maria-failover", "nobody")) {
      Path dir = Files.createDirectories(tmp.resolve("sa").resolve(sa));
      Files.copy(certificates.caCertificate(), dir.resolve("ca.crt"));
      String token = sa.equals("nobody") ? "not-a-token" : gateway.issueToken("default/" + sa);
      Files.writeString(dir.resolve("token"), token);
    }
  }

  @AfterEach
  void stop() {
    gateway.close();
    upstream.stop(0);
  }

  /** Runs k8s_call of the chart's lib-k8s.sh as ServiceAccount {@code sa}: exit code and output. */
  private Shell.Result call(String sa, String method, String path, String body) {
    Path scripts = chart.resolve("files/scripts");
    String script =
        ". "
            + scripts.resolve("lib-base.sh")
            + "\n. "
            + scripts.resolve("lib-k8s.sh")
            + "\n"
            + "k8s_call "
            + method
            + " '"
            + path
            + "' '"
            + body
            + "'\n";
    return Shell.run(
        List.of(
            "env",
            "SA_DIR=" + tmp.resolve("sa").resolve(sa),
            "KUBERNETES_SERVICE_HOST=127.0.0.1",
            "KUBERNETES_SERVICE_PORT=" + port,
            "sh",
            "-eu",
            "-c",
            script),
        "",
        30);
  }

  @Test
  void grantedCallsPassThroughVerifiedTls() {
    Shell.Result patch =
        call("db-maria", "PATCH", "/api/v1/namespaces/default/pods/db-maria-1", "{\"a\":1}");
    assertThat(patch.ok()).as(patch.output()).isTrue();
    assertThat(patch.output()).contains("\"method\":\"PATCH\"").contains("/pods/db-maria-1");
    Shell.Result state =
        call("db-maria", "GET", "/api/v1/namespaces/default/configmaps/db-maria-state", "");
    assertThat(state.ok()).as(state.output()).isTrue();
    Shell.Result delete =
        call("db-maria-failover", "DELETE", "/api/v1/namespaces/default/pods/db-maria-0", "");
    assertThat(delete.ok()).as(delete.output()).isTrue();
  }

  @Test
  void whatTheRolesDoNotGrantIsForbiddenWithTheApiServersWords() {
    Shell.Result get =
        call("db-maria-failover", "GET", "/api/v1/namespaces/default/pods/db-maria-0", "");
    assertThat(get.ok()).isFalse();
    assertThat(get.output())
        .contains("HTTP 403")
        .contains(
            "pods \\\"db-maria-0\\\" is forbidden: User"
                + " \\\"system:serviceaccount:default:db-maria-failover\\\" cannot get resource"
                + " \\\"pods\\\"");
    Shell.Result otherPod =
        call("db-maria", "PATCH", "/api/v1/namespaces/default/pods/someone-else", "{}");
    assertThat(otherPod.output()).contains("HTTP 403");
    Shell.Result otherConfigMap =
        call("db-maria", "GET", "/api/v1/namespaces/default/configmaps/db-maria-config", "");
    assertThat(otherConfigMap.output()).contains("HTTP 403");
    Shell.Result otherNamespace =
        call("db-maria", "PATCH", "/api/v1/namespaces/kube-system/pods/db-maria-0", "{}");
    assertThat(otherNamespace.output()).contains("HTTP 403");
  }

  @Test
  void anUnknownTokenIsUnauthorized() {
    Shell.Result r = call("nobody", "GET", "/api/v1/namespaces/default/pods/db-maria-0", "");
    assertThat(r.ok()).isFalse();
    assertThat(r.output()).contains("HTTP 401");
  }
}
