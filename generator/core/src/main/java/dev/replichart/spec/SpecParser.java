package dev.replichart.spec;

import dev.replichart.kube.NamePatterns;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.problem.Suggestions;
import dev.replichart.spec.ClusterSpec.Auth;
import dev.replichart.spec.ClusterSpec.ChartInfo;
import dev.replichart.spec.ClusterSpec.CloneSettings;
import dev.replichart.spec.ClusterSpec.ContainerResources;
import dev.replichart.spec.ClusterSpec.Engine;
import dev.replichart.spec.ClusterSpec.ExistingStorageClass;
import dev.replichart.spec.ClusterSpec.Failover;
import dev.replichart.spec.ClusterSpec.NfsProvisioner;
import dev.replichart.spec.ClusterSpec.Provisioner;
import dev.replichart.spec.ClusterSpec.Replication;
import dev.replichart.spec.ClusterSpec.Resources;
import dev.replichart.spec.ClusterSpec.SemiSync;
import dev.replichart.spec.ClusterSpec.Storage;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@code MySQLCluster} spec and checks it: types, ranges and cross-field rules. Returns a
 * complete spec or throws {@link ProblemsException} with every problem found.
 */
public final class SpecParser {
  public static final String API_VERSION = "replichart.dev/v1alpha1";
  public static final String KIND = "MySQLCluster";

  private static final Pattern DNS_LABEL = Pattern.compile(NamePatterns.DNS_LABEL);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(NamePatterns.DNS_SUBDOMAIN);

