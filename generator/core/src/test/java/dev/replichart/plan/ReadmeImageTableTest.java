package dev.replichart.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replichart.TestFiles;
import dev.replichart.spec.ClusterSpec;
import dev.replichart.spec.Flavor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The repository README's image → programs table says what the plan says, for both flavors (the
 * chart README prints its table from the plan itself).
 */
class ReadmeImageTableTest {

  @Test
  void readmeListsEveryImageContractOfBothFlavors() throws Exception {
    String readme =
        Files.readString(TestFiles.repoRoot().resolve("README.md"), StandardCharsets.UTF_8);
    for (Flavor flavor : Flavor.values()) {
      EngineProfile profile =
          EngineProfile.of(new ClusterSpec.Engine(flavor, flavor.supportedVersions().get(0)));
      for (ChartDescription.Image c : profile.images(true, true)) {
        String row =
            "| "
                + String.join(", ", c.containers())
                + " | "
                + String.join(", ", c.programs())
                + " |";
        assertThat(readme).as("README row for %s %s", flavor, c.role()).contains(row);
      }
    }
  }
}
