package dev.replichart.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How Helm reads a plain (unquoted, untagged) scalar of a values file: go-yaml v2's {@code
 * resolve()} with YAML 1.1's booleans and nulls and Go's {@code strconv} numbers, then
 * sigs.k8s.io/yaml's round trip through JSON, which makes every number a 64-bit float and every map
 * key a string. Ported from go.yaml.in/yaml/v2 2.4 {@code resolve.go} and sigs.k8s.io/yaml 1.6
 * {@code yaml.go}, the versions in helm-java's Helm 3.21; {@code HelmScalarsTest} holds the port to
 * what that Helm renders.
 */
final class HelmScalars {
  /**
   * What Helm's templates see for a plain value.
   *
   * @param json the value; null when Helm cannot read the file at all because of it
   * @param why how Helm came to that reading ("a YAML 1.1 octal"), or why it cannot read it
   */
  record Value(JsonNode json, String why) {}

  /**
   * The string Helm makes of a plain map key.
   *
   * @param name the key; null when Helm cannot read the file because of it
   * @param why how Helm came to it, or why it cannot use it
   */
  record Key(String name, String why) {}

  /** go-yaml's pattern for floats, tried on the text without its underscores. */
  private static final Pattern YAML_STYLE_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  /** What Go's {@code ParseFloat} accepts of a text that starts with '.'. */
  private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");

  private static final String BOOLEAN = "a YAML 1.1 boolean";

  /** Why a long integer reads as another: every number of Helm's values is a float64. */
  static final String PRECISION = "Helm keeps numbers as 64-bit floats, exact only up to 2^53";

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");

  /** An integer with a leading zero that is no octal (08): a float64 to go-yaml. */
  private static final Pattern LEADING_ZERO_INTEGER = Pattern.compile("[-+]?0[0-9]+");

  private static final String NO_JSON = "JSON has no infinity or NaN, so Helm cannot read the file";

  /** go-yaml's resolve table: the words read as something other than text, whatever the case. */
  private static final Map<String, Object> WORDS =
      Map.ofEntries(
          Map.entry("y", true),
          Map.entry("Y", true),
          Map.entry("yes", true),
          Map.entry("Yes", true),
          Map.entry("YES", true),
          Map.entry("true", true),
          Map.entry("True", true),
          Map.entry("TRUE", true),
          Map.entry("on", true),
          Map.entry("On", true),
          Map.entry("ON", true),
          Map.entry("n", false),
          Map.entry("N", false),
          Map.entry("no", false),
          Map.entry("No", false),
          Map.entry("NO", false),
          Map.entry("false", false),
          Map.entry("False", false),
          Map.entry("FALSE", false),
          Map.entry("off", false),
          Map.entry("Off", false),
          Map.entry("OFF", false),
          Map.entry("", NullNode.instance),
          Map.entry("~", NullNode.instance),
          Map.entry("null", NullNode.instance),
          Map.entry("Null", NullNode.instance),
          Map.entry("NULL", NullNode.instance),
          Map.entry(".nan", Double.NaN),
          Map.entry(".NaN", Double.NaN),
          Map.entry(".NAN", Double.NaN),
          Map.entry(".inf", Double.POSITIVE_INFINITY),
          Map.entry(".Inf", Double.POSITIVE_INFINITY),
          Map.entry(".INF", Double.POSITIVE_INFINITY),
          Map.entry("+.inf", Double.POSITIVE_INFINITY),
          Map.entry("+.Inf", Double.POSITIVE_INFINITY),
          Map.entry("+.INF", Double.POSITIVE_INFINITY),
          Map.entry("-.inf", Double.NEGATIVE_INFINITY),
          Map.entry("-.Inf", Double.NEGATIVE_INFINITY),
          Map.entry("-.INF", Double.NEGATIVE_INFINITY));

  private static final BigInteger INT64_MIN = BigInteger.ONE.shiftLeft(63).negate();
  private static final BigInteger INT64_MAX = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /** The largest integer up to which every integer is a float64, 2^53. */
  private static final BigInteger EXACT_LIMIT = BigInteger.ONE.shiftLeft(53);

  private HelmScalars() {}

  /**
   * What go-yaml resolves a plain scalar to, before JSON: a Boolean, {@link NullNode}, a BigInteger
   * (Go's int64 or uint64), a Double (float64, possibly infinite or NaN) or the String itself.
   */
  private record Resolved(Object value, String why) {}

