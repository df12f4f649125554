package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.replichart.kube.KubeObject;
import dev.replichart.problem.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiValidatorTest {
  private static final OpenApiValidator VALIDATOR = new OpenApiValidator();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Locator locator = new Locator(Path.of("/nonexistent"));

  private List<Problem> check(String json) throws Exception {
    return VALIDATOR.check(new KubeObject("t.yaml", (ObjectNode) JSON.readTree(json)), locator);
  }

  private static String service(String port) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"},"
        + "\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":"
        + port
        + "}]}}";
  }

  private static String pod(String cpu) {
    return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\"},"
        + "\"spec\":{\"selector\":{},\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\","
        + "\"resources\":{\"requests\":{\"cpu\":"
        + cpu
        + "}}}]}}}}";
  }

  @Test
  void acceptsIntOrStringAsEither() throws Exception {
    assertThat(check(service("8080"))).isEmpty();
    assertThat(check(service("\"http\""))).isEmpty();
    assertThat(check(service("true"))).extracting(Problem::checkId).containsExactly("OPENAPI-TYPE");
  }

  @Test
  void acceptsQuantitiesAsNumbersOrQuantityTextOnly() throws Exception {
    assertThat(check(pod("2"))).isEmpty();
    assertThat(check(pod("\"500m\""))).isEmpty();
    assertThat(check(pod("\"1.5Gi\""))).isEmpty();
    assertThat(check(pod("\"lots\"")))
        .extracting(Problem::checkId, Problem::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "OPENAPI-FORMAT", "spec.template.spec.containers[0].resources.requests.cpu"));
  }

  /**
   * OPENAPI-SCHEMA is the catch-all for schema keywords other than type, required, enum and the
   * quantity anyOf. The vendored 1.27 schema (and its enum overlay) uses no other keyword that
   * networknt asserts, so no object can make it fire; the mapping is checked directly instead.
   */
  @Test
  void reportsOtherSchemaKeywordsAsOpenApiSchema() {
    assertThat(OpenApiValidator.checkFor("maxLength")).isEqualTo(Check.OPENAPI_SCHEMA);
    assertThat(OpenApiValidator.checkFor("minItems")).isEqualTo(Check.OPENAPI_SCHEMA);
    assertThat(OpenApiValidator.checkFor("type")).isEqualTo(Check.OPENAPI_TYPE);
  }

  @Test
  void knowsTheKindsOfKubernetes127Only() throws Exception {
    assertThat(VALIDATOR.knows("apps/v1/StatefulSet")).isTrue();
    assertThat(VALIDATOR.knows("policy/v1beta1/PodDisruptionBudget")).isFalse();
  }

  @Test
  void aCuratedEnumThatNamesNoPropertyFailsLoudly() throws Exception {
    ObjectNode components = (ObjectNode) JSON.readTree("{\"a.B\":{\"properties\":{}}}");
    assertThatThrownBy(
            () -> OpenApiValidator.applyEnums(components, JSON.readTree("{\"a.B.nope\":[\"x\"]}")))
        .hasMessageContaining("a.B.nope names no property");
  }
}
