package dev.replichart.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Layer "OpenAPI": each object validates against the Kubernetes OpenAPI v3 schema of its kind
 * (vendored, Kubernetes 1.27; see {@code kubernetes/SOURCE.md}): types, required fields, enums,
 * int-or-string, quantities. The schema allows unknown fields (the models layer catches those) and
 * knows nothing of cross-object rules (the policy layer) or admission webhooks.
 */
public final class OpenApiValidator implements Layer {
  static final String RESOURCE = "kubernetes/openapi-v3-k8s-1.27.json";
  static final String ENUMS = "kubernetes/enums-1.27.json";
  public static final String KUBERNETES_VERSION = "1.27";
  private static final String URI = "https://replichart.dev/schemas/" + RESOURCE;
  private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

  /** Kubernetes' own quantity grammar (signed number, then an SI or binary suffix or exponent). */
  static final String QUANTITY_PATTERN = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

  private final JsonSchema document;
  private final Map<String, String> componentByType;
  private final Map<String, JsonSchema> schemas = new HashMap<>();

  /**
   * Loads the schemas once. Only {@code components.schemas} is read (the document's {@code paths},
   * six sevenths of its 4 MB, are skipped unparsed), and networknt gets that tree directly: asked
   * for {@code URI#/components/schemas/X} by location, it would read and parse the whole document
   * again for every kind.
   */
  public OpenApiValidator() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode components = readSchemas(mapper);
    components.set(INT_OR_STRING, intOrString(mapper));
    components.set(QUANTITY, quantity(mapper));
    applyEnums(components, read(mapper, ENUMS));
    componentByType = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = components.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
        String group = gvk.path("group").asText("");
        String version = gvk.path("version").asText();
        String apiVersion = group.isEmpty() ? version : group + "/" + version;
        componentByType.put(apiVersion + "/" + gvk.path("kind").asText(), e.getKey());
      }
    }
    ObjectNode root = mapper.createObjectNode();
    root.putObject("components").set("schemas", components);
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V7,
            builder ->
                builder
                    // OpenAPI's own keywords (x-kubernetes-*) are annotations here; the default
                    // factory logs a warning for each, which a Maven build prints
                    .metaSchema(
                        JsonMetaSchema.builder(JsonMetaSchema.getV7())
                            .unknownKeywordFactory(
                                (keyword, context) -> new AnnotationKeyword(keyword))
                            .build())
                    .schemaLoaders(
                        loaders ->
                            // $refs resolve inside the tree below; this serves any other reader
                            loaders.add(
                                iri ->
                                    URI.equals(iri.toString())
                                        ? () ->
                                            new ByteArrayInputStream(mapper.writeValueAsBytes(root))
                                        : null)));
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(false)
            .locale(Locale.ENGLISH)
            .build();
    document = factory.getSchema(SchemaLocation.of(URI), root, config);
  }

  /** {@code components.schemas} of the vendored document, skipping everything else unparsed. */
  private static ObjectNode readSchemas(ObjectMapper mapper) {
    try (InputStream in = OpenApiValidator.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      try (JsonParser parser = mapper.getFactory().createParser(in)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw new IllegalStateException(RESOURCE + " is not a JSON object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          parser.nextToken();
          if (field.equals("components")) {
            JsonNode schemas = mapper.readValue(parser, JsonNode.class).path("schemas");
            if (schemas instanceof ObjectNode object) {
              return object;
            }
            break;
          }
          parser.skipChildren();
        }
      }
      throw new IllegalStateException(RESOURCE + " has no components.schemas");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(ObjectMapper mapper, String resource) {
    try (InputStream in = OpenApiValidator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return mapper.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds the curated enumerations; an entry naming no property is a packaging error. */
  static void applyEnums(ObjectNode components, JsonNode enums) {
    Iterator<Map.Entry<String, JsonNode>> it = enums.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("$")) {
        continue;
      }
      String key = e.getKey();
      boolean items = key.endsWith("[]");
      String name = items ? key.substring(0, key.length() - 2) : key;
      int dot = name.lastIndexOf('.');
      JsonNode property =
          components.path(name.substring(0, dot)).path("properties").path(name.substring(dot + 1));
      JsonNode target = items ? property.path("items") : property;
      if (!(target instanceof ObjectNode node)) {
        throw new IllegalStateException(ENUMS + ": " + key + " names no property of the schema");
      }
      node.set("enum", e.getValue());
    }
  }

  private static ObjectNode intOrString(ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    ArrayNode types = node.putArray("type");
    types.add("integer").add("string");
    return node;
  }

  private static ObjectNode quantity(ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    ArrayNode anyOf = node.putArray("anyOf");
    anyOf.addObject().put("type", "number");
    anyOf.addObject().put("type", "string").put("pattern", QUANTITY_PATTERN);
    return node;
  }

  /** Whether the schema has the object's apiVersion/kind. */
  public boolean knows(String typeKey) {
    return componentByType.containsKey(typeKey);
  }

  /** Every distinct object of every render ({@link ChartUnderTest#checkEachObject}). */
  @Override
  public List<Problem> check(ChartUnderTest chart) {
    return chart.checkEachObject(object -> check(object, chart.locator()));
  }

  List<Problem> check(KubeObject object, Locator locator) {
    String component = componentByType.get(object.typeKey());
    if (component == null) {
      return List.of(
          locator.problem(
              object,
              "apiVersion",
              "Kubernetes " + KUBERNETES_VERSION + " has no " + object.typeKey(),
              "",
              Check.OPENAPI_KIND));
    }
    JsonSchema schema =
        schemas.computeIfAbsent(
            component,
            c ->
                document.getRefSchema(
                    SchemaLocation.of(URI + "#/components/schemas/" + c).getFragment()));
    List<ValidationMessage> messages = new ArrayList<>(schema.validate(object.node()));
    messages.sort(Comparator.comparing(m -> m.getInstanceLocation().toString()));
    List<Problem> problems = new ArrayList<>();
    java.util.Set<String> alternatives = new java.util.HashSet<>();
    for (ValidationMessage m : messages) {
      String path = path(m.getInstanceLocation());
      if (m.getEvaluationPath().toString().contains("/anyOf/")) {
        // Each failed branch of an anyOf (a quantity) is reported by networknt; say it once.
        if (alternatives.add(path)) {
          problems.add(
              locator.problem(
                  object,
                  path,
                  "'"
                      + m.getInstanceNode().asText()
                      + "' must be a number or a quantity such as"
                      + " 500m, 2 or 1Gi",
                  "",
                  Check.OPENAPI_FORMAT));
        }
        continue;
      }
      if ("required".equals(m.getType()) && m.getProperty() != null) {
        path = ModelValidator.join(path, m.getProperty());
      }
      problems.add(locator.problem(object, path, describe(m), "", checkFor(m.getType())));
    }
    return problems;
  }

  private static String describe(ValidationMessage m) {
    return switch (m.getType()) {
      case "required" -> "is required";
      case "enum" -> {
        JsonNode allowed = m.getSchemaNode();
        yield "'" + m.getInstanceNode().asText() + "' is not one of " + allowed;
      }
      default -> {
        String error = m.getError();
        yield error == null ? m.getMessage() : error;
      }
    };
  }

  /** The check a networknt message of this keyword type belongs to. */
  static Check checkFor(String type) {
    return switch (type) {
      case "required" -> Check.OPENAPI_REQUIRED;
      case "type" -> Check.OPENAPI_TYPE;
      case "enum" -> Check.OPENAPI_ENUM;
      case "anyOf", "pattern", "format" -> Check.OPENAPI_FORMAT;
      default -> Check.OPENAPI_SCHEMA;
    };
  }

  /**
   * {@code /spec/template/spec/containers/0/name} → {@code spec.template.spec.containers[0].name}.
   */
  static String path(JsonNodePath location) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(element);
      }
    }
    return out.toString();
  }
}
