package dev.replichart.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.replichart.plan.ChartPlan;
import dev.replichart.plan.ChartPlan.OutputFile;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Prints every file of a plan. {@code Chart.yaml} is printed last, with a digest of all the other
 * files, and a {@code sha256sum}-style manifest lists every file.
 */
public final class ChartRenderer {
  /** The manifest of generated files: {@code sha256sum -c .replichart-manifest} checks a chart. */
  public static final String MANIFEST = ".replichart-manifest";

  static final String CHART_YAML = "Chart.yaml";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TemplateEngine engine;

  public ChartRenderer(TemplateEngine engine) {
    this.engine = engine;
  }

  public RenderedChart render(ChartPlan plan) throws ProblemsException {
    Map<String, Object> context =
        absentAsEmpty(MAPPER.convertValue(plan, new TypeReference<Map<String, Object>>() {}));
    SortedMap<String, String> files = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    OutputFile chartYaml = null;
    for (OutputFile file : plan.files()) {
      if (file.path().equals(CHART_YAML)) {
        chartYaml = file;
        continue;
      }
      try {
        files.put(file.path(), normalize(engine.render(file.template(), context)));
      } catch (ProblemsException e) {
        problems.addAll(e.problems());
      }
    }
    if (chartYaml == null) {
      throw new IllegalStateException("the plan has no Chart.yaml");
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException(problems);
    }
    context.put("digest", digest(files));
    files.put(CHART_YAML, normalize(engine.render(chartYaml.template(), context)));
    files.put(MANIFEST, manifest(plan.header(), files));
    return new RenderedChart(plan.chart().name(), plan.chart().version(), files);
  }

  /**
   * A plan part that does not apply is null; strict templates refuse null as an unknown token, so
   * it becomes an empty object, which is false in {@code [% if part %]}.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> absentAsEmpty(Map<String, Object> map) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    map.forEach(
        (key, value) -> {
          if (value == null) {
            out.put(key, Map.of());
          } else if (value instanceof Map<?, ?> child) {
            out.put(key, absentAsEmpty((Map<String, Object>) child));
          } else {
            out.put(key, value);
          }
        });
    return out;
  }

  /** LF line ends, no trailing blank lines, one final newline: byte-stable across platforms. */
  static String normalize(String text) {
    String lf = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(lf.length() + 1);
    for (int start = 0; start <= lf.length(); ) {
      int end = lf.indexOf('\n', start);
      if (end < 0) {
        end = lf.length();
      }
      int last = end;
      while (last > start && Character.isWhitespace(lf.charAt(last - 1))) {
        last--;
      }
      out.append(lf, start, last).append('\n');
      start = end + 1;
    }
    int last = out.length();
    while (last > 0 && Character.isWhitespace(out.charAt(last - 1))) {
      last--;
    }
    out.setLength(last);
    return out.append('\n').toString();
  }

  /** sha256 over path and content of every file, in path order. */
  static String digest(SortedMap<String, String> files) {
    MessageDigest sha = sha256();
    for (Map.Entry<String, String> e : files.entrySet()) {
      sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(e.getValue().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static String manifest(String header, SortedMap<String, String> files) {
    StringBuilder out = new StringBuilder("# ").append(header).append('\n');
    out.append("# Check with: sha256sum -c ").append(MANIFEST).append('\n');
    for (Map.Entry<String, String> e : files.entrySet()) {
      byte[] hash = sha256().digest(e.getValue().getBytes(StandardCharsets.UTF_8));
      out.append(HexFormat.of().formatHex(hash)).append("  ").append(e.getKey()).append('\n');
    }
    return out.toString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
