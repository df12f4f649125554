package dev.replichart.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replichart.kube.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's rendered RBAC, evaluated as the API server's RBAC authorizer does: a request is
 * allowed when a RoleBinding in its namespace (to a Role of that namespace, or a ClusterRole) or a
 * ClusterRoleBinding binds the caller's ServiceAccount to a rule that matches its API group,
 * resource (with subresource), verb and, where the rule lists any, resource name. Nothing else is
 * allowed: no default roles, no aggregation, no users or groups besides ServiceAccounts.
 */
final class Rbac {
  /** One rule, with where it applies ("" = every namespace, for ClusterRoleBindings). */
  private record Grant(String namespace, JsonNode rule) {}

  private final Map<String, List<Grant>> grantsBySubject = new HashMap<>();

  Rbac(List<KubeObject> objects, String releaseNamespace) {
    Map<String, JsonNode> roles = new HashMap<>();
    Map<String, JsonNode> clusterRoles = new HashMap<>();
    for (KubeObject o : objects) {
      if (o.kind().equals("Role")) {
        roles.put(namespaceOf(o, releaseNamespace) + "/" + o.name(), o.node().path("rules"));
      } else if (o.kind().equals("ClusterRole")) {
        clusterRoles.put(o.name(), o.node().path("rules"));
      }
    }
    for (KubeObject o : objects) {
      boolean cluster = o.kind().equals("ClusterRoleBinding");
      if (!cluster && !o.kind().equals("RoleBinding")) {
        continue;
      }
      String namespace = cluster ? "" : namespaceOf(o, releaseNamespace);
      JsonNode ref = o.node().path("roleRef");
      JsonNode rules =
          ref.path("kind").asText().equals("ClusterRole")
              ? clusterRoles.get(ref.path("name").asText())
              : roles.get(namespace + "/" + ref.path("name").asText());
      if (rules == null) {
        continue; // a binding to a role that does not exist grants nothing
      }
      for (JsonNode subject : o.node().path("subjects")) {
        if (!subject.path("kind").asText().equals("ServiceAccount")) {
          continue;
        }
        String key =
            subject.path("namespace").asText(releaseNamespace)
                + "/"
                + subject.path("name").asText();
        for (JsonNode rule : rules) {
          grantsBySubject
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(new Grant(namespace, rule));
        }
      }
    }
  }

  private static String namespaceOf(KubeObject o, String releaseNamespace) {
    return o.node().path("metadata").path("namespace").asText(releaseNamespace);
  }

  /** Whether ServiceAccount {@code namespace/name} may make the request. */
  boolean allows(String serviceAccount, ApiRequest request) {
    for (Grant grant : grantsBySubject.getOrDefault(serviceAccount, List.of())) {
      if (!grant.namespace().isEmpty() && !grant.namespace().equals(request.namespace())) {
        continue;
      }
      if (matches(grant.rule(), request)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(JsonNode rule, ApiRequest r) {
    String resource =
        r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource();
    return contains(rule.path("apiGroups"), r.apiGroup())
        && contains(rule.path("resources"), resource)
        && contains(rule.path("verbs"), r.verb())
        && (rule.path("resourceNames").isEmpty()
            || (!r.name().isEmpty() && contains(rule.path("resourceNames"), r.name())));
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode item : list) {
      if (item.asText().equals("*") || item.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
