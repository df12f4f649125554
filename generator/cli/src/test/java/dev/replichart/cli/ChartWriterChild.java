package dev.replichart.cli;

import dev.replichart.TestFiles;
import dev.replichart.render.ChartWriter;
import dev.replichart.render.RenderedChart;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * A child process for {@link CrashSafetyTest}: writes the chart whose files are in {@code args[0]}
 * to {@code args[1]} with the real {@link ChartWriter}, the check passing at once. It prints {@code
 * write} just before the write starts and {@code done} after it, so the test can aim its SIGKILL at
 * the file-system steps.
 */
public final class ChartWriterChild {
  private ChartWriterChild() {}

  public static void main(String[] args) throws Exception {
    RenderedChart chart =
        new RenderedChart("c", "1.0.0", new TreeMap<>(TestFiles.readTree(Path.of(args[0]))));
    System.out.println("write");
    System.out.flush();
    ChartWriter.write(chart, Path.of(args[1]), dir -> List.of());
    System.out.println("done");
    System.out.flush();
  }
}
