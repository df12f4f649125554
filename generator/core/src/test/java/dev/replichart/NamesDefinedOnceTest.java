package dev.replichart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Label, annotation and Secret key strings are defined once, in {@code dev.replichart.kube}: no
 * other main class of any module spells one. (The spec's own {@code apiVersion} is not a label.)
 */
class NamesDefinedOnceTest {
  private static final Pattern NAME_LITERAL =
      Pattern.compile(
          "\"(replichart\\.dev/(?!v1alpha1\")[^\"]*|app\\.kubernetes\\.io/[^\"]*"
              + "|mysql-[a-z-]*password)\"");

  @Test
  void onlyTheKubePackageSpellsLabelAnnotationAndSecretKeys() throws IOException {
    Path generator = TestFiles.repoRoot().resolve("generator");
    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(generator)) {
      sources =
          walk.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .filter(p -> !p.toString().contains("/dev/replichart/kube/"))
              .toList();
    }
    assertThat(sources).as("main sources of every module").hasSizeGreaterThan(40);
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = NAME_LITERAL.matcher(lines.get(i));
        while (m.find()) {
          found.add(generator.relativize(source) + ":" + (i + 1) + ": " + m.group());
        }
      }
    }
    assertThat(found).as("name literals outside dev.replichart.kube").isEmpty();
  }
}
