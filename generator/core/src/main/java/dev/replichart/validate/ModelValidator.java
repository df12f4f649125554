package dev.replichart.validate;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Problem;
import dev.replichart.problem.Suggestions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Layer "models": each object must deserialise into the fabric8 kubernetes-model class of its
 * apiVersion and kind, and no unknown field may hide anywhere in it. fabric8 keeps unknown fields
 * in {@code additionalProperties} instead of failing, so this walks the whole typed tree and
 * reports each one with its path and the closest known field. It does not check required fields,
 * enums or formats (the OpenAPI layer does).
 */
public final class ModelValidator implements Layer {
  /** The kinds a chart may contain, by {@code apiVersion/kind}. */
  static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("apps/v1/StatefulSet", StatefulSet.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("batch/v1/CronJob", CronJob.class),
          Map.entry("batch/v1/Job", Job.class),
          Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
          Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("coordination.k8s.io/v1/Lease", Lease.class),
          Map.entry("storage.k8s.io/v1/StorageClass", StorageClass.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));

  private final ObjectMapper mapper =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final Map<Class<?>, List<BeanPropertyDefinition>> properties = new HashMap<>();

  /**
   * Builds the deserializer of every model class (and of every class they reach) now rather than at
   * the first object of each kind: reading an empty object resolves the whole property graph.
   */
  void prepare() {
    for (Class<?> model : MODELS.values()) {
      try {
        mapper.treeToValue(mapper.createObjectNode(), model);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot read an empty " + model.getName(), e);
      }
    }
  }

  /** Every distinct object of every render ({@link ChartUnderTest#checkEachObject}). */
  @Override
  public List<Problem> check(ChartUnderTest chart) {
    return chart.checkEachObject(object -> check(object, chart.locator()));
  }

  List<Problem> check(KubeObject object, Locator locator) {
    List<Problem> problems = new ArrayList<>();
    Class<?> model = MODELS.get(object.typeKey());
    if (model == null) {
      problems.add(
          locator.problem(
              object,
              "apiVersion",
              "no Kubernetes model for " + object.typeKey(),
              Suggestions.hint(object.typeKey(), MODELS.keySet()),
              Check.MODEL_KIND));
      return problems;
    }
    Object typed;
    try {
      typed = mapper.treeToValue(object.node(), model);
    } catch (JsonMappingException e) {
      problems.add(
          locator.problem(
              object, path(e), firstLine(e.getOriginalMessage()), "", Check.MODEL_TYPE));
      return problems;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      problems.add(
          locator.problem(object, "", firstLine(e.getOriginalMessage()), "", Check.MODEL_TYPE));
      return problems;
    }
    walk(typed, "", object, locator, problems);
    return problems;
  }

  private void walk(
      Object value, String path, KubeObject object, Locator locator, List<Problem> problems) {
    if (value == null || value instanceof Quantity || value instanceof IntOrString) {
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", object, locator, problems);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        walk(e.getValue(), join(path, String.valueOf(e.getKey())), object, locator, problems);
      }
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    List<BeanPropertyDefinition> props = propertiesOf(value.getClass());
    Map<String, Object> unknown = additionalProperties(value);
    if (!unknown.isEmpty()) {
      TreeSet<String> known = new TreeSet<>();
      props.forEach(p -> known.add(p.getName()));
      for (String key : new TreeSet<>(unknown.keySet())) {
        problems.add(
            locator.problem(
                object,
                join(path, key),
                "unknown field '" + key + "'",
                Suggestions.hint(key, known),
                Check.MODEL_UNKNOWN_FIELD));
      }
    }
    for (BeanPropertyDefinition p : props) {
      AnnotatedMember accessor = p.getAccessor();
      if (accessor == null) {
        continue;
      }
      walk(accessor.getValue(value), join(path, p.getName()), object, locator, problems);
    }
  }

  private List<BeanPropertyDefinition> propertiesOf(Class<?> type) {
    return properties.computeIfAbsent(
        type,
        t -> {
          BeanDescription description =
              mapper.getSerializationConfig().introspect(mapper.constructType(t));
          return description.findProperties().stream()
              .filter(p -> !p.getName().equals("additionalProperties"))
              .toList();
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> additionalProperties(Object value) {
    try {
      Method getter = value.getClass().getMethod("getAdditionalProperties");
      Object result = getter.invoke(value);
      return result instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    } catch (ReflectiveOperationException e) {
      return Map.of();
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "cannot be read as the Kubernetes model";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
