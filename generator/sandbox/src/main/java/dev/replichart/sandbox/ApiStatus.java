package dev.replichart.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes {@code Status} body for a failed request, shaped and worded as the API server's
 * (reason, message and details as {@code k8s.io/apimachinery/pkg/api/errors} makes them), so a
 * script that reads the answer of the sandbox reads what a cluster would answer.
 */
final class ApiStatus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiStatus() {}

  /**
   * @param about the request the failure is about, for {@code details}; null when it names no
   *     resource
   */
  static ObjectNode failure(int code, String reason, String message, ApiRequest about) {
    ObjectNode status = JSON.createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason);
    if (about != null && !about.resource().isEmpty()) {
      ObjectNode details = status.putObject("details");
      if (!about.name().isEmpty()) {
        details.put("name", about.name());
      }
      if (!about.apiGroup().isEmpty()) {
        details.put("group", about.apiGroup());
      }
      details.put("kind", about.resource());
    }
    status.put("code", code);
    return status;
  }

  /** {@code pods "db-0"} or {@code leases.coordination.k8s.io "db"}, as messages name objects. */
  static String named(ApiRequest r) {
    String resource = r.apiGroup().isEmpty() ? r.resource() : r.resource() + "." + r.apiGroup();
    return resource + " \"" + r.name() + "\"";
  }

  static ObjectNode notFound(ApiRequest r) {
    return failure(404, "NotFound", named(r) + " not found", r);
  }

  static ObjectNode alreadyExists(ApiRequest r) {
    return failure(409, "AlreadyExists", named(r) + " already exists", r);
  }

  /** A write based on an older resourceVersion than the stored one. */
  static ObjectNode conflict(ApiRequest r) {
    return failure(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + named(r)
            + ": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        r);
  }

  /** The reason the API server gives with each status code the stand-in answers. */
  static String reasonOf(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      default -> code >= 500 ? "InternalError" : "";
    };
  }
}
