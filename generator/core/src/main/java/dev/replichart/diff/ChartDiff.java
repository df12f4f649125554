package dev.replichart.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.replichart.diff.FieldDiff.Change;
import dev.replichart.diff.UpgradeRules.Finding;
import dev.replichart.kube.HelmRender;
import dev.replichart.kube.KubeObject;
import dev.replichart.pack.ChartMetadata;
import dev.replichart.pipeline.ChartGenerator;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.validate.HelmValidator;
import dev.replichart.validate.Locator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares two charts the way {@code helm upgrade} sees them: both rendered by real Helm (release
 * {@value HelmRender#RELEASE}, namespace {@value HelmRender#NAMESPACE}, Kubernetes {@value
 * HelmRender#KUBE_VERSION}) with their default values and then the given values files, the
 * manifests split into objects keyed by apiVersion, kind, namespace and name, and each object both
 * render compared field by field. The upgrade check ({@link UpgradeRules}) then names each change
 * the API server would reject.
 *
 * <p>What it does not see: the live cluster (a field changed by hand, an allocated cluster IP),
 * Helm hooks' run-time effects, and values given with {@code --set}.
 *
 * <p>Reusable: one instance can compare many pairs; it is not thread-safe.
 */
public final class ChartDiff {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Files whose keys the report lists; others are summarised. */
  private static final Set<String> KEYED_FILES = Set.of("Chart.yaml", "values.yaml");

  private ChartGenerator generator;

  /**
   * Compares {@code old} with {@code neu}.
   *
   * @param valuesFiles rendered after each chart's own default values, in order (as {@code helm
   *     upgrade -f a -f b})
   * @return the report; its {@link DiffReport#upgradeBreaking()} holds the changes an upgrade would
   *     fail on
   * @throws ProblemsException when a source cannot be read, a spec has problems, or Helm cannot
   *     render a chart with these values (every problem located)
   * @throws IOException when a temporary copy cannot be written
   */
  public static DiffReport compare(ChartSource old, ChartSource neu, List<Path> valuesFiles)
      throws ProblemsException, IOException {
    return new ChartDiff().diff(old, neu, valuesFiles);
  }

  /** {@link #compare}, reusing this instance's spec renderer. */
  public DiffReport diff(ChartSource old, ChartSource neu, List<Path> valuesFiles)
      throws ProblemsException, IOException {
    List<Problem> problems = new ArrayList<>();
    for (Path values : valuesFiles) {
      if (!Files.isRegularFile(values)) {
        problems.add(
            new Problem(
                Location.ofFile(values.toString()), "", "no such values file", "", "DIFF-INPUT"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException(problems);
    }
    try (LoadedChart before = load(old, problems);
        LoadedChart after = load(neu, problems)) {
      if (before == null || after == null) {
        throw new ProblemsException(problems);
      }
      Rendered beforeObjects = renderTwice(before, valuesFiles, problems);
      Rendered afterObjects = renderTwice(after, valuesFiles, problems);
      if (!problems.isEmpty()) {
        throw new ProblemsException(problems);
      }
      Set<String> unstable = new TreeSet<>(beforeObjects.unstable());
      unstable.addAll(afterObjects.unstable());
      return report(
          before, after, beforeObjects.objects(), afterObjects.objects(), unstable, valuesFiles);
    }
  }

  private LoadedChart load(ChartSource source, List<Problem> problems) throws IOException {
    try {
      return LoadedChart.load(source, spec());
    } catch (ProblemsException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private ChartGenerator spec() {
    if (generator == null) {
      generator = new ChartGenerator();
    }
    return generator;
  }

  /**
   * One chart rendered.
   *
   * @param unstable {@code Kind/name path} of each field that differs between two renders of the
   *     same chart with the same values: random values (generated passwords) that no comparison can
   *     judge
   */
  private record Rendered(SortedMap<ObjectKey, KubeObject> objects, Set<String> unstable) {}

  /** Renders twice: what differs between the two is random, not a change. */
  private static Rendered renderTwice(
      LoadedChart chart, List<Path> valuesFiles, List<Problem> problems) {
    int before = problems.size();
    SortedMap<ObjectKey, KubeObject> first = render(chart, valuesFiles, problems);
    if (problems.size() > before) {
      return new Rendered(first, Set.of());
    }
    SortedMap<ObjectKey, KubeObject> second = render(chart, valuesFiles, new ArrayList<>());
    Set<String> unstable = new TreeSet<>();
    for (Map.Entry<ObjectKey, KubeObject> object : first.entrySet()) {
      KubeObject again = second.get(object.getKey());
      if (again != null) {
        for (Change change : FieldDiff.diff(object.getValue().node(), again.node())) {
          unstable.add(object.getKey().label() + " " + change.path());
        }
      }
    }
    return new Rendered(first, unstable);
  }

  private static SortedMap<ObjectKey, KubeObject> render(
      LoadedChart chart, List<Path> valuesFiles, List<Problem> problems) {
    SortedMap<ObjectKey, KubeObject> objects = new TreeMap<>();
    String manifests;
    try {
      manifests = HelmRender.render(chart.renderPath(), valuesFiles, Map.of());
    } catch (RuntimeException e) {
      Path blamed = valuesFiles.size() == 1 ? valuesFiles.get(0) : null;
      HelmValidator.renderFailure(chart.filesDir(), blamed, e.getMessage()).stream()
          .map(chart::relocate)
          .forEach(problems::add);
      return objects;
    }
    try {
      for (KubeObject object : KubeObject.parseAll(manifests)) {
        ObjectKey key = ObjectKey.of(object);
        if (objects.putIfAbsent(key, object) != null) {
          problems.add(
              new Problem(
                  Location.ofFile(chart.display(object.source())),
                  key.label(),
                  "",
                  "rendered twice: Helm would refuse to install or upgrade this chart",
                  "",
                  "DIFF-DUPLICATE-OBJECT"));
        }
      }
    } catch (IOException e) {
      problems.add(
          new Problem(
              Location.ofFile(chart.source().path().toString()),
              "",
              "Helm rendered YAML that does not parse: " + e.getMessage(),
              "",
              "HELM-OUTPUT"));
    }
    return objects;
  }

  private static DiffReport report(
      LoadedChart before,
      LoadedChart after,
      Map<ObjectKey, KubeObject> beforeObjects,
      Map<ObjectKey, KubeObject> afterObjects,
      Set<String> unstable,
      List<Path> valuesFiles) {
    Set<ObjectKey> keys = new TreeSet<>(beforeObjects.keySet());
    keys.addAll(afterObjects.keySet());
    List<ObjectKey> added = new ArrayList<>();
    List<ObjectKey> removed = new ArrayList<>();
    List<ObjectChange> changed = new ArrayList<>();
    List<Problem> breaking = new ArrayList<>();
    Locator locator = new Locator(after.filesDir());
    for (ObjectKey key : keys) {
      KubeObject was = beforeObjects.get(key);
      KubeObject is = afterObjects.get(key);
      if (was == null) {
        added.add(key);
        continue;
      }
      if (is == null) {
        removed.add(key);
        continue;
      }
      List<Change> changes =
          FieldDiff.diff(was.node(), is.node()).stream()
              .filter(c -> !unstable.contains(key.label() + " " + c.path()))
              .toList();
      if (changes.isEmpty()) {
        continue;
      }
      changed.add(new ObjectChange(key, changes.stream().map(c -> shown(key, c)).toList()));
      for (Finding finding : UpgradeRules.check(key, was.node(), changes)) {
        FieldChange field = shown(key, finding.change());
        Location where = locator.locate(is, finding.change().locatorPath());
        Location shown = new Location(after.display(is.source()), where.line(), where.column());
        breaking.add(
            new Problem(
                shown,
                key.label(),
                field.path(),
                field.oldValue()
                    + " → "
                    + field.newValue()
                    + ": helm upgrade would fail, Kubernetes rejects the change (\""
                    + finding.message()
                    + "\")",
                finding.hint(),
                finding.checkId()));
      }
    }
    breaking.sort(Problem.READING_ORDER);
    return new DiffReport(
        name(before),
        name(after),
        valuesFiles.stream().map(Path::toString).toList(),
        files(before.files(), after.files()),
        added,
        removed,
        changed,
        breaking,
        List.copyOf(unstable),
        afterObjects.size());
  }

  /**
   * A change as the report prints it. A Secret's values are never printed: the report is meant for
   * pull-request comments.
   */
  private static FieldChange shown(ObjectKey key, Change change) {
    FieldChange field = change.toFieldChange();
    String p = change.path();
    if (key.kind().equals("Secret")
        && (p.startsWith("data") || p.startsWith("stringData"))
        && !p.equals("data")
        && !p.equals("stringData")) {
      return new FieldChange(
          p,
          change.before() == null ? "(none)" : "(secret value)",
          change.after() == null ? "(none)" : "(another secret value)");
    }
    return field;
  }

  /** {@code path (name version)}. */
  private static String name(LoadedChart chart) {
    String shown = chart.source().path().toString();
    byte[] chartYaml = chart.files().get("Chart.yaml");
    if (chartYaml == null) {
      return shown;
    }
    try {
      ChartMetadata metadata = ChartMetadata.parse("Chart.yaml", chartYaml);
      return shown + " (" + metadata.name() + " " + metadata.version() + ")";
    } catch (ProblemsException e) {
      return shown;
    }
  }

  private static List<FileChange> files(
      SortedMap<String, byte[]> before, SortedMap<String, byte[]> after) {
    Set<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<FileChange> changes = new ArrayList<>();
    for (String path : paths) {
      if (path.startsWith("templates/")) {
        continue; // what templates change shows in the objects
      }
      byte[] was = before.get(path);
      byte[] is = after.get(path);
      if (was == null) {
        changes.add(new FileChange(path, "added", List.of()));
      } else if (is == null) {
        changes.add(new FileChange(path, "removed", List.of()));
      } else if (!Arrays.equals(was, is)) {
        changes.add(fileChange(path, was, is));
      }
    }
    return changes;
  }

  private static FileChange fileChange(String path, byte[] was, byte[] is) {
    String before = new String(was, StandardCharsets.UTF_8);
    String after = new String(is, StandardCharsets.UTF_8);
    if (KEYED_FILES.contains(path)) {
      try {
        JsonNode a = YAML.readTree(before);
        JsonNode b = YAML.readTree(after);
        List<FieldChange> fields =
            FieldDiff.diff(a, b).stream().map(Change::toFieldChange).toList();
        return new FileChange(path, fields.isEmpty() ? "comments or layout" : "", fields);
      } catch (JsonProcessingException e) {
        // not YAML on one side: say how much changed instead
      }
    }
    if (path.endsWith(".json")) {
      try {
        int count = FieldDiff.diff(JSON.readTree(before), JSON.readTree(after)).size();
        return new FileChange(
            path, count + (count == 1 ? " field differs" : " fields differ"), List.of());
      } catch (JsonProcessingException e) {
        // fall through to lines
      }
    }
    long a = before.lines().count();
    long b = after.lines().count();
    return new FileChange(
        path, a == b ? a + " lines, changed" : a + " → " + b + " lines", List.of());
  }
}
