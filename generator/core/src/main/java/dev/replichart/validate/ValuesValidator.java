package dev.replichart.validate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.serialization.node.JsonLocationAware;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.Suggestions;
import dev.replichart.spec.Quantities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Values files against the chart's {@code values.schema.json}, before anything is rendered: each
 * problem located at its line and column in the values file, with the value's path ({@code
 * .persistence.size}). Layer "values": it runs before Helm, and Helm renders only the values files
 * it accepts (Helm would report the same schema errors again, unlocated). A chart without a values
 * schema is itself a problem: Helm would accept any values for it.
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
          .locale(Locale.ENGLISH)
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
              new com.fasterxml.jackson.databind.ObjectMapper().readTree(text));
    }
    return last;
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
      try {
        problems.addAll(check(chart.dir(), file, hasSchema));
      } catch (IOException e) {
        problems.add(
            new Problem(
                Location.ofFile(file.toString()),
                "",
                "cannot read: " + e.getMessage(),
                "",
                Check.VALUES_IO.id()));
      }
    }
    return problems;
  }

  private List<Problem> check(Path chartDir, Path valuesFile, boolean hasSchema)
      throws IOException {
    String display = valuesFile.toString();
    String text = Files.readString(valuesFile, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return List.of();
    }
    JsonNode instance;
    try {
      instance = readYaml(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      return List.of(
          new Problem(
              at == null
                  ? Location.ofFile(display)
                  : new Location(display, at.getLineNr(), at.getColumnNr()),
              "",
              "not valid YAML: " + e.getOriginalMessage(),
              "",
              Check.VALUES_YAML.id()));
    }
    if (!hasSchema) {
      return List.of();
    }
    Schema compiled =
        schema(Files.readString(chartDir.resolve(SCHEMA_FILE), StandardCharsets.UTF_8));
    JsonSchema schema = compiled.schema();
    JsonNode schemaTree = compiled.tree();
    List<ValidationMessage> messages = new ArrayList<>(schema.validate(instance));
    messages.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
    List<Problem> problems = new ArrayList<>();
    for (ValidationMessage m : messages) {
      JsonNode node = m.getInstanceNode();
      String path = "." + OpenApiValidator.path(m.getInstanceLocation());
      String message = m.getError() == null ? m.getMessage() : m.getError();
      String hint = "see values.schema.json";
      if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
        path = join(path, m.getProperty());
        node = node.path(m.getProperty());
        message = "unknown key '" + m.getProperty() + "'";
        hint = Suggestions.hint(m.getProperty(), siblings(schemaTree, m));
      } else if ("required".equals(m.getType()) && m.getProperty() != null) {
        path = join(path, m.getProperty());
      } else if ("pattern".equals(m.getType())
          && Quantities.PATTERN.equals(m.getSchemaNode().asText())) {
        message = "'" + node.asText() + "' is not a quantity such as 512Mi or 10Gi";
      } else if ("pattern".equals(m.getType()) || "enum".equals(m.getType())) {
        message = "'" + node.asText() + "': " + message;
      }
      problems.add(
          new Problem(locate(display, node), path, message, hint, Check.VALUES_SCHEMA.id()));
    }
    return problems;
  }

  /**
   * The values as a tree that knows each node's line and column. networknt wraps the parser's
   * exception in an {@link IllegalArgumentException}; unwrapped here so that YAML that does not
   * parse is reported (VALUES-YAML) instead of crashing the validator.
   */
  private static JsonNode readYaml(String text) throws IOException {
    try {
      return JsonNodeReader.builder().locationAware().build().readTree(text, InputFormat.YAML);
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof JsonProcessingException parse) {
        throw parse;
      }
      throw e;
    }
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
