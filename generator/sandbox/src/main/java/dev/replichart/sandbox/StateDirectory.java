package dev.replichart.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.plan.ChartDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The state directory: where each thing the sandbox makes lives, and the files it writes there from
 * the chart — its description, the ConfigMaps and Secrets byte for byte, the service-account token.
 * Everything is below this one directory, outside every path a pod mounts over, so that {@code
 * down} removes it all.
 */
final class StateDirectory {
  private final Path root;

  private StateDirectory(Path root) {
    this.root = root;
  }

  /**
   * Creates the directory with the chart's description in it: the CLI's commands that do not ask
   * the running sandbox ({@code logs}) read the chart's facts there, even when the chart is gone.
   */
  static StateDirectory create(Path root, ChartDescription description) throws IOException {
    Files.createDirectories(root);
    Files.writeString(
        root.resolve(ChartDescription.FILE), description.toJson(), StandardCharsets.UTF_8);
    return new StateDirectory(root);
  }

  Path root() {
    return root;
  }

  Path hostsFile() {
    return root.resolve("hosts");
  }

  Path resolvConf() {
    return root.resolve("resolv.conf");
  }

  /** What a pod running as ServiceAccount {@code name} finds at the service-account path. */
  Path serviceAccountDir(String name) {
    return root.resolve("serviceaccounts").resolve(name);
  }

  Path configMapDir(String name) {
    return root.resolve("configmaps").resolve(name);
  }

  Path secretDir(String name) {
    return root.resolve("secrets").resolve(name);
  }

  Path podDir(String name) {
    return root.resolve("pods").resolve(name);
  }

  /** Where each image's PATH directory is made. */
  Path imagesDir() {
    return root.resolve("images");
  }

  /** Pods bind volumes over paths like /tmp; the state directory must not lie below one. */
  void checkVisibleTo(PodTemplate template) {
    Path state = root.toAbsolutePath().normalize();
    for (PodTemplate.Container c :
        Stream.concat(template.initContainers().stream(), template.containers().stream())
            .toList()) {
      for (PodTemplate.Mount m : c.mounts()) {
        if (state.startsWith(Path.of(m.path()))) {
          throw new SandboxException(
              "the state directory "
                  + state
                  + " lies below "
                  + m.path()
                  + ", which container "
                  + c.name()
                  + " mounts over; use --state elsewhere (default "
                  + Sandbox.DEFAULT_STATE
                  + ")");
        }
      }
    }
  }

  /** Writes the files of every ConfigMap and Secret the chart renders. */
  void writeConfigMapsAndSecrets(List<KubeObject> objects) throws IOException {
    for (KubeObject o : objects) {
      switch (o.kind()) {
        case "ConfigMap" -> writeConfigMap(o);
        case "Secret" -> writeSecret(o);
        default -> {}
      }
    }
  }

  private void writeConfigMap(KubeObject o) throws IOException {
    Path dir = configMapDir(o.name());
    Files.createDirectories(dir);
    Iterator<Map.Entry<String, JsonNode>> data = o.node().path("data").fields();
    while (data.hasNext()) {
      Map.Entry<String, JsonNode> e = data.next();
      Files.writeString(dir.resolve(e.getKey()), e.getValue().asText(), StandardCharsets.UTF_8);
    }
  }

  private void writeSecret(KubeObject o) throws IOException {
    Path dir = secretDir(o.name());
    Files.createDirectories(dir);
    Iterator<Map.Entry<String, JsonNode>> data = o.node().path("data").fields();
    while (data.hasNext()) {
      Map.Entry<String, JsonNode> e = data.next();
      Path file = dir.resolve(e.getKey());
      Files.write(file, Base64.getDecoder().decode(e.getValue().asText()));
    }
    Shell.must("chmod", "-R", "a+rX", dir.toString());
  }

  /**
   * The token, CA certificate and namespace files a pod of ServiceAccount {@code name} finds at the
   * service-account path, as the kubelet mounts them.
   */
  void writeServiceAccount(String name, String token, Path caCertificate) throws IOException {
    Path dir = serviceAccountDir(name);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("token"), token);
    Files.copy(
        caCertificate, dir.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("namespace"), HelmRender.NAMESPACE);
    Shell.must("chmod", "-R", "a+rX", dir.toString());
  }

  /** The value of a key of the chart's credentials Secret. */
  String secret(String key) throws IOException {
    try (var dirs = Files.list(root.resolve("secrets"))) {
      for (Path dir : dirs.toList()) {
        if (Files.exists(dir.resolve(key))) {
          return Files.readString(dir.resolve(key), StandardCharsets.UTF_8);
        }
      }
    }
    throw new SandboxException("no Secret key " + key);
  }
}
