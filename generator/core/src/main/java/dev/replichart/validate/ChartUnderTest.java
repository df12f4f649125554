package dev.replichart.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every {@link Layer} reads: the chart directory, the values files given, what Helm rendered
 * for each values set (empty before Helm has run) and the {@link Locator} that points problems
 * about rendered objects at their templates.
 *
 * @param dir the chart directory
 * @param valuesFiles the values files given, in order
 * @param renders one per values set Helm rendered, defaults first
 * @param locator shared by the layers, so each template is read once
 */
public record ChartUnderTest(
    Path dir, List<Path> valuesFiles, List<Render> renders, Locator locator) {

  public ChartUnderTest {
    valuesFiles = List.copyOf(valuesFiles);
    renders = List.copyOf(renders);
  }

  /** The chart before Helm has rendered it. */
  public static ChartUnderTest unrendered(Path dir, List<Path> valuesFiles) {
    return new ChartUnderTest(dir, valuesFiles, List.of(), new Locator(dir));
  }

  public ChartUnderTest withRenders(List<Render> renders) {
    return new ChartUnderTest(dir, valuesFiles, renders, locator);
  }

  /** The renders whose output parsed into objects: what the object layers check. */
  public List<Render.Parsed> parsed() {
    return renders.stream()
        .filter(Render.Parsed.class::isInstance)
        .map(Render.Parsed.class::cast)
        .toList();
  }

  /**
   * The problems {@code check} finds in every object of every parsed render, in order. Most objects
   * come out the same whatever the values file (the scripts' ConfigMap, RBAC, Services): an object
   * equal to one already checked in this call, from the same template, gets the problems found for
   * that one again instead of a second check, which is what checking it would have found.
   */
  public List<Problem> checkEachObject(Function<KubeObject, List<Problem>> check) {
    List<Problem> problems = new ArrayList<>();
    PerObject<List<Problem>> checked = new PerObject<>();
    for (Render.Parsed render : parsed()) {
      for (KubeObject object : render.objects()) {
        problems.addAll(checked.computeIfAbsent(object, check));
      }
    }
    return problems;
  }

  /**
   * A value per distinct object: objects equal to one another, from the same template, share one.
   * Renders that parsed the same text share its tree ({@link KubeObject.Documents}), and such an
   * object is found by the identity of its tree, without hashing it again, which walks the whole
   * tree; the others are compared by value.
   */
  static final class PerObject<V> {
    private final Map<KubeObject, V> byValue = new HashMap<>();
    private final Map<ObjectNode, Map<String, V>> byTree = new IdentityHashMap<>();

    V computeIfAbsent(KubeObject object, Function<KubeObject, V> compute) {
      return byTree
          .computeIfAbsent(object.node(), tree -> new HashMap<>())
          .computeIfAbsent(object.source(), source -> byValue.computeIfAbsent(object, compute));
    }
  }

  /** One {@code helm template} run and what came of it. */
  public sealed interface Render {
    /** {@code (default values)} or the values file's path. */
    String label();

    /** Helm rendered, and the output parsed into objects. */
    record Parsed(String label, String manifests, List<KubeObject> objects) implements Render {
      public Parsed {
        objects = List.copyOf(objects);
      }
    }

    /** Helm rendered YAML that does not parse. */
    record NotYaml(String label, String manifests, String error) implements Render {}

    /**
     * Helm failed; {@code valuesFile} is null for the defaults.
     *
     * @param message Helm's message, or null when it gave none
     */
    record HelmFailed(String label, Path valuesFile, String message) implements Render {}
  }
}
