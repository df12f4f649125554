package dev.replichart.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * fabric8's CRUD store with the API server's answers where the chart's scripts depend on them.
 * fabric8 7.4 already keeps one resourceVersion counter for every object (set on create, bumped by
 * every write that changes the object; a write that changes nothing keeps it, as etcd's no-op
 * update does), and refuses a PUT or PATCH that carries an older resourceVersion, and a POST of a
 * name that exists — but it answers both with reason {@code Invalid} and its own wording, answers a
 * named object that does not exist with an empty body, stores {@code null} for a key a JSON merge
 * patch removes, takes a PATCH without a Content-Type as a JSON patch (and leaves the request
 * unanswered when that fails), and returns 202 to a PATCH. This dispatcher answers those as the API
 * server does:
 *
 * <ul>
 *   <li>POST of an existing name: 409 {@code AlreadyExists}; {@code generateName} gets five random
 *       characters, as the API server appends;
 *   <li>PUT or PATCH with a stale {@code metadata.resourceVersion}: 409 {@code Conflict}, in the
 *       API server's words;
 *   <li>a missing object: 404 {@code NotFound} with a {@code Status} body;
 *   <li>JSON merge patch (RFC 7386): {@code null} removes the key; strategic merge patch is taken
 *       as a merge patch when it holds no list and no {@code $} directive (for maps the two agree),
 *       and refused otherwise; JSON patch (RFC 6902) as fabric8 applies it; any other or no
 *       Content-Type: 415, as the API server answers; a PATCH answers 200;
 *   <li>POST and PUT take {@code application/json} (or no Content-Type, which the API server reads
 *       as JSON); another media type gets 415.
 * </ul>
 *
 * Requests are answered one at a time: a merge patch reads, merges and writes back with nothing in
 * between.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";
  private static final String MERGE_PATCH = "application/merge-patch+json";
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
  private static final String APPLY_PATCH = "application/apply-patch+yaml";

  /** The characters the API server draws a generated name's suffix from. */
  private static final String NAME_SUFFIX_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";

  private final SecureRandom random = new SecureRandom();

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    try {
      MockResponse response = answer(request);
      return response != null
          ? response
          : fail(
              ApiStatus.failure(
                  405,
                  "MethodNotAllowed",
                  "the server does not allow this method on the requested resource",
                  null));
    } catch (RuntimeException e) {
      return fail(
          ApiStatus.failure(500, "InternalError", "the sandbox's API stand-in failed: " + e, null));
    }
  }

  private MockResponse answer(RecordedRequest request) {
    String method = request.getMethod().toUpperCase(Locale.ROOT);
    String path = request.getPath();
    int q = path.indexOf('?');
    String plainPath = q < 0 ? path : path.substring(0, q);
    ApiRequest target = ApiRequest.of(method, plainPath, q < 0 ? null : path.substring(q + 1));
    if (target == null || target.resource().equals("namespaces")) {
      return super.dispatch(request);
    }
    if (method.equals("POST") && !target.name().isEmpty()) {
      return withStatus(super.dispatch(request), target); // a subresource (eviction, binding)
    }
    String contentType = mediaType(request.getHeader("Content-Type"));
    String body = request.getBody() == null ? "" : bodyOf(request);
    return switch (method) {
      case "POST" -> create(request, plainPath, target, contentType, body);
      case "PUT" -> update(request, target, contentType);
      case "PATCH" -> patch(request, target, contentType, body);
      default -> withStatus(super.dispatch(request), target);
    };
  }

  private MockResponse create(
      RecordedRequest request,
      String collectionPath,
      ApiRequest target,
      String contentType,
      String body) {
    if (contentType != null && !contentType.equals(JSON_TYPE)) {
      return fail(unsupportedBody(target));
    }
    ObjectNode object;
    try {
      JsonNode tree = JSON.readTree(body);
      if (!(tree instanceof ObjectNode node)) {
        return fail(badRequest("the request body is not a JSON object", target));
      }
      object = node;
    } catch (JsonProcessingException e) {
      return fail(badRequest("the request body is not JSON: " + e.getOriginalMessage(), target));
    }
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    String generateName = metadata.path("generateName").asText("");
    if (name.isEmpty() && !generateName.isEmpty() && metadata instanceof ObjectNode m) {
      do {
        name = generateName + suffix();
      } while (exists(collectionPath + "/" + name));
      m.put("name", name);
    }
    ApiRequest named =
        new ApiRequest(
            target.verb(),
            target.apiGroup(),
            target.resource(),
            target.subresource(),
            name,
            target.namespace());
    if (!name.isEmpty() && exists(collectionPath + "/" + name)) {
      return fail(ApiStatus.alreadyExists(named));
    }
    return withStatus(super.dispatch(rewritten(request, HttpMethod.POST, object)), named);
  }

  private MockResponse update(RecordedRequest request, ApiRequest target, String contentType) {
    if (contentType != null && !contentType.equals(JSON_TYPE)) {
      return fail(unsupportedBody(target));
    }
    return withStatus(super.dispatch(request), target);
  }

  private MockResponse patch(
      RecordedRequest request, ApiRequest target, String contentType, String body) {
    if (contentType == null) {
      return fail(unsupportedPatch(target));
    }
    switch (contentType) {
      case JSON_PATCH -> {
        try {
          return ok(withStatus(super.dispatch(request), target));
        } catch (RuntimeException e) {
          return fail(
              ApiStatus.failure(
                  422, "Invalid", "the JSON patch cannot be applied: " + e.getMessage(), target));
        }
      }
      case MERGE_PATCH, STRATEGIC_MERGE_PATCH -> {
        JsonNode patch;
        try {
          patch = JSON.readTree(body);
        } catch (JsonProcessingException e) {
          return fail(badRequest("the patch is not JSON: " + e.getOriginalMessage(), target));
        }
        if (!patch.isObject()) {
          return fail(badRequest("a merge patch must be a JSON object", target));
        }
        if (contentType.equals(STRATEGIC_MERGE_PATCH) && !isPlainMerge(patch)) {
          return fail(
              ApiStatus.failure(
                  415,
                  "UnsupportedMediaType",
                  "the sandbox's API stand-in takes a strategic merge patch only without lists"
                      + " or $ directives (then it is a JSON merge patch); send"
                      + " application/merge-patch+json",
                  target));
        }
        return mergePatch(request, target, (ObjectNode) patch);
      }
      case APPLY_PATCH -> {
        return fail(
            ApiStatus.failure(
                415,
                "UnsupportedMediaType",
                "the sandbox's API stand-in does not offer server-side apply",
                target));
      }
      default -> {
        return fail(unsupportedPatch(target));
      }
    }
  }

  /** Reads the object, merges the patch (RFC 7386) and stores the result as a PUT would. */
  private MockResponse mergePatch(RecordedRequest request, ApiRequest target, ObjectNode patch) {
    MockResponse current = super.handleGet(pathOf(request));
    if (current.code() != 200) {
      return withStatus(current, target);
    }
    JsonNode stored;
    try {
      stored = JSON.readTree(current.getBody().getBytes());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the stored object is not JSON", e);
    }
    String storedVersion = stored.path("metadata").path("resourceVersion").asText("");
    JsonNode wanted = patch.path("metadata").path("resourceVersion");
    if (wanted.isTextual() && !wanted.asText().equals(storedVersion)) {
      return fail(ApiStatus.conflict(target));
    }
    ObjectNode merged = (ObjectNode) merge(stored, patch);
    if (merged.path("metadata") instanceof ObjectNode m) {
      m.put("resourceVersion", storedVersion);
    }
    return ok(withStatus(super.dispatch(rewritten(request, HttpMethod.PUT, merged)), target));
  }

  /** RFC 7386: a patch object's members replace or, when null, remove the target's. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JSON.createObjectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  /** A strategic merge patch that means the same as a JSON merge patch: no list, no directive. */
  private static boolean isPlainMerge(JsonNode patch) {
    if (patch.isArray()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().startsWith("$") || !isPlainMerge(field.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The answer with a {@code Status} body where fabric8 gives none or its own: 404 and 409 in the
   * API server's words, other failures with the API server's reason for their code.
   */
  private static MockResponse withStatus(MockResponse response, ApiRequest target) {
    int code = response.code();
    if (code < 400) {
      return response;
    }
    if (code == 404 && !target.name().isEmpty()) {
      return fail(ApiStatus.notFound(target));
    }
    if (code == 409) {
      return fail(ApiStatus.conflict(target));
    }
    String message = "";
    try {
      message = JSON.readTree(response.getBody().getBytes()).path("message").asText("");
    } catch (java.io.IOException | RuntimeException e) {
      // no Status body: the reason alone says it
    }
    return fail(
        ApiStatus.failure(
            code,
            ApiStatus.reasonOf(code),
            message.isEmpty() ? ApiStatus.reasonOf(code) : message,
            target));
  }

  private boolean exists(String path) {
    return super.handleGet(path).code() == 200;
  }

  private String suffix() {
    StringBuilder s = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      s.append(NAME_SUFFIX_CHARACTERS.charAt(random.nextInt(NAME_SUFFIX_CHARACTERS.length())));
    }
    return s.toString();
  }

  private static ObjectNode unsupportedBody(ApiRequest target) {
    return ApiStatus.failure(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json (the sandbox's API stand-in takes JSON only)",
        target);
  }

  private static ObjectNode unsupportedPatch(ApiRequest target) {
    return ApiStatus.failure(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + JSON_PATCH
            + ", "
            + MERGE_PATCH
            + ", "
            + APPLY_PATCH
            + ", "
            + STRATEGIC_MERGE_PATCH,
        target);
  }

  private static ObjectNode badRequest(String message, ApiRequest target) {
    return ApiStatus.failure(400, "BadRequest", message, target);
  }

  private static MockResponse fail(ObjectNode status) {
    return new MockResponse()
        .setResponseCode(status.path("code").asInt())
        .setHeader("Content-Type", JSON_TYPE)
        .setBody(status.toString());
  }

  /** A successful PATCH answers 200 OK, as the API server does (fabric8 answers 202). */
  private static MockResponse ok(MockResponse response) {
    return response.code() / 100 == 2 ? response.setResponseCode(200) : response;
  }

  private static RecordedRequest rewritten(
      RecordedRequest request, HttpMethod method, JsonNode body) {
    return new RecordedRequest(
        request.getHttpVersion(),
        method,
        request.getPath(),
        request.getHeaders().newBuilder().set("Content-Type", JSON_TYPE).build(),
        new Buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static String pathOf(RecordedRequest request) {
    String path = request.getPath();
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }

  private static String bodyOf(RecordedRequest request) {
    return new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  /** {@code application/json} of {@code application/json; charset=utf-8}; null when absent. */
  private static String mediaType(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
