package dev.replichart.render;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ChartRendererTest {
  /** What normalize promises, written the plain way: line by line. */
  private static String byLines(String text) {
    String lf = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder();
    for (String line : lf.split("\n", -1)) {
      out.append(line.stripTrailing()).append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }

  @Property(tries = 2000)
  void normalizeEndsLinesAndFilesAsTheLineByLineWayDoes(@ForAll("texts") String text) {
    assertThat(ChartRenderer.normalize(text)).isEqualTo(byLines(text));
  }

  @Example
  void normalizeKeepsLeadingSpaceAndDropsTrailingSpaceAndBlankLines() {
    assertThat(ChartRenderer.normalize("  a \t\r\n\n b\u2003\r\r\n\n")).isEqualTo("  a\n\n b\n");
    assertThat(ChartRenderer.normalize("")).isEqualTo("\n");
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings()
        .withChars('a', 'b', ' ', '\t', '\r', '\n', '\u2003', '\u00a0', '\u0130')
        .ofMaxLength(60);
  }
}
