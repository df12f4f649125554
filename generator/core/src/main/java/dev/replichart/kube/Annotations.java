package dev.replichart.kube;

/** Annotation keys through which a chart tells the policy checks what they cannot infer. */
public final class Annotations {
  /** The policy check IDs a workload is exempt from (comma-separated), reason in a comment. */
  public static final String POLICY_EXCEPTIONS = "replichart.dev/policy-exceptions";

  /** Pod label keys maintained at run time; Service selectors may use them. */
  public static final String RUNTIME_LABELS = "replichart.dev/runtime-labels";

  /** {@value #EXTERNAL} when volume claims use a StorageClass the chart does not contain. */
  public static final String STORAGE_CLASS = "replichart.dev/storage-class";

  public static final String EXTERNAL = "external";

  private Annotations() {}
}
