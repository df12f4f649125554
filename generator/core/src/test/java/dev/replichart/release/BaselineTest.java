package dev.replichart.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replichart.problem.ProblemsException;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  private final RenderedChart released = Charts.chart("db", "1.0.0", "sha256:11", "replicas: 3\n");

  @Test
  void readsAChartDirectoryOrItsNamedSubdirectory(@TempDir Path dir) throws Exception {
    ChartWriter.writeFiles(released, dir.resolve("db"));

    Baseline.Lookup direct = Baseline.parse("db", dir).find(dir.resolve("out/db"), "db");
    Baseline.Lookup parent = Baseline.parse(dir.toString(), dir).find(dir.resolve("out/db"), "db");

    for (Baseline.Lookup lookup : new Baseline.Lookup[] {direct, parent}) {
      assertThat(lookup).isInstanceOf(Baseline.Found.class);
      ChartSnapshot chart = ((Baseline.Found) lookup).chart();
      assertThat(chart.chart().files()).isEqualTo(released.files());
      assertThat(chart.chart().version()).isEqualTo("1.0.0");
      assertThat(chart.contentDigest()).isEqualTo("sha256:11");
    }
  }

  @Test
  void aDirectoryWithoutTheChartIsNoBaselineButAMissingDirectoryIsAProblem(@TempDir Path dir) {
    assertThat(catchLookup(Baseline.parse(dir.toString(), dir), dir.resolve("db")))
        .isInstanceOf(Baseline.Absent.class);
    assertThatThrownBy(() -> Baseline.parse("nowhere", dir).find(dir.resolve("db"), "db"))
        .isInstanceOf(ProblemsException.class)
        .satisfies(
            e ->
                assertThat(((ProblemsException) e).problems().get(0).checkId())
                    .isEqualTo("RELEASE-BASELINE"));
  }

  @Test
  void readsTheChartAsCommittedAtAGitRevision(@TempDir Path repo) throws Exception {
    git(repo, "init", "-q");
    Path chartDir = repo.resolve("charts/db");
    ChartWriter.writeFiles(released, chartDir);
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "1");
    Files.writeString(chartDir.resolve("values.yaml"), "replicas: 5\n"); // not committed

    Baseline.Lookup lookup = Baseline.parse("git:HEAD", repo).find(chartDir, "db");

    assertThat(lookup).isInstanceOf(Baseline.Found.class);
    ChartSnapshot chart = ((Baseline.Found) lookup).chart();
    assertThat(chart.chart().files()).isEqualTo(released.files());
    assertThat(chart.origin()).isEqualTo("git:HEAD:charts/db/");
  }

  @Test
  void gitWithoutTheChartOrWithoutACommitIsNoBaseline(@TempDir Path repo) throws Exception {
    git(repo, "init", "-q");
    assertThat(catchLookup(Baseline.parse("git:HEAD", repo), repo.resolve("charts/db")))
        .isInstanceOfSatisfying(
            Baseline.Absent.class, a -> assertThat(a.reason()).contains("no commit"));

    Files.writeString(repo.resolve("README"), "x\n");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "1");
    assertThat(catchLookup(Baseline.parse("git:HEAD", repo), repo.resolve("charts/db")))
        .isInstanceOfSatisfying(
            Baseline.Absent.class, a -> assertThat(a.reason()).contains("does not exist at HEAD"));
  }

  @Test
  void anUnknownRevisionIsAProblem(@TempDir Path repo) throws Exception {
    git(repo, "init", "-q");
    assertThatThrownBy(
            () -> Baseline.parse("git:origin/main", repo).find(repo.resolve("charts/db"), "db"))
        .isInstanceOf(ProblemsException.class)
        .hasMessageContaining("1 problem");
  }

  @Test
  void outsideAGitRepositoryIsNoBaseline(@TempDir Path dir) throws Exception {
    Path outside = Files.createDirectories(dir.resolve("not-a-repo"));
    // a temporary directory may sit in a repository; only assert when it does not
    if (new Git(outside).run("rev-parse", "--show-prefix").ok()) {
      return;
    }
    assertThat(catchLookup(Baseline.parse("git:HEAD", outside), outside.resolve("db")))
        .isInstanceOf(Baseline.Absent.class);
  }

  private static Baseline.Lookup catchLookup(Baseline baseline, Path chartDir) {
    try {
      return baseline.find(chartDir, "db");
    } catch (ProblemsException | IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void git(Path dir, String... args) throws Exception {
    Git.Result result = new Git(dir).run(args);
    assertThat(result.exitCode()).as("git %s: %s", String.join(" ", args), result.err()).isZero();
  }
}
