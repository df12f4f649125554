package dev.replichart.kube;

import java.util.regex.Pattern;

/**
 * Kubernetes' rules for names, labels and image tags, as regular expressions that mean the same to
 * Java's {@code Pattern.matches}, to JSON Schema (ECMA-262) and to Go (Helm's schema check):
 * anchored with {@code ^…$}, without classes that differ between them. The spec checks its names
 * with them and the values schema carries them, so a name is refused in the same words wherever it
 * is given.
 */
public final class NamePatterns {
  /** DNS-1035 label: Service and most object names; starts with a letter. */
  public static final String DNS_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  /** DNS-1123 subdomain: Secret, StorageClass and ConfigMap names. */
  public static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** Longest DNS-1123 subdomain. */
  public static final int DNS_SUBDOMAIN_MAX = 253;

  /** Label key: an optional DNS subdomain prefix and '/', then a name of at most 63. */
  public static final String LABEL_KEY =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";

  /** Longest label key: a 253-character prefix, '/', a 63-character name. */
  public static final int LABEL_KEY_MAX = 317;

  /** Label value: empty, or at most 63 of letters, digits, '-', '_' and '.', alphanumeric ends. */
  public static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$";

  /** Longest label value. */
  public static final int LABEL_VALUE_MAX = 63;

  /** An image tag as registries accept it. */
  public static final String IMAGE_TAG = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

  /** One line of text: no CR or LF (the schema's maxLength bounds it). */
  public static final String ONE_LINE = "^[^\\r\\n]*$";

  private static final Pattern LABEL_KEY_PATTERN = Pattern.compile(LABEL_KEY);
  private static final Pattern LABEL_VALUE_PATTERN = Pattern.compile(LABEL_VALUE);

  private NamePatterns() {}

  /** A label key as {@link #LABEL_KEY} and {@link #LABEL_KEY_MAX} allow it. */
  public static boolean isLabelKey(String key) {
    return key.length() <= LABEL_KEY_MAX && LABEL_KEY_PATTERN.matcher(key).matches();
  }

  /** A label value as {@link #LABEL_VALUE} and {@link #LABEL_VALUE_MAX} allow it. */
  public static boolean isLabelValue(String value) {
    return value.length() <= LABEL_VALUE_MAX && LABEL_VALUE_PATTERN.matcher(value).matches();
  }
}