  private static Resolved resolve(String in) {
    char hint = in.isEmpty() ? 'N' : hint(in.charAt(0));
    if (hint == 0) {
      return new Resolved(in, "text");
    }
    Object word = WORDS.get(in);
    if (word != null) {
      return new Resolved(word, word instanceof Boolean ? BOOLEAN : "a YAML null");
    }
    if (hint == '.') {
      if (DOT_FLOAT.matcher(in).matches()) {
        double d = Double.parseDouble(in);
        if (!Double.isInfinite(d)) {
          return new Resolved(d, "a number");
        }
      }
    } else if (hint == 'D' || hint == 'S') {
      // A timestamp (2001-12-14) resolves to text for a values map: decode.go keeps a timestamp
      // as its text when the target is interface{}, and nothing that starts "dddd-" reads as a
      // number below, so it is text here too.
      String plain = in.replace("_", "");
      String why = in.contains("_") ? "YAML 1.1 drops the '_' in numbers" : null;
      BigInteger integer = parseInt(plain, true);
      if (integer == null) {
        integer = parseInt(plain, false);
      }
      if (integer != null) {
        return new Resolved(integer, why != null ? why : integerForm(plain));
      }
      if (YAML_STYLE_FLOAT.matcher(plain).matches()) {
        double d = Double.parseDouble(plain);
        if (!Double.isInfinite(d)) {
          if (why == null && LEADING_ZERO_INTEGER.matcher(plain).matches()) {
            why = "a decimal number: with an 8 or 9 it is no YAML 1.1 octal";
          }
          return new Resolved(d, why != null ? why : "a number");
        }
      }
      // go-yaml's own "0b" and "-0b" branches come next; Go's base-0 ParseInt above has read
      // every text they read since Go 1.13, so they never change the outcome.
    }
    return new Resolved(in, "text");
  }

  /** go-yaml's resolveTable: 'S' sign, 'D' digit, 'M' a word in the table, '.', else 0. */
  private static char hint(char c) {
    if (c == '+' || c == '-') {
      return 'S';
    }
    if (c >= '0' && c <= '9') {
      return 'D';
    }
    if ("yYnNtTfFoO~".indexOf(c) >= 0) {
      return 'M';
    }
    return c == '.' ? '.' : 0;
  }

  private static String integerForm(String plain) {
    String digits = plain.startsWith("+") || plain.startsWith("-") ? plain.substring(1) : plain;
    if (digits.length() >= 3 && digits.charAt(0) == '0') {
      switch (Character.toLowerCase(digits.charAt(1))) {
        case 'x':
          return "a hexadecimal number";
        case 'o':
          return "an octal number";
        case 'b':
          return "a binary number";
        default:
          break;
      }
    }
    if (digits.length() >= 2 && digits.charAt(0) == '0') {
      return "a YAML 1.1 octal";
    }
    return "a number";
  }

