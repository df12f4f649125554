package dev.replichart.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox needs from a StatefulSet's pod template: containers in order with their
 * commands, environment, mounts and probes, and where each volume comes from.
 *
 * @param labels the pod template's labels (the sandbox's pods carry them in the API stand-in)
 * @param serviceAccount the ServiceAccount whose token the pod gets
 * @param runAsUser the user every container runs as
 * @param initContainers run in order, each to completion
 * @param containers run together and restarted when they exit
 * @param volumes volume name → its source
 */
record PodTemplate(
    Map<String, String> labels,
    String serviceAccount,
    int runAsUser,
    int runAsGroup,
    List<Container> initContainers,
    List<Container> containers,
    Map<String, Volume> volumes) {

  /** One container. {@code env} values of {@code fieldRef} are resolved per pod. */
  record Container(
      String name,
      String image,
      List<String> command,
      Map<String, EnvValue> env,
      List<Mount> mounts,
      Probe startup,
      Probe readiness) {}

  /**
   * An exec probe with its timing, Kubernetes' defaults where the manifest sets none (core/v1
   * Probe: initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1,
   * failureThreshold 3; kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes).
   * An empty command: the container has no such probe.
   */
  record Probe(
      List<String> command,
      int initialDelaySeconds,
      int periodSeconds,
      int timeoutSeconds,
      int successThreshold,
      int failureThreshold) {
    static Probe of(JsonNode probe) {
      List<String> command = new ArrayList<>();
      probe.path("exec").path("command").forEach(n -> command.add(n.asText()));
      return new Probe(
          List.copyOf(command),
          probe.path("initialDelaySeconds").asInt(0),
          probe.path("periodSeconds").asInt(10),
          probe.path("timeoutSeconds").asInt(1),
          probe.path("successThreshold").asInt(1),
          probe.path("failureThreshold").asInt(3));
    }
  }

  /** A literal value, or a field of the pod ({@code metadata.name}, {@code metadata.namespace}). */
  record EnvValue(String value, String fieldPath) {}

  record Mount(String volume, String path, boolean readOnly) {}

  /** Where a volume comes from: configMap, secret, emptyDir or the claim template. */
  record Volume(String kind, String source) {}

  /**
   * This template with {@code env} set in each of its containers (init containers keep theirs), as
   * {@code kubectl set env} sets it on a Job's manifest; a name the container already sets takes
   * the new value.
   */
  PodTemplate withEnv(Map<String, String> env) {
    if (env.isEmpty()) {
      return this;
    }
    List<Container> changed = new ArrayList<>();
    for (Container c : containers) {
      Map<String, EnvValue> merged = new LinkedHashMap<>(c.env());
      env.forEach((name, value) -> merged.put(name, new EnvValue(value, null)));
      changed.add(
          new Container(
              c.name(), c.image(), c.command(), merged, c.mounts(), c.startup(), c.readiness()));
    }
    return new PodTemplate(
        labels, serviceAccount, runAsUser, runAsGroup, initContainers, changed, volumes);
  }

  static PodTemplate of(JsonNode statefulSet) {
    return of(
        statefulSet.path("spec").path("template"),
        statefulSet.path("spec").path("volumeClaimTemplates"));
  }

  /** The pod template of a CronJob's job template (a Job pod has no claim templates). */
  static PodTemplate ofCronJob(JsonNode cronJob) {
    return of(
        cronJob.path("spec").path("jobTemplate").path("spec").path("template"),
        com.fasterxml.jackson.databind.node.MissingNode.getInstance());
  }

  private static PodTemplate of(JsonNode template, JsonNode claimTemplates) {
    JsonNode spec = template.path("spec");
    Map<String, String> labels = new LinkedHashMap<>();
    template
        .path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    Map<String, Volume> volumes = new LinkedHashMap<>();
    for (JsonNode v : spec.path("volumes")) {
      String name = v.path("name").asText();
      if (v.has("configMap")) {
        volumes.put(name, new Volume("configMap", v.path("configMap").path("name").asText()));
      } else if (v.has("secret")) {
        volumes.put(name, new Volume("secret", v.path("secret").path("secretName").asText()));
      } else if (v.has("emptyDir")) {
        volumes.put(name, new Volume("emptyDir", name));
      } else {
        throw new SandboxException("volume " + name + " has a source the sandbox does not offer");
      }
    }
    for (JsonNode claim : claimTemplates) {
      String name = claim.path("metadata").path("name").asText();
      volumes.put(name, new Volume("claim", name));
    }
    return new PodTemplate(
        labels,
        spec.path("serviceAccountName").asText("default"),
        spec.path("securityContext").path("runAsUser").asInt(0),
        spec.path("securityContext").path("runAsGroup").asInt(0),
        containers(spec.path("initContainers")),
        containers(spec.path("containers")),
        volumes);
  }

  private static List<Container> containers(JsonNode list) {
    List<Container> out = new ArrayList<>();
    for (JsonNode c : list) {
      List<String> command = new ArrayList<>();
      c.path("command").forEach(n -> command.add(n.asText()));
      c.path("args").forEach(n -> command.add(n.asText()));
      Map<String, EnvValue> env = new LinkedHashMap<>();
      for (JsonNode e : c.path("env")) {
        JsonNode field = e.path("valueFrom").path("fieldRef").path("fieldPath");
        env.put(
            e.path("name").asText(),
            new EnvValue(
                e.path("value").asText(""), field.isMissingNode() ? null : field.asText()));
      }
      List<Mount> mounts = new ArrayList<>();
      for (JsonNode m : c.path("volumeMounts")) {
        mounts.add(
            new Mount(
                m.path("name").asText(),
                m.path("mountPath").asText(),
                m.path("readOnly").asBoolean(false)));
      }
      out.add(
          new Container(
              c.path("name").asText(),
              c.path("image").asText(),
              command,
              env,
              mounts,
              Probe.of(c.path("startupProbe")),
              Probe.of(c.path("readinessProbe"))));
    }
    return out;
  }
}
