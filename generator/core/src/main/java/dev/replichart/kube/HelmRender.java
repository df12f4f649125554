package dev.replichart.kube;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one {@code helm template} setup: every render of a chart by Replichart (validation, the
 * sandbox, tests) uses release {@value #RELEASE} in namespace {@value #NAMESPACE} for Kubernetes
 * {@value #KUBE_VERSION}.
 */
public final class HelmRender {
  /** Release name used when rendering for validation and the sandbox. */
  public static final String RELEASE = "db";

  public static final String NAMESPACE = "default";

  /**
   * The oldest Kubernetes version the chart supports. Helm renders for it (its built-in default,
   * v1.20, is older than the chart allows) so that no newer API slips in unnoticed; the charts
   * declare {@link #KUBE_VERSION_CONSTRAINT}; the vendored OpenAPI schema is of this version.
   */
  public static final String KUBE_VERSION = "1.27.0";

  /** Chart.yaml {@code kubeVersion}: this version and newer, pre-releases included. */
  public static final String KUBE_VERSION_CONSTRAINT = ">=" + KUBE_VERSION + "-0";

  private HelmRender() {}

  /** The command, for callers that add flags of their own (validation). */
  public static TemplateCommand command(Path chartDir) {
    return new Helm(chartDir)
        .template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
  }

  /**
   * Renders the chart: values files in order, then {@code --set} values.
   *
   * @return the manifests as Helm prints them
   */
  public static String render(Path chartDir, List<Path> valuesFiles, Map<String, String> sets) {
    TemplateCommand command = command(chartDir);
    for (Path values : valuesFiles) {
      command = command.withValuesFile(values.toAbsolutePath());
    }
    for (Map.Entry<String, String> set : sets.entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    return command.call();
  }
}
