package dev.replichart.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuntimeLabelsTest {
  @Test
  void readsBackTheValuesItWrites() {
    String written = Annotations.runtimeLabels(Annotations.DATABASE_RUNTIME_LABELS);

    assertThat(written).isEqualTo(Labels.ROLE + "=primary|replica");
    assertThat(Annotations.parseRuntimeLabels(written))
        .isEqualTo(Map.of(Labels.ROLE, Set.of(Labels.ROLE_PRIMARY, Labels.ROLE_REPLICA)));
  }

  @Test
  void aKeyWithoutValuesDeclaresNone() {
    assertThat(Annotations.parseRuntimeLabels("a/x, b/y=1"))
        .isEqualTo(Map.of("a/x", Set.of(), "b/y", Set.of("1")));
  }

  @Test
  void aRunTimeKeyMatchesOnlyItsDeclaredValues() {
    Map<String, Set<String>> runtime = Map.of("role", Set.of("primary", "replica"));
    Map<String, String> podLabels = Map.of("app", "db");

    assertThat(
            Selectors.matchesAtRunTime(Map.of("app", "db", "role", "primary"), podLabels, runtime))
        .isTrue();
    assertThat(
            Selectors.matchesAtRunTime(Map.of("app", "db", "role", "primray"), podLabels, runtime))
        .isFalse();
    assertThat(Selectors.matchesAtRunTime(Map.of("app", "web"), podLabels, runtime)).isFalse();
  }

  @Test
  void writesKeysSorted() {
    assertThat(Annotations.runtimeLabels(Map.of("b", List.of("2"), "a", List.of("1", "3"))))
        .isEqualTo("a=1|3,b=2");
  }
}
