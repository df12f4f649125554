package dev.replichart.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * {@link HelmScalars} against the Helm it ports (helm-java's Helm 3.21): each form is rendered by a
 * chart whose template prints {@code toJson} of the value, and of the key, Helm read.
 */
class HelmScalarsTest {
  /** The forms issue 10 names, and their neighbours. */
  static final List<String> FORMS =
      List.of(
          "010",
          "0o17",
          "0O17",
          "+0o17",
          "-0o17",
          "0o1_7",
          "0o8",
          "0x1F",
          "0X1F",
          "-0x1F",
          "+0x1F",
          "0x_1F",
          "0b101",
          "0B101",
          "-0b101",
          "0b_101",
          "1_000",
          "1__0",
          "1_",
          "_1",
          "-_1",
          "+_1",
          "0_x1",
          "0_10",
          "1_000.5",
          "685.230_15e+03",
          "1:30",
          "190:20:30",
          "1:30.5",
          "-1:30",
          "+12",
          "-12",
          "+010",
          "-010",
          ".5",
          "-.5",
          "+.5",
          ".5e3",
          "1.",
          "3.0",
          "1e3",
          "1E3",
          "1e+3",
          "1.0e+3",
          "1.5e-3",
          "6.8523015e+5",
          "1e-7",
          "1e21",
          "1e400",
          "1e-400",
          "0",
          "-0",
          "+0",
          "00",
          "08",
          "09",
          "0128",
          "019.5",
          "0.1",
          "-0.0",
          "12345678901234567",
          "9007199254740993",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775808",
          "-9223372036854775809",
          "18446744073709551615",
          "18446744073709551616",
          "123456789012345678901234567890",
          "0xFFFFFFFFFFFFFFFF",
          "0x1FFFFFFFFFFFFFFFF",
          "0777777777777777777777",
          "yes",
          "no",
          "on",
          "off",
          "y",
          "n",
          "Y",
          "N",
          "Yes",
          "YES",
          "No",
          "NO",
          "On",
          "ON",
          "Off",
          "OFF",
          "true",
          "True",
          "TRUE",
          "false",
          "False",
          "FALSE",
          "tRUE",
          "oN",
          "~",
          "null",
          "Null",
          "NULL",
          "nUll",
          "2001-12-14",
          "2001-12-14t21:59:43.10-05:00",
          "2002-12-14T21:59:43Z",
          "2001-12",
          "=",
          "<<",
          "0x",
          "0b",
          "0o",
          "5e",
          "1e3.5",
          "0.5.5",
          "..5",
          ".",
          "+",
          "-x",
          "x",
          "-.inf.",
          ".infinity",
          "Infinity",
          "NaN",
          "0x1p3",
          "1d",
          "1f");

  /** Forms for which Helm refuses the whole values file. */
  static final List<String> UNREADABLE_VALUES =
      List.of(".inf", "-.inf", "+.inf", ".Inf", "-.Inf", ".INF", ".nan", ".NaN", ".NAN");

  static final List<String> UNREADABLE_KEYS =
      List.of("~", "null", "Null", "NULL", "9223372036854775808", "18446744073709551615");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path chart;

  @BeforeAll
  static void probeChart() throws Exception {
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: probe\nversion: 0.1.0\n");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(
        chart.resolve("templates/probe.yaml"),
        "{{- range $i, $v := .Values.v }}\n#v{{ $i }}={{ toJson $v }}\n{{- end }}\n"
            + "{{- range $i, $m := .Values.k }}\n#k{{ $i }}={{ keys $m | first | toJson }}\n"
            + "{{- end }}\n");
  }

  /** Helm's readings, by form: "v" + form the value's JSON, "k" + form the key's. */
  private static Map<String, String> render(List<String> forms, boolean asKeys) throws Exception {
    StringBuilder yaml = new StringBuilder(asKeys ? "k:\n" : "v:\n");
    for (int i = 0; i < forms.size(); i++) {
      yaml.append("  \"").append(i).append("\": ");
      yaml.append(asKeys ? "{" + forms.get(i) + ": 1}" : forms.get(i)).append('\n');
    }
    String out = helm(yaml.toString());
    Map<String, String> readings = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("#v") || line.startsWith("#k")) {
        int eq = line.indexOf('=');
        int i = Integer.parseInt(line.substring(2, eq));
        readings.put(line.charAt(1) + forms.get(i), line.substring(eq + 1));
      }
    }
    return readings;
  }

  private static String helm(String yaml) throws Exception {
    Path values = Files.createTempFile(chart.getParent(), "values", ".yaml");
    Files.writeString(values, yaml, StandardCharsets.UTF_8);
    try {
      return new Helm(chart).template().withValuesFile(values).call();
    } finally {
      Files.delete(values);
    }
  }

  /**
   * Each form as Helm reads it, as a value and as a key; where the port says Helm cannot read a
   * file with it, Helm fails on a file holding just that form.
   */
  private static void assertSameAsHelm(List<String> forms) throws Exception {
    List<String> valueForms = new ArrayList<>();
    List<String> keyForms = new ArrayList<>();
    for (String form : forms) {
      if (HelmScalars.value(form).json() != null) {
        valueForms.add(form);
      } else {
        assertHelmCannotRead("v: " + form + "\n");
      }
      if (form.isEmpty() || form.equals("<<")) {
        continue; // no key: '<<' merges, and an empty key is no plain scalar
      }
      if (HelmScalars.key(form).name() != null) {
        keyForms.add(form);
      } else {
        assertHelmCannotRead("k: {" + form + ": 1}\n");
      }
    }
    Map<String, String> values = render(valueForms, false);
    Map<String, String> keys = render(keyForms, true);
    for (String form : valueForms) {
      JsonNode value = HelmScalars.value(form).json();
      String helmValue = values.get("v" + form);
      if (value.isNumber()) {
        // the number exactly, and written as Helm's templates write it
        assertThat(HelmScalars.show(value)).as("value %s", form).isEqualTo(helmValue);
      } else {
        assertThat(value).as("value %s", form).isEqualTo(JSON.readTree(helmValue));
      }
    }
    for (String form : keyForms) {
      JsonNode helmKey = JSON.readTree(keys.get("k" + form));
      assertThat(HelmScalars.key(form).name()).as("key %s", form).isEqualTo(helmKey.asText());
    }
  }

  private static void assertHelmCannotRead(String yaml) {
    assertThatThrownBy(() -> helm(yaml))
        .as(yaml)
        .hasMessageContaining("error converting YAML to JSON");
  }

  @Test
  void readsTheNamedFormsAsHelmDoes() throws Exception {
    List<String> forms = new ArrayList<>(FORMS);
    forms.add("");
    forms.addAll(UNREADABLE_VALUES);
    forms.addAll(UNREADABLE_KEYS);
    assertSameAsHelm(forms);
  }

  @Test
  void saysWhichFormsHelmCannotRead() {
    UNREADABLE_VALUES.forEach(f -> assertThat(HelmScalars.value(f).json()).as(f).isNull());
    UNREADABLE_KEYS.forEach(f -> assertThat(HelmScalars.key(f).name()).as(f).isNull());
  }

  /**
   * Random plain scalars over the characters numbers, booleans and nulls are made of, 3,000 of
   * them: each must read as Helm reads it, as a value and as a key.
   */
  @Test
  void readsRandomPlainScalarsAsHelmDoes() throws Exception {
    Random random = new Random(10);
    String alphabet = "0123456789+-._eExXoObB0123456789yYnN~";
    Set<String> forms = new LinkedHashSet<>();
    while (forms.size() < 3000) {
      StringBuilder s = new StringBuilder();
      int length = 1 + random.nextInt(8);
      for (int i = 0; i < length; i++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String form = s.toString();
      if (isPlain(form)
          && HelmScalars.value(form).json() != null
          && HelmScalars.key(form).name() != null) {
        forms.add(form);
      }
    }
    List<String> all = new ArrayList<>(forms);
    for (int from = 0; from < all.size(); from += 500) {
      assertSameAsHelm(all.subList(from, Math.min(all.size(), from + 500)));
    }
  }

  /** Whether YAML reads the text, as a value and as a key, as one plain scalar of that text. */
  private static boolean isPlain(String form) {
    for (String yaml : List.of("v: " + form + "\n", "{" + form + ": 1}\n")) {
      try {
        List<String> scalars = new ArrayList<>();
        for (Event e : new Yaml().parse(new StringReader(yaml))) {
          if (e instanceof ScalarEvent s) {
            if (!s.isPlain()) {
              return false;
            }
            scalars.add(s.getValue());
          }
        }
        if (!scalars.contains(form)) {
          return false;
        }
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  @Test
  void writesFloat32KeysAsGoDoes() {
    assertThat(HelmScalars.formatFloat32(685230.15)).isEqualTo("685230.1");
    assertThat(HelmScalars.formatFloat32(1.8446744073709552e19)).isEqualTo("1.8446744e+19");
    assertThat(HelmScalars.formatFloat32(0.0015)).isEqualTo("0.0015");
    assertThat(HelmScalars.formatFloat32(1e-5)).isEqualTo("1e-05");
    assertThat(HelmScalars.formatFloat32(1000)).isEqualTo("1000");
    assertThat(HelmScalars.formatFloat64(1e21)).isEqualTo("1e+21");
    assertThat(HelmScalars.formatFloat64(1e-7)).isEqualTo("1e-7");
  }
}
