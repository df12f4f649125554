package dev.replichart.validate;

/**
 * Every check the validation layers run, listed once: its stable ID (what {@link
 * dev.replichart.problem.Problem#checkId()} carries and users filter on), the layer that runs it
 * and what it proves. A problem made in this package names its check through this enum, never
 * through a string of its own.
 */
public enum Check {
  VALUES_IO(
      "VALUES-IO", Layer.Name.VALUES, "a values file (or the chart's values.yaml) can be read"),
  VALUES_YAML("VALUES-YAML", Layer.Name.VALUES, "a values file is valid YAML"),
  VALUES_READING(
      "VALUES-READING",
      Layer.Name.VALUES,
      "each plain value and key of a values file means to Helm (YAML 1.1) what it means to this"
          + " check and to YAML 1.2 tools; no alias, merge key or tag, which this check cannot"
          + " follow"),
  VALUES_SCHEMA("VALUES-SCHEMA", Layer.Name.VALUES, "a values file matches values.schema.json"),
  VALUES_SCHEMA_FILE(
      "VALUES-SCHEMA-FILE",
      Layer.Name.VALUES,
      "the chart has a values.schema.json (without it Helm checks no values)"),
  HELM_LINT("HELM-LINT", Layer.Name.HELM, "helm lint --strict passes"),
  HELM_TEMPLATE(
      "HELM-TEMPLATE",
      Layer.Name.HELM,
      "helm template renders with the defaults and each values file"),
  HELM_VALUES_SCHEMA(
      "HELM-VALUES-SCHEMA", Layer.Name.HELM, "Helm accepts the values against values.schema.json"),
  HELM_OUTPUT("HELM-OUTPUT", Layer.Name.HELM, "what Helm rendered parses as YAML"),
  MODEL_KIND(
      "MODEL-KIND", Layer.Name.MODELS, "every object's apiVersion and kind has a fabric8 model"),
  MODEL_TYPE("MODEL-TYPE", Layer.Name.MODELS, "every object deserialises into its fabric8 model"),
  MODEL_UNKNOWN_FIELD(
      "MODEL-UNKNOWN-FIELD", Layer.Name.MODELS, "no field unknown to the model hides in an object"),
  OPENAPI_KIND(
      "OPENAPI-KIND",
      Layer.Name.OPENAPI,
      "Kubernetes 1.27 serves the object's apiVersion and kind"),
  OPENAPI_FORMAT(
      "OPENAPI-FORMAT", Layer.Name.OPENAPI, "quantities and patterned strings have their format"),
  OPENAPI_REQUIRED("OPENAPI-REQUIRED", Layer.Name.OPENAPI, "required fields are present"),
  OPENAPI_TYPE("OPENAPI-TYPE", Layer.Name.OPENAPI, "fields have the type the schema gives"),
  OPENAPI_ENUM("OPENAPI-ENUM", Layer.Name.OPENAPI, "enumerated fields hold one of their values"),
  OPENAPI_SCHEMA(
      "OPENAPI-SCHEMA", Layer.Name.OPENAPI, "any other OpenAPI schema rule (bounds, item counts…)"),
  POL_SELECTOR(
      "POL-SELECTOR",
      Layer.Name.POLICY,
      "selectors match the labels of the chart's pod templates, or a value declared for a run-time"
          + " label"),
  POL_SERVICE_NAME(
      "POL-SERVICE-NAME",
      Layer.Name.POLICY,
      "a StatefulSet's serviceName is a headless Service of the chart"),
  POL_TARGET_PORT(
      "POL-TARGET-PORT", Layer.Name.POLICY, "Service target ports exist on the selected pods"),
  POL_VOLUME_MOUNT(
      "POL-VOLUME-MOUNT",
      Layer.Name.POLICY,
      "every volume a container mounts is a volume of its pod or a claim template of its"
          + " StatefulSet"),
  POL_CONFIGMAP_FILE(
      "POL-CONFIGMAP-FILE",
      Layer.Name.POLICY,
      "every file a container runs from a ConfigMap mount is a key of that ConfigMap"),
  POL_RESOURCES("POL-RESOURCES", Layer.Name.POLICY, "every container requests CPU and memory"),
  POL_PROBES(
      "POL-PROBES",
      Layer.Name.POLICY,
      "long-running containers have liveness and readiness probes"),
  POL_PRIVILEGE_ESCALATION(
      "POL-PRIVILEGE-ESCALATION", Layer.Name.POLICY, "no container may escalate privileges"),
  POL_CAPABILITIES("POL-CAPABILITIES", Layer.Name.POLICY, "containers drop all Linux capabilities"),
  POL_NON_ROOT("POL-NON-ROOT", Layer.Name.POLICY, "containers run as a non-root user"),
  POL_PLAINTEXT_SECRET(
      "POL-PLAINTEXT-SECRET", Layer.Name.POLICY, "no password or key in a ConfigMap"),
  POL_PLAINTEXT_VALUE(
      "POL-PLAINTEXT-VALUE", Layer.Name.POLICY, "no password or key in the chart's default values"),
  POL_RBAC_WILDCARD(
      "POL-RBAC-WILDCARD", Layer.Name.POLICY, "RBAC rules name exact groups, resources and verbs"),
  POL_RBAC_VERBS(
      "POL-RBAC-VERBS", Layer.Name.POLICY, "RBAC grants only the verbs each component uses"),
  POL_PDB(
      "POL-PDB",
      Layer.Name.POLICY,
      "a workload with more than one replica has a PodDisruptionBudget"),
  POL_STORAGECLASS(
      "POL-STORAGECLASS",
      Layer.Name.POLICY,
      "claimed StorageClasses are in the chart or declared external");

  private final String id;
  private final Layer.Name layer;
  private final String description;

  Check(String id, Layer.Name layer, String description) {
    this.id = id;
    this.layer = layer;
    this.description = description;
  }

  /** The stable ID, {@code POL-NON-ROOT}. */
  public String id() {
    return id;
  }

  public Layer.Name layer() {
    return layer;
  }

  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return id();
  }
}
