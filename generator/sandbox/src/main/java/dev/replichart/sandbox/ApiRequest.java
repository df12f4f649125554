package dev.replichart.sandbox;

import java.util.Locale;

/**
 * A Kubernetes API request as the API server's authorizer sees it: verb, API group, resource,
 * subresource, name and namespace, read from the HTTP method and path as the API server reads them
 * (see the Kubernetes docs, "Authorization: Review your request attributes").
 *
 * @param verb {@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code
 *     patch}, {@code delete} or {@code deletecollection}
 * @param apiGroup "" for the core group
 * @param resource e.g. {@code pods}
 * @param subresource e.g. {@code status}, or ""
 * @param name the object's name, or "" for a collection
 * @param namespace "" for a cluster-scoped request
 */
record ApiRequest(
    String verb,
    String apiGroup,
    String resource,
    String subresource,
    String name,
    String namespace) {

  /** Reads a request; null for a path that names no resource (discovery, /version, …). */
  static ApiRequest of(String method, String path, String query) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    int i;
    String group;
    if (parts.length >= 2 && parts[0].equals("api")) {
      group = "";
      i = 2;
    } else if (parts.length >= 3 && parts[0].equals("apis")) {
      group = parts[1];
      i = 3;
    } else {
      return null;
    }
    String namespace = "";
    if (parts.length > i + 1 && parts[i].equals("namespaces")) {
      namespace = parts[i + 1];
      i += 2;
      if (parts.length == i) {
        return new ApiRequest(verb(method, true, query), "", "namespaces", "", namespace, "");
      }
    }
    if (parts.length <= i) {
      return null;
    }
    String resource = parts[i];
    String name = parts.length > i + 1 ? parts[i + 1] : "";
    String subresource = parts.length > i + 2 ? parts[i + 2] : "";
    return new ApiRequest(
        verb(method, !name.isEmpty(), query), group, resource, subresource, name, namespace);
  }

  private static String verb(String method, boolean named, String query) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" ->
          named
              ? "get"
              : (query != null && query.matches("(^|.*&)watch=(true|1)(&.*|$)") ? "watch" : "list");
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  /** {@code pods "db-0"}, {@code pods}, as the API server names the target in a 403. */
  String target() {
    String what = subresource.isEmpty() ? resource : resource + "/" + subresource;
    return name.isEmpty() ? what : what + " \"" + name + "\"";
  }
}