  /** A SemVer 2 pre-release identifier: a number has no leading zero ({@code rc.01} is not one). */
  private static final String SEMVER_PRERELEASE = "(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
              + "(-"
              + SEMVER_PRERELEASE
              + "(\\."
              + SEMVER_PRERELEASE
              + ")*)?"
              + "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");

  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m)");

  /** Longest semi-sync timeout: a day, in milliseconds. */
  private static final long MAX_TIMEOUT_MS = 86_400_000L;

  /** Kubernetes' limit on a DNS subdomain name (Secrets, StorageClasses). */
  static final int MAX_SUBDOMAIN_LENGTH = NamePatterns.DNS_SUBDOMAIN_MAX;

  /** Longest text a server setting's value may have (the values schema's maxLength too). */
  public static final int MAX_SETTING_LENGTH = 1024;

  private static final Pattern SQL_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,31}$");

  /** A server option's name, as the spec and the values schema accept it. */
  public static final String SETTING_NAME_PATTERN = "^[a-z][a-z0-9_-]{0,63}$";

  private static final Pattern SETTING_NAME = Pattern.compile(SETTING_NAME_PATTERN);

  /** No line break (CR, LF, NEL, U+2028/2029) and no other control character. */

  /**
   * Longest cluster name: pod names ({@code name-8}), Service names ({@code name-primary}) and the
   * chart's other objects must stay valid DNS labels (63) with room for a release prefix.
   */
  public static final int MAX_NAME_LENGTH = 40;

  private SpecParser() {}

  /** Deepest nesting of mappings and lists a spec may have; a real one needs 6. */
  static final int MAX_DEPTH = 20;

  /** Most aliases ({@code *name}) a spec may use: a real one needs none. */
  static final int MAX_ALIASES = 20;

  /** Parses the file; problems are located with the file name as the user gave it. */
  public static ClusterSpec parse(Path file) throws ProblemsException {
    String display = file.toString();
    String text = InputText.read(file, display, "the spec", "SPEC-IO");
    String source = file.getFileName() == null ? display : file.getFileName().toString();
    return parse(text, display, source);
  }

  /**
   * Parses spec text.
   *
   * @param display the file name used in problem locations
   * @param source the name recorded in generated file headers (stable across machines)
   */
  public static ClusterSpec parse(String text, String display, String source)
      throws ProblemsException {
    Diagnostics diagnostics = new Diagnostics(display);
    if (text.length() > InputText.MAX_BYTES) {
      diagnostics.error(
          Location.ofFile(display),
          "",
          "the spec is larger than " + InputText.MAX_BYTES / (1024 * 1024) + " MiB",
          "a spec is a few kilobytes of YAML; is this the right file?",
          "SPEC-IO");
      throw new ProblemsException(diagnostics.problems());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a UTF-8 byte order mark, which YAML allows
    }
    Node root;
    try {
      LoaderOptions options = loaderOptions();
      checkLimits(text, options, diagnostics);
      if (!diagnostics.problems().isEmpty()) {
        throw new ProblemsException(diagnostics.problems());
      }
      Iterable<Node> documents = new Yaml(options).composeAll(new StringReader(text));
      List<Node> list = new java.util.ArrayList<>();
      documents.forEach(list::add);
      if (list.isEmpty()) {
        diagnostics.error(
            new Location(display, 1, 1),
            "",
            "the spec is empty",
            "start with 'apiVersion: " + API_VERSION + "' and 'kind: " + KIND + "'",
            "SPEC-EMPTY");
        throw new ProblemsException(diagnostics.problems());
      }
      if (list.size() > 1) {
        diagnostics.error(
            list.get(1),
            "",
            "a spec file holds one MySQLCluster, found " + list.size() + " documents",
            "put each cluster in its own file",
            "SPEC-MULTI-DOC");
      }
      root = list.get(0);
    } catch (MarkedYAMLException e) {
      String message = e.getProblem() == null ? e.getMessage() : e.getProblem();
      String hint = "";
      if (e.getContextMark() != null && e.getContext() != null) {
        hint =
            e.getContext()
                + " at line "
                + (e.getContextMark().getLine() + 1)
                + ", column "
                + (e.getContextMark().getColumn() + 1);
      }
      diagnostics.error(
          diagnostics.locate(e.getProblemMark()),
          "",
          "not valid YAML: " + message.trim(),
          hint,
          "SPEC-YAML");
      throw new ProblemsException(diagnostics.problems());
    } catch (RuntimeException e) {
      // snakeyaml's own limits and anything else it throws: a problem at the file, never a crash
      diagnostics.error(
          Location.ofFile(display),
          "",
          "not valid YAML: " + Problem.echo(String.valueOf(e.getMessage())),
          "",
          "SPEC-YAML");
      throw new ProblemsException(diagnostics.problems());
    }

    ClusterSpec spec = new SpecParser.Reading(diagnostics, source).read(root);
    if (!diagnostics.problems().isEmpty()) {
      throw new ProblemsException(diagnostics.problems());
    }
    return spec;
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // duplicates are reported by Fields, with positions
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(InputText.MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  /** Refuses too many aliases or too deep a nesting at the line that goes too far. */
  private static void checkLimits(String text, LoaderOptions options, Diagnostics diagnostics) {
    for (YamlLimits.Finding f : YamlLimits.check(text, options, MAX_ALIASES, MAX_DEPTH)) {
      diagnostics.error(
          new Location(diagnostics.file(), f.line(), f.column()),
          "",
          f.message(),
          f.hint(),
          "SPEC-LIMIT");
    }
  }

  /** One pass over one document; holds the diagnostics it reports to. */
  private static final class Reading {
    private final Diagnostics diagnostics;

    /** spec.replication.semiSync.timeout when the spec sets it (automatic failover refuses it). */
    private Node semiSyncTimeout;

    private final String source;

    Reading(Diagnostics diagnostics, String source) {
      this.diagnostics = diagnostics;
      this.source = source;
    }

    ClusterSpec read(Node root) {
      Fields top = Fields.of(root, "", diagnostics);
      expectConstant(top, "apiVersion", API_VERSION);
      expectConstant(top, "kind", KIND);

      Fields metadata = top.object("metadata");
      String name = metadata.requiredString("name");
      if (name != null) {
        checkDnsLabel(metadata, "name", name, MAX_NAME_LENGTH);
      }
      metadata.finish();
      String clusterName = name == null ? "cluster" : name;

      ChartInfo chart = readChart(top.object("chart"), clusterName);
      Fields spec = top.object("spec");
      if (!spec.present()) {
        top.requireAt("spec");
      }
      Engine engine = readEngine(spec.object("engine"));
      int replicas = spec.integer("replicas", 3, 1, ClusterSpec.MAX_REPLICAS);
      Replication replication = readReplication(spec.object("replication"), engine, replicas);
      CloneSettings clone = readClone(spec.object("clone"), engine);
      Storage storage = readStorage(spec.object("storage"));
      Failover failover = readFailover(spec.object("failover"), replicas, replication);
      if (failover.automatic() && replication != null && replication.semiSync().enabled()) {
        SemiSync lossless =
            new SemiSync(
                true, SemiSync.UNLIMITED_TIMEOUT_MS, replication.semiSync().waitForReplicas());
        replication =
            new Replication(
                replication.gtid(),
                lossless,
                replication.maxLagSeconds(),
                replication.errantPolicy());
      }
      Auth auth = readAuth(spec.object("auth"));
      Resources resources = readResources(spec.object("resources"));
      SortedMap<String, String> mysqlConfig = readMysqlConfig(spec, engine);
      spec.finish();
      top.finish();

      return new ClusterSpec(
          source,
          clusterName,
          chart,
          engine,
          replicas,
          replication,
          clone,
          storage,
          failover,
          auth,
          resources,
          mysqlConfig);
    }

    private void expectConstant(Fields fields, String key, String expected) {
      String value = fields.requiredString(key);
      if (value != null && !value.equals(expected)) {
        diagnostics.error(
            fields.anchor(key),
            key,
            "must be '" + expected + "', got '" + Problem.echo(value) + "'",
            "",
            "SPEC-VALUE");
      }
    }

    private ChartInfo readChart(Fields chart, String clusterName) {
      String chartName = chart.string("name", clusterName);
      if (chart.anchor("name") != null) {
        checkDnsLabel(chart, "name", chartName, MAX_NAME_LENGTH);
      }
      String version = chart.string("version", "0.1.0");
      if (!SEMVER.matcher(version).matches()) {
        diagnostics.error(
            chart.locate("version"),
            chart.pathOf("version"),
            "must be a semantic version like 1.2.3, got '" + Problem.echo(version) + "'",
            "Helm requires SemVer 2 chart versions",
            "SPEC-VALUE");
      }
      String description =
          chart.string(
              "description",
              "A replicated MySQL/MariaDB cluster with GTID replication, streamed cloning"
                  + " and a failover Job.");
      if (SpecText.lineProblem(description, SpecText.MAX_DESCRIPTION) != null) {
        diagnostics.error(
            chart.locate("description"),
            chart.pathOf("description"),
            "must be " + SpecText.lineProblem(description, SpecText.MAX_DESCRIPTION),
            "",
            "SPEC-VALUE");
      }
      chart.finish();
      return new ChartInfo(chartName, version, description);
    }

    private Engine readEngine(Fields engine) {
      String flavorName = engine.string("flavor", Flavor.MYSQL.specName());
      Flavor flavor =
          Arrays.stream(Flavor.values())
              .filter(f -> f.specName().equals(flavorName))
              .findFirst()
              .orElse(null);
      if (flavor == null) {
        diagnostics.error(
            engine.locate("flavor"),
            engine.pathOf("flavor"),
            "unknown flavor '" + Problem.echo(flavorName) + "'",
            Suggestions.hint(
                flavorName, Arrays.stream(Flavor.values()).map(Flavor::specName).toList()),
            "SPEC-ENUM");
        flavor = Flavor.MYSQL;
      }
      String version = engine.string("version", flavor.supportedVersions().get(0));
      if (!flavor.supportedVersions().contains(version)) {
        diagnostics.error(
            engine.locate("version"),
            engine.pathOf("version"),
            "version '" + Problem.echo(version) + "' is not supported for " + flavor.specName(),
            "supported: " + String.join(", ", flavor.supportedVersions()),
            "SPEC-ENUM");
      }
      engine.finish();
      return new Engine(flavor, version);
    }

    private Replication readReplication(Fields replication, Engine engine, int replicas) {
      boolean gtid = replication.bool("gtid", true);
      if (!gtid) {
        diagnostics.error(
            replication.locate("gtid"),
            replication.pathOf("gtid"),
            "GTID replication cannot be turned off",
            "cloning, auto-positioning and lossless failover all rely on GTIDs; remove the line",
            "SPEC-RULE");
      }
      int maxLag = replication.integer("maxLagSeconds", 30, 1, 86_400);
      Fields semi = replication.object("semiSync");
      boolean enabled = semi.bool("enabled", false);
      long timeout = 10_000;
      Optional<Node> timeoutNode = semi.node("timeout");
      semiSyncTimeout = timeoutNode.orElse(null);
      if (timeoutNode.isPresent()) {
        String text = semi.string("timeout", "10s");
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
          // BigInteger: 99999999999999999999s must be "out of range", not a crash or a wrap-around
          java.math.BigInteger millis =
              new java.math.BigInteger(m.group(1))
                  .multiply(
                      java.math.BigInteger.valueOf(
                          switch (m.group(2)) {
                            case "ms" -> 1;
                            case "s" -> 1_000;
                            default -> 60_000;
                          }));
          if (millis.signum() < 1
              || millis.compareTo(java.math.BigInteger.valueOf(MAX_TIMEOUT_MS)) > 0) {
            diagnostics.error(
                timeoutNode.get(),
                semi.pathOf("timeout"),
                "must be between 1ms and 24h, got '" + Problem.echo(text) + "'",
                "",
                "SPEC-RANGE");
          } else {
            timeout = millis.longValueExact();
          }
        } else if (timeoutNode.get() instanceof ScalarNode scalar
            && scalar.getTag().equals(org.yaml.snakeyaml.nodes.Tag.STR)) {
          diagnostics.error(
              timeoutNode.get(),
              semi.pathOf("timeout"),
              "expected a duration like 500ms, 10s or 2m, got '" + Problem.echo(text) + "'",
              "",
              "SPEC-VALUE");
        }
      }
      int waitFor = semi.integer("waitForReplicas", 1, 1, ClusterSpec.MAX_REPLICAS - 1);
      semi.finish();
      String errantText = replication.string("errantPolicy", "report");
      ClusterSpec.ErrantPolicy errantPolicy = ClusterSpec.ErrantPolicy.REPORT;
      List<String> policies =
          java.util.Arrays.stream(ClusterSpec.ErrantPolicy.values())
              .map(ClusterSpec.ErrantPolicy::specName)
              .toList();
      if (policies.contains(errantText)) {
        errantPolicy = ClusterSpec.ErrantPolicy.valueOf(errantText.toUpperCase(Locale.ROOT));
      } else {
        diagnostics.error(
            replication.locate("errantPolicy"),
            replication.pathOf("errantPolicy"),
            "expected one of " + policies + ", got '" + Problem.echo(errantText) + "'",
            Suggestions.hint(errantText, policies),
            "SPEC-ENUM");
      }
      replication.finish();

      SemiSync semiSync = new SemiSync(enabled, timeout, waitFor);
      if (replicas < semiSync.minReplicas() && replicas < 2) {
        diagnostics.error(
            semi.locate("enabled"),
            semi.pathOf("enabled"),
            "semi-synchronous replication needs at least 2 replicas, spec.replicas is " + replicas,
            "raise spec.replicas or turn semiSync off",
            "SPEC-RULE");
      } else if (replicas < semiSync.minReplicas()) {
        diagnostics.error(
            semi.locate("waitForReplicas"),
            semi.pathOf("waitForReplicas"),
            "cannot wait for "
                + waitFor
                + " replica(s) when only "
                + (replicas - 1)
                + " exist besides the primary",
            "lower it to at most " + (replicas - 1),
            "SPEC-RULE");
      }
      if (enabled && engine.flavor() == Flavor.MARIADB && waitFor != 1) {
        diagnostics.error(
            semi.locate("waitForReplicas"),
            semi.pathOf("waitForReplicas"),
            "MariaDB semi-sync acknowledges after one replica; waitForReplicas must be 1",
            "remove the line or use flavor mysql",
            "SPEC-RULE");
      }
      return new Replication(gtid, semiSync, maxLag, errantPolicy);
    }

    private CloneSettings readClone(Fields clone, Engine engine) {
      CloneMethod expected = engine.flavor().cloneMethod();
      String methodName = clone.string("method", expected.specName());
      CloneMethod method =
          Arrays.stream(CloneMethod.values())
              .filter(c -> c.specName().equals(methodName))
              .findFirst()
              .orElse(null);
      if (method == null) {
        diagnostics.error(
            clone.locate("method"),
            clone.pathOf("method"),
            "unknown clone method '" + Problem.echo(methodName) + "'",
            Suggestions.hint(
                methodName,
                Arrays.stream(CloneMethod.values()).map(CloneMethod::specName).toList()),
            "SPEC-ENUM");
        method = expected;
      } else if (method != expected) {
        diagnostics.error(
            clone.locate("method"),
            clone.pathOf("method"),
            "'"
                + Problem.echo(methodName)
                + "' does not work with flavor "
                + engine.flavor().specName(),
            "use '" + expected.specName() + "'",
            "SPEC-RULE");
      }
      boolean portGiven = clone.node("port").isPresent();
      int port = clone.integer("port", 3307, 1024, 65_535);
      if (portGiven && method == CloneMethod.CLONE_PLUGIN) {
        diagnostics.error(
            clone.locate("port"),
            clone.pathOf("port"),
            "the CLONE plugin copies over the MySQL port; there is no clone port to set",
            "remove the line",
            "SPEC-RULE");
      } else if (port == 3306) {
        diagnostics.error(
            clone.locate("port"),
            clone.pathOf("port"),
            "the clone port must differ from the MySQL port 3306",
            "use 3307",
            "SPEC-RULE");
      }
      clone.finish();
      return new CloneSettings(method, port);
    }

    private Storage readStorage(Fields storage) {
      String size = storage.string("size", "10Gi");
      checkQuantity(storage, "size", size, true);
      Fields provisioner = storage.object("provisioner");
      String type = provisioner.string("type", "existing");
      Provisioner result;
      switch (type) {
        case "nfs" -> {
          Fields backing = provisioner.object("backing");
          String hostPath = backing.string("hostPath", null);
          if (hostPath == null) {
            diagnostics.error(
                backing.present() ? backing.locate("hostPath") : provisioner.locate("backing"),
                backing.pathOf("hostPath"),
                "an NFS provisioner needs the node directory it exports from",
                "add 'backing: {hostPath: /dockerdata-nfs}'",
                "SPEC-REQUIRED");
            hostPath = "/";
          } else if (SpecText.pathProblem(hostPath) != null) {
            diagnostics.error(
                backing.locate("hostPath"),
                backing.pathOf("hostPath"),
                "must be " + SpecText.pathProblem(hostPath),
                "",
                "SPEC-VALUE");
          }
          backing.finish();
          SortedMap<String, String> nodeSelector = new TreeMap<>();
          provisioner
              .scalarEntries("nodeSelector")
              .forEach(
                  (key, entry) -> {
                    String value = ((ScalarNode) entry.getValueNode()).getValue();
                    checkLabel(provisioner.pathOf("nodeSelector") + "." + key, entry, key, value);
                    nodeSelector.put(key, value);
                  });
          if (nodeSelector.isEmpty()) {
            diagnostics.error(
                provisioner.locate("nodeSelector"),
                provisioner.pathOf("nodeSelector"),
                "an NFS provisioner needs a nodeSelector: it exports a directory of one node,"
                    + " where every replica's data lives",
                "add 'nodeSelector: {replichart.dev/nfs-server: \"true\"}' and label that node",
                "SPEC-REQUIRED");
          }
          provisioner.node("storageClass");
          if (provisioner.anchor("storageClass") != null) {
            diagnostics.error(
                provisioner.locate("storageClass"),
                provisioner.pathOf("storageClass"),
                "an NFS provisioner serves its own StorageClass; storageClass is for type existing",
                "remove the line, or use type: existing",
                "SPEC-RULE");
          }
          result = new NfsProvisioner(hostPath, nodeSelector);
        }
        case "existing" -> {
          String storageClass = provisioner.string("storageClass", "");
          checkSubdomain(provisioner, "storageClass", storageClass, "StorageClass");
          provisioner.node("backing");
          if (provisioner.anchor("backing") != null) {
            diagnostics.error(
                provisioner.locate("backing"),
                provisioner.pathOf("backing"),
                "backing is for type nfs",
                "remove it, or use type: nfs",
                "SPEC-RULE");
          }
          result = new ExistingStorageClass(storageClass);
        }
        default -> {
          diagnostics.error(
              provisioner.locate("type"),
              provisioner.pathOf("type"),
              "unknown provisioner type '" + Problem.echo(type) + "'",
              Suggestions.hint(type, List.of("nfs", "existing")),
              "SPEC-ENUM");
          provisioner.node("backing");
          provisioner.node("storageClass");
          result = new ExistingStorageClass("");
        }
      }
      provisioner.finish();
      storage.finish();
      return new Storage(size, result);
    }

    private Failover readFailover(Fields failover, int replicas, Replication replication) {
      boolean job = failover.bool("job", true);
      boolean automatic = failover.bool("automatic", false);
      if (automatic && replication != null && !replication.semiSync().enabled()) {
        diagnostics.error(
            failover.locate("automatic"),
            failover.pathOf("automatic"),
            "automatic failover needs semi-synchronous replication: without it the primary"
                + " acknowledges writes no replica has, and a failover loses them",
            "set spec.replication.semiSync.enabled: true, or run the failover Job by hand",
            "SPEC-RULE");
      } else if (automatic && semiSyncTimeout != null) {
        diagnostics.error(
            semiSyncTimeout,
            "spec.replication.semiSync.timeout",
            "with automatic failover a commit waits for a replica's acknowledgement without a"
                + " time limit: after a timeout the primary would acknowledge writes no replica"
                + " has, and the failover would lose them",
            "remove the timeout (or set failover.automatic: false to keep it)",
            "SPEC-RULE");
      }
      if (job && replicas < 2 && failover.anchor("job") != null) {
        diagnostics.error(
            failover.locate("job"),
            failover.pathOf("job"),
            "failover needs a replica to promote; spec.replicas is " + replicas,
            "raise spec.replicas or set job: false",
            "SPEC-RULE");
      }
      failover.finish();
      return new Failover(job && replicas >= 2, automatic);
    }

    private Auth readAuth(Fields auth) {
      String existing = auth.string("existingSecret", "");
      boolean requireExisting = auth.bool("requireExistingSecret", false);
      if (requireExisting && existing.isEmpty()) {
        diagnostics.error(
            auth.locate("requireExistingSecret"),
            auth.pathOf("existingSecret"),
            "requireExistingSecret needs the name of the Secret that holds the passwords",
            "add 'existingSecret: <name>' (its keys are in the chart README)",
            "SPEC-REQUIRED");
      }
      checkSubdomain(auth, "existingSecret", existing, "Secret");
      String database = auth.string("database", "");
      String username = auth.string("username", "");
      for (Map.Entry<String, String> e :
          List.of(Map.entry("database", database), Map.entry("username", username))) {
        if (!e.getValue().isEmpty() && !SQL_NAME.matcher(e.getValue()).matches()) {
          diagnostics.error(
              auth.locate(e.getKey()),
              auth.pathOf(e.getKey()),
              "'" + Problem.echo(e.getValue()) + "' is not a plain SQL name",
              "letters, digits and '_', at most 32, not starting with a digit",
              "SPEC-VALUE");
        }
      }
      if (ReservedAccounts.isReservedUser(username)) {
        diagnostics.error(
            auth.locate("username"),
            auth.pathOf("username"),
            "'" + username + "' is an account the chart uses itself",
            "choose another name; reserved: "
                + String.join(", ", new java.util.TreeSet<>(ReservedAccounts.USERS)),
            "SPEC-RESERVED");
      }
      if (ReservedAccounts.isReservedDatabase(database)) {
        diagnostics.error(
            auth.locate("database"),
            auth.pathOf("database"),
            "'" + database + "' is a system schema of the server",
            "choose another name; reserved: "
                + String.join(", ", new java.util.TreeSet<>(ReservedAccounts.DATABASES)),
            "SPEC-RESERVED");
      }
      if (!username.isEmpty() && database.isEmpty()) {
        diagnostics.error(
            auth.locate("username"),
            auth.pathOf("username"),
            "an application user needs a database to be granted on",
            "add 'database:'",
            "SPEC-RULE");
      }
      auth.finish();
      return new Auth(existing, requireExisting, database, username);
    }

    private Resources readResources(Fields resources) {
      ContainerResources mysqld =
          readContainerResources(resources.object("mysqld"), "500m", "1Gi", "", "2Gi");
      ContainerResources sidecar =
          readContainerResources(resources.object("sidecar"), "100m", "128Mi", "", "512Mi");
      resources.finish();
      return new Resources(mysqld, sidecar);
    }

    private ContainerResources readContainerResources(
        Fields container, String cpu, String memory, String cpuLimit, String memoryLimit) {
      Fields requests = container.object("requests");
      String rCpu = requests.string("cpu", cpu);
      String rMem = requests.string("memory", memory);
      checkQuantity(requests, "cpu", rCpu, true);
      checkQuantity(requests, "memory", rMem, true);
      requests.finish();
      Fields limits = container.object("limits");
      String lCpu = limits.string("cpu", cpuLimit);
      String lMem = limits.string("memory", memoryLimit);
      checkQuantity(limits, "cpu", lCpu, false);
      checkQuantity(limits, "memory", lMem, false);
      checkLimitNotBelowRequest(limits, "cpu", lCpu, rCpu);
      checkLimitNotBelowRequest(limits, "memory", lMem, rMem);
      limits.finish();
      container.finish();
      return new ContainerResources(rCpu, rMem, lCpu, lMem);
    }

    private void checkLimitNotBelowRequest(
        Fields limits, String key, String limit, String request) {
      Optional<BigDecimal> l = limit.isEmpty() ? Optional.empty() : Quantities.parse(limit);
      Optional<BigDecimal> r = Quantities.parse(request);
      if (l.isPresent() && r.isPresent() && l.get().compareTo(r.get()) < 0) {
        diagnostics.error(
            limits.locate(key),
            limits.pathOf(key),
            "limit " + limit + " is below the request " + request,
            "a limit must be at least the request",
            "SPEC-RULE");
      }
    }

    private SortedMap<String, String> readMysqlConfig(Fields spec, Engine engine) {
      SortedMap<String, String> result = new TreeMap<>();
      Optional<ServerOptions> known = ServerOptions.of(engine.flavor(), engine.version());
      for (Map.Entry<String, ScalarNode> entry : spec.scalarMap("mysqlConfig").entrySet()) {
        String key = entry.getKey();
        String path = spec.pathOf("mysqlConfig") + "." + key;
        if (!SETTING_NAME.matcher(key).matches()) {
          diagnostics.error(
              entry.getValue(),
              path,
              "'" + Problem.echo(key) + "' is not a server option name",
              "lower-case letters, digits, '_' and '-'",
              "SPEC-VALUE");
        } else if (ReservedSettings.isReserved(key)) {
          diagnostics.error(
              entry.getValue(),
              path,
              "'" + key + "' is set by replichart because replication depends on it",
              "remove it; see the README's list of forced settings",
              "SPEC-RESERVED");
        } else if (ServerOptions.deniedBecause(ReservedSettings.normalize(key)) != null) {
          diagnostics.error(
              entry.getValue(),
              path,
              "'"
                  + key
                  + "' may not be tuned: "
                  + ServerOptions.deniedBecause(ReservedSettings.normalize(key)),
              "remove it",
              "SPEC-DENIED");
        } else if (key.startsWith("loose")) {
          diagnostics.error(
              entry.getValue(),
              path,
              "'" + key + "': the loose- prefix would hide a misspelt name",
              "write the option's own name",
              "SPEC-VALUE");
        } else if (known.isPresent() && !known.get().knows(ReservedSettings.normalize(key))) {
          diagnostics.error(
              entry.getValue(),
              path,
              "'"
                  + key
                  + "' is not an option of "
                  + known.get().engine()
                  + "; mysqld would not start",
              known.get().hint(ReservedSettings.normalize(key)),
              "SPEC-UNKNOWN-SETTING");
        } else if (result.containsKey(ReservedSettings.normalize(key))) {
          diagnostics.error(
              entry.getValue(),
              path,
              "'"
                  + key
                  + "' is the same option as '"
                  + ReservedSettings.normalize(key)
                  + "' given above ('-' and '_' are one)",
              "keep one of them",
              "SPEC-DUPLICATE-KEY");
        } else if (SpecText.settingProblem(entry.getValue().getValue()) != null) {
          diagnostics.error(
              entry.getValue(),
              path,
              "must be " + SpecText.settingProblem(entry.getValue().getValue()),
              "",
              "SPEC-VALUE");
        } else {
          result.put(ReservedSettings.normalize(key), entry.getValue().getValue());
        }
      }
      return result;
    }

    /** A DNS-1123 subdomain, as Kubernetes names Secrets and StorageClasses; empty: not set. */
    private void checkSubdomain(Fields fields, String key, String value, String kind) {
      if (value.isEmpty()) {
        return;
      }
      if (value.length() > MAX_SUBDOMAIN_LENGTH) {
        diagnostics.error(
            fields.locate(key),
            fields.pathOf(key),
            "a "
                + kind
                + " name is at most "
                + MAX_SUBDOMAIN_LENGTH
                + " characters, got "
                + value.length(),
            "",
            "SPEC-VALUE");
      } else if (!DNS_SUBDOMAIN.matcher(value).matches()) {
        diagnostics.error(
            fields.locate(key),
            fields.pathOf(key),
            "'" + Problem.echo(value) + "' is not a valid " + kind + " name",
            "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
            "SPEC-VALUE");
      }
    }

    /**
     * A label of a node selector, by the rules of the values schema's label maps ({@link
     * NamePatterns#isLabelKey}, {@link NamePatterns#isLabelValue}): the key where it is written,
     * the value where it is.
     */
    private void checkLabel(String path, NodeTuple entry, String key, String value) {
      if (!NamePatterns.isLabelKey(key)) {
        diagnostics.error(
            entry.getKeyNode(),
            path,
            "'" + Problem.echo(key) + "' is not a valid label key",
            "an optional DNS subdomain and '/', then at most 63 letters, digits, '-', '_' and '.',"
                + " starting and ending with a letter or digit",
            "SPEC-VALUE");
      }
      if (value.length() > NamePatterns.LABEL_VALUE_MAX) {
        diagnostics.error(
            entry.getValueNode(),
            path,
            "a label value is at most "
                + NamePatterns.LABEL_VALUE_MAX
                + " characters, got "
                + value.length(),
            "",
            "SPEC-VALUE");
      } else if (!NamePatterns.isLabelValue(value)) {
        diagnostics.error(
            entry.getValueNode(),
            path,
            "'" + Problem.echo(value) + "' is not a valid label value",
            "letters, digits, '-', '_' and '.', starting and ending with a letter or digit; or"
                + " empty",
            "SPEC-VALUE");
      }
    }

    private void checkDnsLabel(Fields fields, String key, String value, int max) {
      if (!DNS_LABEL.matcher(value).matches() || value.length() > max) {
        diagnostics.error(
            fields.locate(key),
            fields.pathOf(key),
            "'" + Problem.echo(value) + "' is not a valid name",
            "lower-case letters, digits and '-', starting with a letter, at most " + max,
            "SPEC-VALUE");
      }
    }

    private void checkQuantity(Fields fields, String key, String value, boolean required) {
      if (value.isEmpty() && !required) {
        return;
      }
      Optional<BigDecimal> q = Quantities.parse(value);
      if (q.isEmpty() || q.get().signum() <= 0) {
        diagnostics.error(
            fields.locate(key),
            fields.pathOf(key),
            "'" + Problem.echo(value) + "' is not a positive Kubernetes quantity",
            "e.g. 500m, 2, 512Mi, 10Gi",
            "SPEC-VALUE");
      }
    }
  }
}
