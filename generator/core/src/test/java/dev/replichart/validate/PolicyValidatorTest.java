package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PolicyValidatorTest {
  /** The lines that may hold a secret, found the plain way: each line lower-cased on its own. */
  private static List<String> lineByLine(String text) {
    return Arrays.stream(text.split("\n"))
        .filter(
            line -> {
              String lower = line.toLowerCase(Locale.ROOT);
              return PolicyValidator.SECRET_LINE_WORDS.stream().anyMatch(lower::contains);
            })
        .toList();
  }

  @Property(tries = 2000)
  void theLinesThatMayHoldASecretAreThoseALineByLineScanFinds(@ForAll("texts") String text) {
    assertThat(PolicyValidator.linesThatMayHoldSecret(text)).isEqualTo(lineByLine(text));
  }

  @Example
  void aLineIsListedOnceWhateverItsWordsAndALongerLowerCaseKeepsItsLines() {
    assertThat(PolicyValidator.linesThatMayHoldSecret("a\nTOKEN=x secret pwd\nb\npwd\n"))
        .containsExactly("TOKEN=x secret pwd", "pwd");
    // 'İ' lower-cases to two characters: offsets in the lower-cased text no longer match
    assertThat(PolicyValidator.linesThatMayHoldSecret("\u0130\u0130\u0130 x\nPASSWORD=1\n"))
        .containsExactly("PASSWORD=1");
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "passw", "PWD", "Secret", "tOkEn", "identified", "pass", "\n", " ", "=", "x", "\u0130");
    return pieces.list().ofMaxSize(30).map(list -> String.join("", list));
  }
}
