package dev.replichart.plan;

import dev.replichart.plan.ChartPlan.OutputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The chart templates on the class path, under {@value #ROOT}: {@code chart/} holds what every
 * chart has, {@code flavor/<flavor>/} what only one flavor's charts have. Both mirror the chart's
 * own tree, one {@code .j2} per output file, so the list of files a chart has is read from the
 * tree, never kept by hand beside it. A flavor's template replaces a common one of the same path.
 */
public final class TemplateTree {
  /** Where the templates are on the class path. */
  public static final String ROOT = "templates/";

  static final String COMMON = "chart/";
  static final String FLAVOR = "flavor/";
  static final String SUFFIX = ".j2";

  private final List<String> templates;

  private TemplateTree(List<String> templates) {
    this.templates = templates;
  }

  /** Every template path under {@value #ROOT}, sorted. */
  public List<String> templates() {
    return templates;
  }

  /** Reads the tree from the class path (a directory in tests, a jar when installed). */
  public static TemplateTree load() {
    URL marker = TemplateTree.class.getClassLoader().getResource(ROOT + COMMON + "Chart.yaml.j2");
    if (marker == null) {
      throw new IllegalStateException("no " + ROOT + COMMON + " on the class path");
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        return new TemplateTree(list((JarURLConnection) marker.openConnection()));
      }
      return new TemplateTree(walk(Path.of(uri).getParent().getParent()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the templates", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The template entries of the jar, read from its central directory. (A zip file system over the
   * shaded jar, with its ~28,000 entries, costs a third of a second per start.)
   */
  private static List<String> list(JarURLConnection connection)
      throws IOException, URISyntaxException {
    try (JarFile jar = new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile())) {
      return jar.stream()
          .map(JarEntry::getName)
          .filter(name -> name.startsWith(ROOT) && name.endsWith(SUFFIX))
          .map(name -> name.substring(ROOT.length()))
          .sorted()
          .toList();
    }
  }

  private static List<String> walk(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(SUFFIX))
          .sorted()
          .toList();
    }
  }

  /**
   * The files of a chart of one flavor: each common template and each of the flavor's, by output
   * path, where {@code include} accepts the output path.
   */
  List<OutputFile> files(String flavor, Predicate<String> include) {
    Map<String, String> byPath = new TreeMap<>();
    String flavorRoot = FLAVOR + flavor + "/";
    for (String template : templates) {
      if (template.startsWith(COMMON)) {
        byPath.putIfAbsent(output(template, COMMON), template);
      }
    }
    for (String template : templates) {
      if (template.startsWith(flavorRoot)) {
        byPath.put(output(template, flavorRoot), template);
      }
    }
    List<OutputFile> files = new ArrayList<>();
    byPath.forEach(
        (path, template) -> {
          if (include.test(path)) {
            files.add(new OutputFile(path, template));
          }
        });
    return List.copyOf(files);
  }

  private static String output(String template, String root) {
    return template.substring(root.length(), template.length() - SUFFIX.length());
  }
}
