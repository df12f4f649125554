package dev.replichart.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What packaging needs of a {@code Chart.yaml}: the name and SemVer 2 version Helm requires, and
 * the whole mapping, which a repository index entry repeats (as Helm's {@code ChartVersion} embeds
 * the chart's metadata).
 *
 * @param name the chart name, also the archive's top directory
 * @param version the chart version
 * @param fields every key of Chart.yaml
 */
public record ChartMetadata(String name, String version, ObjectNode fields) {
  /** SemVer 2.0.0, the form {@code helm package} accepts. */
  static final Pattern SEMVER =
      Pattern.compile(
          "^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?$");

  /** Chart names as Helm allows them: no path separators, nothing that leaves DIST. */
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

  private static final YAMLMapper YAML = new YAMLMapper();

  /** {@code <name>-<version>.tgz}, as {@code helm package} names it. */
  public String archiveName() {
    return name + "-" + version + ".tgz";
  }

  /**
   * Parses Chart.yaml.
   *
   * @param file how problems name the file
   */
  public static ChartMetadata parse(String file, byte[] chartYaml) throws ProblemsException {
    String text = new String(chartYaml, StandardCharsets.UTF_8);
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      var where = e.getLocation();
      throw new ProblemsException(
          List.of(
              new Problem(
                  where == null
                      ? Location.ofFile(file)
                      : new Location(file, where.getLineNr(), where.getColumnNr()),
                  "",
                  "not YAML: " + e.getOriginalMessage(),
                  "",
                  "CHART-METADATA")));
    }
    if (!(tree instanceof ObjectNode fields)) {
      throw new ProblemsException(
          List.of(new Problem(Location.ofFile(file), "", "not a mapping", "", "CHART-METADATA")));
    }
    List<Problem> problems = new ArrayList<>();
    String name = text(fields, "name");
    String version = text(fields, "version");
    if (name == null || !NAME.matcher(name).matches()) {
      problems.add(
          new Problem(
              locate(file, text, "name"),
              "name",
              name == null ? "missing" : "'" + Problem.echo(name) + "' is not a chart name",
              "letters, digits, '.', '_' and '-'",
              "CHART-METADATA"));
    }
    if (version == null || !SEMVER.matcher(version).matches()) {
      problems.add(
          new Problem(
              locate(file, text, "version"),
              "version",
              version == null
                  ? "missing"
                  : "'" + Problem.echo(version) + "' is not a SemVer 2 version",
              "e.g. 1.2.3 or 1.2.3-rc.1",
              "CHART-METADATA"));
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException(problems);
    }
    return new ChartMetadata(name, version, fields);
  }

  private static String text(ObjectNode fields, String key) {
    JsonNode value = fields.get(key);
    return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
  }

  /** The line of a top-level key, or the file alone. */
  private static Location locate(String file, String text, String key) {
    Matcher m = Pattern.compile("(?m)^" + key + "\\s*:").matcher(text);
    if (!m.find()) {
      return Location.ofFile(file);
    }
    int line = 1;
    for (int i = 0; i < m.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return new Location(file, line, 1);
  }

  /**
   * Orders versions newest first, as Helm sorts an index: SemVer precedence (a release after its
   * pre-releases, numeric identifiers numerically), then the text for versions that are not SemVer.
   */
  static int newestFirst(String a, String b) {
    Matcher ma = SEMVER.matcher(a);
    Matcher mb = SEMVER.matcher(b);
    if (!ma.matches() || !mb.matches()) {
      return ma.matches() ? -1 : mb.matches() ? 1 : b.compareTo(a);
    }
    for (int i = 1; i <= 3; i++) {
      int c =
          new java.math.BigInteger(mb.group(i)).compareTo(new java.math.BigInteger(ma.group(i)));
      if (c != 0) {
        return c;
      }
    }
    int c = -comparePre(ma.group(4), mb.group(4));
    return c != 0 ? c : b.compareTo(a);
  }

  private static int comparePre(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    String[] pa = a.split("\\.");
    String[] pb = b.split("\\.");
    for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
      boolean na = pa[i].matches("\\d+");
      boolean nb = pb[i].matches("\\d+");
      int c;
      if (na && nb) {
        c = new java.math.BigInteger(pa[i]).compareTo(new java.math.BigInteger(pb[i]));
      } else if (na != nb) {
        c = na ? -1 : 1;
      } else {
        c = pa[i].compareTo(pb[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pa.length, pb.length);
  }
}