  /**
   * Go's {@code strconv.ParseInt(s, 0, 64)} (signed) or {@code ParseUint(s, 0, 64)}: an optional
   * sign (signed only), then 0b/0o/0x or a leading 0 for octal, in either case; null for a syntax
   * or range error.
   */
  static BigInteger parseInt(String s, boolean signed) {
    if (s.isEmpty()) {
      return null;
    }
    boolean negative = false;
    String body = s;
    if (signed && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      body = s.substring(1);
    }
    if (body.isEmpty()) {
      return null;
    }
    int base = 10;
    if (body.charAt(0) == '0') {
      char prefix = body.length() >= 3 ? Character.toLowerCase(body.charAt(1)) : 0;
      if (prefix == 'b' || prefix == 'o' || prefix == 'x') {
        base = prefix == 'b' ? 2 : prefix == 'o' ? 8 : 16;
        body = body.substring(2);
      } else {
        base = 8;
        body = body.substring(1);
      }
    }
    BigInteger n = BigInteger.ZERO;
    BigInteger radix = BigInteger.valueOf(base);
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
        d = Character.toLowerCase(c) - 'a' + 10;
      } else {
        return null;
      }
      if (d >= base) {
        return null;
      }
      n = n.multiply(radix).add(BigInteger.valueOf(d));
      if (n.compareTo(UINT64_MAX) > 0) {
        return null;
      }
    }
    if (negative) {
      n = n.negate();
    }
    BigInteger min = signed ? INT64_MIN : BigInteger.ZERO;
    BigInteger max = signed ? INT64_MAX : UINT64_MAX;
    return n.compareTo(min) < 0 || n.compareTo(max) > 0 ? null : n;
  }

  /** Helm's reading of a plain value, as its templates see it. */
  static Value value(String in) {
    Resolved r = resolve(in);
    Object v = r.value();
    if (v instanceof String text) {
      return new Value(TextNode.valueOf(text), r.why());
    }
    if (v instanceof Boolean b) {
      return new Value(BooleanNode.valueOf(b), r.why());
    }
    if (v instanceof NullNode) {
      return new Value(NullNode.instance, in.isEmpty() ? "an empty value is null" : r.why());
    }
    if (v instanceof BigInteger integer) {
      // JSON and back: Go's json.Unmarshal makes every number a float64.
      String why = integer.abs().compareTo(EXACT_LIMIT) > 0 ? PRECISION : r.why();
      return new Value(DoubleNode.valueOf(Double.parseDouble(integer.toString())), why);
    }
    double d = (Double) v;
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return new Value(null, NO_JSON);
    }
    // an integer too long for 64 bits reads as a float, as rounded as any beyond 2^53
    boolean roundedInteger =
        INTEGER.matcher(in.replace("_", "")).matches() && Math.abs(d) > EXACT_LIMIT.doubleValue();
    return new Value(DoubleNode.valueOf(d), roundedInteger ? PRECISION : r.why());
  }

  /** The string Helm makes of a plain map key (sigs.k8s.io/yaml's convertToJSONableObject). */
  static Key key(String in) {
    Resolved r = resolve(in);
    Object v = r.value();
    if (v instanceof String text) {
      return new Key(text, r.why());
    }
    if (v instanceof Boolean b) {
      return new Key(b.toString(), r.why());
    }
    if (v instanceof NullNode) {
      return new Key(null, "a null key, which JSON cannot hold, so Helm cannot read the file");
    }
    if (v instanceof BigInteger integer) {
      if (integer.compareTo(INT64_MAX) > 0) {
        return new Key(
            null, "an unsigned 64-bit number, which Helm cannot use as a key or read the file");
      }
      return new Key(integer.toString(), r.why());
    }
    return new Key(formatFloat32((Double) v), "a number, which Helm writes as a 32-bit float");
  }

  /**
   * Go's {@code strconv.FormatFloat(f, 'g', -1, 32)} with sigs.k8s.io/yaml's names for infinity and
   * NaN: the shortest digits that read back as the same float32, in %e form when the exponent is
   * below -4 or at least 6, else in %f form.
   */
  static String formatFloat32(double value) {
    float f = (float) value;
    if (Float.isNaN(f)) {
      return ".nan";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? ".inf" : "-.inf";
    }
    if (f == 0) {
      return 1 / f < 0 ? "-0" : "0";
    }
    BigDecimal shortest = shortest(new BigDecimal(f), 9, d -> Float.parseFloat(d.toString()) == f);
    int exponent = shortest.precision() - shortest.scale() - 1;
    return format(shortest, exponent < -4 || exponent >= 6);
  }

  /**
   * A float64 as Go's encoding/json writes it, so as Helm's templates print it: the shortest digits
   * that read back as the same float64, in %e form below 1e-6 and from 1e21 on.
   */
  static String formatFloat64(double d) {
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    BigDecimal shortest =
        shortest(new BigDecimal(d), 17, b -> Double.parseDouble(b.toString()) == d);
    double abs = Math.abs(d);
    return format(shortest, abs < 1e-6 || abs >= 1e21).replaceFirst("e([-+])0(\\d)$", "e$1$2");
  }

  /** The shortest decimal for which {@code readsBack} holds; of two that short, the nearer. */
  private static BigDecimal shortest(
      BigDecimal exact, int maxDigits, java.util.function.Predicate<BigDecimal> readsBack) {
    for (int precision = 1; precision <= maxDigits; precision++) {
      BigDecimal best = null;
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal candidate = exact.round(new MathContext(precision, mode));
        if (readsBack.test(candidate)
            && (best == null
                || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = candidate;
        }
      }
      if (best != null) {
        return best.stripTrailingZeros();
      }
    }
    return exact.stripTrailingZeros();
  }

  /** Go's %e ({@code 1.5e+07}, two exponent digits at least) or %f form of a decimal. */
  private static String format(BigDecimal value, boolean eForm) {
    String sign = value.signum() < 0 ? "-" : "";
    String digits = value.unscaledValue().abs().toString();
    int pointAt = digits.length() - value.scale(); // value = 0.digits × 10^pointAt
    if (eForm) {
      int exponent = pointAt - 1;
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String exp = String.valueOf(Math.abs(exponent));
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + (exp.length() < 2 ? "0" : "")
          + exp;
    }
    if (pointAt <= 0) {
      return sign + "0." + "0".repeat(-pointAt) + digits;
    }
    if (pointAt >= digits.length()) {
      return sign + digits + "0".repeat(pointAt - digits.length());
    }
    return sign + digits.substring(0, pointAt) + "." + digits.substring(pointAt);
  }

  /** A reading as a message shows it: text quoted, numbers as Helm prints them. */
  static String show(JsonNode node) {
    if (node.isTextual()) {
      return "the text '" + node.asText() + "'";
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.isNaN(d) ? "NaN" : d > 0 ? "infinity" : "-infinity";
      }
      return formatFloat64(d);
    }
    return node.toString();
  }
}
