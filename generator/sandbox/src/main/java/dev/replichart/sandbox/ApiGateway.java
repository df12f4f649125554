package dev.replichart.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The API server as the pods meet it: HTTPS with a certificate signed by the sandbox's own CA
 * (mounted in each pod as the service account's {@code ca.crt}), a bearer token per ServiceAccount,
 * and every request authorized against the chart's rendered RBAC. An unknown token gets 401 and a
 * request the RBAC does not grant gets 403, each with a Kubernetes {@code Status} body worded as
 * the API server words it; the rest is passed on to the CRUD stand-in behind it. Every decision is
 * logged to {@code api-audit.log} in the state directory.
 */
final class ApiGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STORE_PASSWORD = "sandbox";

  private final Rbac rbac;
  private final Path auditLog;
  private final Map<String, String> serviceAccountByToken = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private HttpsServer server;
  private URI upstream;

  /**
   * @param rbac the chart's RBAC
   * @param auditLog where each request and its decision is appended
   */
  ApiGateway(Rbac rbac, Path auditLog) {
    this.rbac = rbac;
    this.auditLog = auditLog;
  }

  /** A new random token for ServiceAccount {@code namespace/name}. */
  String issueToken(String serviceAccount) {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String token = HexFormat.of().formatHex(bytes);
    serviceAccountByToken.put(token, serviceAccount);
    return token;
  }

  /**
   * Serves HTTPS on {@code address} with the server certificate of {@code certificates}.
   *
   * @param upstream the CRUD stand-in, reached over plain HTTP by the gateway only
   */
  void start(InetSocketAddress address, Certificates certificates, URI upstream)
      throws IOException {
    this.upstream = upstream;
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(certificates.serverKeyStore())) {
        store.load(in, STORE_PASSWORD.toCharArray());
      }
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, STORE_PASSWORD.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), null, null);
      server = HttpsServer.create(address, 16);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot set up the API server's TLS: " + e.getMessage(), e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4, daemon()));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The port it serves on (the one asked for, or the one the system chose for port 0). */
  int port() {
    return server.getAddress().getPort();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "sandbox-api-gateway");
      t.setDaemon(true);
      return t;
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String method = exchange.getRequestMethod();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String token =
          authorization != null && authorization.startsWith("Bearer ")
              ? authorization.substring("Bearer ".length()).trim()
              : "";
      String serviceAccount = serviceAccountByToken.get(token);
      if (serviceAccount == null) {
        audit(method, uri, "-", 401);
        status(exchange, 401, "Unauthorized", "Unauthorized");
        return;
      }
      ApiRequest request = ApiRequest.of(method, uri.getRawPath(), uri.getRawQuery());
      if (request == null || !rbac.allows(serviceAccount, request)) {
        audit(method, uri, serviceAccount, 403);
        status(exchange, 403, "Forbidden", forbidden(serviceAccount, request, uri));
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(upstream.resolve(uri.getRawPath() + query(uri)))
              .timeout(Duration.ofSeconds(10))
              .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null) {
        forward.header("Content-Type", contentType);
      }
      HttpResponse<byte[]> response;
      try {
        response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      audit(method, uri, serviceAccount, response.statusCode());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      send(exchange, response.statusCode(), response.body());
    } catch (IOException | RuntimeException e) {
      Logger.getLogger(ApiGateway.class.getName()).log(Level.FINE, "request failed", e);
    }
  }

  private static String query(URI uri) {
    return uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
  }

  /** The API server's wording for a denied request. */
  private static String forbidden(String serviceAccount, ApiRequest r, URI uri) {
    String[] sa = serviceAccount.split("/", 2);
    String user = "\"system:serviceaccount:" + sa[0] + ":" + sa[1] + "\"";
    if (r == null) {
      return "forbidden: User " + user + " cannot get path \"" + uri.getRawPath() + "\"";
    }
    return r.target()
        + " is forbidden: User "
        + user
        + " cannot "
        + r.verb()
        + " resource \""
        + (r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource())
        + "\" in API group \""
        + r.apiGroup()
        + "\""
        + (r.namespace().isEmpty()
            ? " at the cluster scope"
            : " in the namespace \"" + r.namespace() + "\"");
  }

  private static void status(HttpExchange exchange, int code, String reason, String message)
      throws IOException {
    ObjectNode status = JSON.createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, code, JSON.writeValueAsBytes(status));
  }

  private static void send(HttpExchange exchange, int code, byte[] body) throws IOException {
    exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private synchronized void audit(String method, URI uri, String serviceAccount, int code) {
    String line =
        java.time.Instant.now()
            + " "
            + code
            + " "
            + serviceAccount
            + " "
            + method
            + " "
            + uri
            + "\n";
    try {
      Files.writeString(
          auditLog,
          line,
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the audit log is a convenience; the decision stands without it
    }
  }

  /** The audit lines so far. */
  List<String> auditLines() throws IOException {
    return Files.exists(auditLog) ? Files.readAllLines(auditLog) : List.of();
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
