package dev.replichart.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.serialization.node.JsonLocationAware;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import dev.replichart.problem.Suggestions;
import dev.replichart.spec.InputText;
import dev.replichart.spec.Quantities;
import dev.replichart.spec.YamlLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Values files against the chart's {@code values.schema.json}, before anything is rendered: each
 * problem located at its line and column in the values file, with the value's path ({@code
 * .persistence.size}). Layer "values": it runs before Helm, and Helm renders only the values files
 * it accepts (Helm would report the same schema errors again, unlocated). A chart without a values
 * schema is itself a problem: Helm would accept any values for it. Jackson reads YAML here, Helm
 * reads it with go-yaml: each plain scalar, alias, merge key or tag the two read differently is a
 * problem of its own ({@link ValuesReading}), and the schema is not checked against it.
 */
public final class ValuesValidator implements Layer {
  private static final String SCHEMA_FILE = "values.schema.json";

  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V7,
          builder -> builder.jsonNodeReader(JsonNodeReader.builder().locationAware().build()));
  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder()
          .pathType(PathType.JSON_POINTER)
          .formatAssertionsEnabled(false)
          .regularExpressionFactory(ValuesValidator::ecmaRegex)
          .locale(Locale.ENGLISH)
          .build();

  /** Deepest nesting a values file may have; the values tree is 5 levels deep. */
  static final int MAX_DEPTH = 32;

  /** Most aliases ({@code *name}) a values file may use. */
  static final int MAX_ALIASES = 50;

  /** Values files are read with the same limits whatever the reader. */
  private static final LoaderOptions LOADER_OPTIONS = loaderOptions();

  /**
   * Jackson's YAML reader bounded like the spec's: snakeyaml's limits through {@link
   * LoaderOptions}, Jackson's through {@link StreamReadConstraints}; networknt reads the tree with
   * it, keeping each node's line and column.
   */
  private static final JsonNodeReader YAML_READER =
      JsonNodeReader.builder()
          .locationAware()
          .yamlMapper(
              new ObjectMapper(
                  YAMLFactory.builder()
                      .loaderOptions(LOADER_OPTIONS)
                      .streamReadConstraints(
                          StreamReadConstraints.builder()
                              .maxNestingDepth(MAX_DEPTH)
                              .maxStringLength(InputText.MAX_BYTES)
                              .maxNumberLength(1000)
                              .build())
                      .build()))
          .build();

  /** A compiled values schema and its JSON tree (for "did you mean" among sibling keys). */
  private record Schema(String text, JsonSchema schema, JsonNode tree) {}

  /** The last schema compiled: the values files of one chart share it. */
  private Schema last;

  private Schema schema(String text) throws IOException {
    if (last == null || !last.text().equals(text)) {
      last =
          new Schema(
              text,
              factory.getSchema(text, InputFormat.JSON, config),
              new ObjectMapper().readTree(text));
    }
    return last;
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(InputText.MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  /**
   * The chart has a values schema; then each values file: readable, YAML, and what the values
   * schema says of it (without a schema, only readable and YAML).
   */
  @Override
  public List<Problem> check(ChartUnderTest chart) {
    List<Problem> problems = new ArrayList<>();
    Path schemaFile = chart.dir().resolve(SCHEMA_FILE);
    boolean hasSchema = Files.isRegularFile(schemaFile);
    if (!hasSchema) {
      // Helm validates values only against a schema the chart has; without one every key and
      // type a user gets wrong renders silently.
      problems.add(
          new Problem(
              Location.ofFile(chart.dir().toString()),
              "",
              "the chart has no " + SCHEMA_FILE + ", so no values are checked",
              "add a " + SCHEMA_FILE + " (replichart generate writes one from values.yaml)",
              Check.VALUES_SCHEMA_FILE.id()));
    }
    for (Path file : chart.valuesFiles()) {
      problems.addAll(check(chart.dir(), file, hasSchema));
    }
    return problems;
  }

  /**
   * One values file. Every way it can fail is a located problem: this layer runs on files a user
   * names, so nothing about them may end as an internal error.
   */
  private List<Problem> check(Path chartDir, Path valuesFile, boolean hasSchema) {
    String display = valuesFile.toString();
    String text;
    try {
      text = InputText.read(valuesFile, display, "the values file", Check.VALUES_IO.id());
    } catch (ProblemsException e) {
      return e.problems();
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a UTF-8 byte order mark, which YAML allows
    }
    if (text.isBlank()) {
      return List.of();
    }
    List<ValuesReading.Finding> readings;
    JsonNode instance;
    try {
      List<Problem> found = new ArrayList<>();
      for (YamlLimits.Finding f : YamlLimits.check(text, LOADER_OPTIONS, MAX_ALIASES, MAX_DEPTH)) {
        found.add(
            new Problem(
                new Location(display, f.line(), f.column()),
                "",
                f.message(),
                f.hint(),
                Check.VALUES_YAML.id()));
      }
      if (!found.isEmpty()) {
        return found;
      }
    } catch (RuntimeException e) {
      return List.of(notYaml(display, e));
    }
    Exception unreadable = null;
    try {
      instance = readYaml(text);
    } catch (RuntimeException | IOException e) {
      instance = null;
      unreadable = e;
    }
    try {
      Map<Long, JsonNode> scalars = scalarsByPosition(instance);
      readings =
          ValuesReading.check(
              text,
              display,
              LOADER_OPTIONS,
              (plain, at) -> {
                JsonNode read = scalars.get(position(at.getLine() + 1, at.getColumn() + 1));
                return read != null ? read : readPlain(plain);
              });
    } catch (RuntimeException e) {
      return List.of(notYaml(display, e));
    }
    List<Problem> problems = new ArrayList<>();
    readings.forEach(r -> problems.add(r.problem()));
    if (instance == null) {
      // Jackson gives up on some scalars Helm reads (1:30.5, .inf), which are reported already
      Problem notYaml = notYaml(display, unreadable);
      if (problems.stream().noneMatch(p -> p.location().line() == notYaml.location().line())) {
        problems.add(notYaml);
      }
      return problems;
    }
    if (!hasSchema) {
      return problems;
    }
    Schema compiled;
    List<ValidationMessage> messages;
    Path schemaFile = chartDir.resolve(SCHEMA_FILE);
    try {
      compiled = schema(Files.readString(schemaFile, StandardCharsets.UTF_8));
      messages = new ArrayList<>(compiled.schema().validate(asJson(instance)));
    } catch (IOException | RuntimeException e) {
      // the chart's own schema is broken (or unreadable): say so at that file, once per values file
      last = null;
      problems.add(brokenSchema(schemaFile, e));
      return problems;
    }
    JsonNode schemaTree = compiled.tree();
    messages.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
    // a value too long for a pattern that also bounds its length is said once, as too long
    Set<String> tooLong = new HashSet<>();
    messages.stream()
        .filter(m -> "maxLength".equals(m.getType()))
        .forEach(m -> tooLong.add(m.getInstanceLocation().toString()));
    messages.removeIf(
        m -> "pattern".equals(m.getType()) && tooLong.contains(m.getInstanceLocation().toString()));
    for (ValidationMessage m : messages) {
      JsonNode node = m.getInstanceNode();
      String path = "." + OpenApiValidator.path(m.getInstanceLocation());
      String message = m.getError() == null ? m.getMessage() : m.getError();
      String hint = "see values.schema.json";
      if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
        path = join(path, m.getProperty());
        node = node.path(m.getProperty());
        message = "unknown key '" + Problem.echo(m.getProperty()) + "'";
        hint = Suggestions.hint(m.getProperty(), siblings(schemaTree, m));
      } else if ("required".equals(m.getType()) && m.getProperty() != null) {
        path = join(path, m.getProperty());
      } else if ("propertyNames".equals(m.getType()) && m.getProperty() != null) {
        // at the key the schema refuses, not at the mapping that holds it
        path = join(path, m.getProperty());
        node = node.path(m.getProperty());
      } else if ("pattern".equals(m.getType())
          && Quantities.PATTERN.equals(m.getSchemaNode().asText())) {
        message = "'" + Problem.echo(node.asText()) + "' is not a quantity such as 512Mi or 10Gi";
      } else if ("pattern".equals(m.getType()) || "enum".equals(m.getType())) {
        message = "'" + Problem.echo(node.asText()) + "': " + message;
      }
      String at = path;
      if (readings.stream().noneMatch(r -> r.covers(at))) {
        // a value Helm reads otherwise is reported as that, not checked as this layer reads it
        problems.add(
            new Problem(locate(display, node), path, message, hint, Check.VALUES_SCHEMA.id()));
      }
    }
    return problems;
  }

  /** YAML that does not parse, at the position snakeyaml or Jackson gives, on one line. */
  private static Problem notYaml(String display, Exception e) {
    MarkedYAMLException marked = cause(e, MarkedYAMLException.class);
    if (marked != null && marked.getProblemMark() != null) {
      Mark at = marked.getProblemMark();
      String hint = "";
      if (marked.getContext() != null && marked.getContextMark() != null) {
        hint =
            marked.getContext()
                + " at line "
                + (marked.getContextMark().getLine() + 1)
                + ", column "
                + (marked.getContextMark().getColumn() + 1);
      }
      String problem = marked.getProblem() == null ? marked.getMessage() : marked.getProblem();
      return new Problem(
          new Location(display, at.getLine() + 1, at.getColumn() + 1),
          "",
          "not valid YAML: " + problem.trim(),
          hint,
          Check.VALUES_YAML.id());
    }
    JsonProcessingException parse = cause(e, JsonProcessingException.class);
    JsonLocation at = parse == null ? null : parse.getLocation();
    String message =
        parse != null ? parse.getOriginalMessage() : String.valueOf(rootCause(e).getMessage());
    return new Problem(
        at == null || at.getLineNr() < 1
            ? Location.ofFile(display)
            : new Location(display, at.getLineNr(), at.getColumnNr()),
        "",
        "not valid YAML: " + Problem.echo(message.lines().findFirst().orElse("").trim()),
        "",
        Check.VALUES_YAML.id());
  }

  /** The chart's values.schema.json cannot be read or used: located at that file. */
  private static Problem brokenSchema(Path schemaFile, Exception e) {
    JsonProcessingException parse = cause(e, JsonProcessingException.class);
    JsonLocation at = parse == null ? null : parse.getLocation();
    String reason =
        parse != null ? parse.getOriginalMessage() : String.valueOf(rootCause(e).getMessage());
    return new Problem(
        at == null || at.getLineNr() < 1
            ? Location.ofFile(schemaFile.toString())
            : new Location(schemaFile.toString(), at.getLineNr(), at.getColumnNr()),
        "",
        "the chart's values schema cannot be used: "
            + Problem.echo(reason.lines().findFirst().orElse("").trim()),
        "regenerate the chart; values.schema.json is written by replichart",
        Check.VALUES_SCHEMA.id());
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The tree as JSON, which is what the schema validator takes: a {@code !!binary} value, which
   * Jackson reads as bytes (and the reading check reports), becomes its base64 text.
   */
  private static JsonNode asJson(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(e -> e.setValue(asJson(e.getValue())));
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, asJson(array.get(i)));
      }
    } else if (node.isBinary() || node.isPojo()) {
      return TextNode.valueOf(node.asText());
    }
    return node;
  }

  /** Line and column as one key. */
  private static long position(int line, int column) {
    return ((long) line << 32) | column;
  }

  /**
   * Every scalar value of the tree Jackson read, by the line and column it starts at, which is
   * where snakeyaml's event for it starts: how this layer read each plain scalar, without reading
   * it again. Empty when Jackson could not read the file.
   */
  private static Map<Long, JsonNode> scalarsByPosition(JsonNode tree) {
    Map<Long, JsonNode> scalars = new HashMap<>();
    Deque<JsonNode> todo = new ArrayDeque<>();
    if (tree != null) {
      todo.push(tree);
    }
    while (!todo.isEmpty()) {
      JsonNode node = todo.pop();
      if (node.isContainerNode()) {
        node.elements().forEachRemaining(todo::push);
      } else if (node instanceof JsonLocationAware aware && aware.tokenLocation() != null) {
        JsonLocation at = aware.tokenLocation();
        scalars.put(position(at.getLineNr(), at.getColumnNr()), node);
      }
    }
    return scalars;
  }

  /**
   * How this layer reads one plain scalar when the file as a whole did not read: Jackson on a
   * one-line document holding just that scalar (a plain scalar's text is plain again after {@code
   * v: }); null when Jackson cannot read it. Text a line break is part of came from a folded
   * multi-line scalar, which no resolver reads as anything but text.
   */
  private static JsonNode readPlain(String text) {
    if (text.indexOf('\n') >= 0) {
      return TextNode.valueOf(text);
    }
    try {
      return readYaml("v: " + text + "\n").get("v");
    } catch (RuntimeException | IOException e) {
      return null;
    }
  }

  /**
   * The values as a tree that knows each node's line and column. networknt wraps the parser's
   * exception in an {@link IllegalArgumentException}; unwrapped by {@link #notYaml}.
   */
  private static JsonNode readYaml(String text) throws IOException {
    return YAML_READER.readTree(text, InputFormat.YAML);
  }

  /**
   * A schema pattern as JSON Schema (ECMA-262) and Helm (Go) read it. Java's {@code $} also matches
   * before a final line break, so {@code ^[^\r\n]*$} would let {@code "500\n"} through here while
   * Helm refuses it; each {@code $} outside a character class becomes {@code \z}, the end of the
   * text only. A pattern is searched, not matched whole, as JSON Schema says.
   */
  static RegularExpression ecmaRegex(String regex) {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(endOfTextOnly(regex));
    return value -> pattern.matcher(value).find();
  }

  static String endOfTextOnly(String regex) {
    StringBuilder out = new StringBuilder(regex.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        out.append(c).append(regex.charAt(++i));
      } else if (inClass) {
        inClass = c != ']';
        out.append(c);
      } else if (c == '[') {
        inClass = true;
        out.append(c);
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
          out.append(regex.charAt(++i));
        }
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          out.append(regex.charAt(++i)); // a ']' first in a class is literal
        }
      } else if (c == '$') {
        out.append("\\z");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The keys an object allows, from the schema object that holds the failing keyword. */
  private static List<String> siblings(JsonNode schema, ValidationMessage m) {
    String fragment = m.getSchemaLocation().getFragment().toString();
    String parent = fragment.substring(0, Math.max(0, fragment.lastIndexOf('/')));
    List<String> names = new ArrayList<>();
    schema
        .at(parent.isEmpty() ? "" : parent)
        .path("properties")
        .fieldNames()
        .forEachRemaining(names::add);
    return names;
  }

  private static String join(String path, String key) {
    return path.equals(".") ? "." + key : path + "." + key;
  }

  private static Location locate(String file, JsonNode node) {
    if (node instanceof JsonLocationAware aware && aware.tokenLocation() != null) {
      JsonLocation at = aware.tokenLocation();
      return new Location(file, at.getLineNr(), at.getColumnNr());
    }
    return Location.ofFile(file);
  }
}
