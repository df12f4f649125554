package dev.replichart.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The values files' plain scalars, aliases, merge keys and tags that Helm reads otherwise than the
 * values layer does, or otherwise than YAML 1.2 tools do. Helm reads a values file with go-yaml v2
 * (YAML 1.1 and Go's number syntax, see {@link HelmScalars}); the values layer reads it with
 * Jackson, which takes {@code 0o17} for text, an alias {@code *a} for the text {@code a}, and an
 * empty value for {@code ""}; an editor or yq (YAML 1.2) takes {@code 010} for 10 and {@code on}
 * for text. The schema check would then check a value Helm does not render, or the user would mean
 * one Helm does not read; so each such scalar is one problem at its line and column, and the schema
 * check says nothing about it ({@link Finding#covers}).
 */
final class ValuesReading {
  /**
   * One scalar read two ways.
   *
   * @param problem what the user is told
   * @param covered the values path whose schema problems this one replaces (the scalar's own, or
   *     for a merge key the mapping it merges into); empty: the whole file
   */
  record Finding(Problem problem, String covered) {
    /** Whether a schema problem at {@code path} is about what this finding already reports. */
    boolean covers(String path) {
      return covered.isEmpty()
          || path.equals(covered)
          || path.startsWith(covered + ".")
          || path.startsWith(covered + "[");
    }
  }

  private static final Pattern YAML12_INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern YAML12_OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern YAML12_HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern YAML12_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern YAML12_INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern YAML12_NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  private static final String STR = Tag.STR.getValue();
  private static final String MAP = Tag.MAP.getValue();
  private static final String SEQ = Tag.SEQ.getValue();

  private ValuesReading() {}

  /** How the values layer read a plain scalar: its value, or null when it cannot read it. */
  @FunctionalInterface
  interface OurReading {
    JsonNode of(String text, Mark at);
  }

  /** Where the walk is: in a mapping (expecting a key or a value) or a sequence. */
  private static final class Frame {
    final String path;
    final boolean mapping;
    boolean expectKey = true;
    boolean mergeValue;
    boolean mergeList;

    /** Inside a tagged collection, which is reported as a whole. */
    boolean quiet;

    String key;
    int index;

    Frame(String path, boolean mapping) {
      this.path = path;
      this.mapping = mapping;
    }
  }

  /**
   * Every scalar of the file's first document (the one Helm reads) that two readers disagree on.
   *
   * @param ours how the values layer read each plain scalar
   */
  static List<Finding> check(String text, String file, LoaderOptions options, OurReading ours) {
    List<Finding> all = new ArrayList<>();
    Map<String, Mark> anchors = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    for (Event event : new Yaml(options).parse(new StringReader(text))) {
      if (event instanceof DocumentEndEvent) {
        break;
      }
      Frame top = stack.peek();
      List<Finding> findings = top != null && top.quiet ? new ArrayList<>() : all;
      boolean atKey = top != null && top.mapping && top.expectKey;
      if (event instanceof CollectionStartEvent) {
        // a collection as a key is no plain scalar; its path only has to be distinct
        boolean merged = top != null && top.mapping && !top.expectKey && top.mergeValue;
        String path = atKey ? key(top, "?") : value(stack);
        Frame frame = new Frame(path, event instanceof MappingStartEvent);
        frame.mergeList = merged && !frame.mapping;
        frame.quiet = top != null && top.quiet;
        stack.push(frame);
        String tag = ((CollectionStartEvent) event).getTag();
        if (!frame.quiet && tagged(tag, frame.mapping ? MAP : SEQ)) {
          findings.add(tag(file, event, path));
          frame.quiet = true;
        }
      } else if (event instanceof CollectionEndEvent) {
        stack.pop();
      } else if (event instanceof AliasEvent alias) {
        // what '<<' merges is reported once, at the '<<'
        boolean merged =
            top != null && (top.mergeList || top.mapping && !top.expectKey && top.mergeValue);
        String path = atKey ? key(top, alias.getAnchor()) : value(stack);
        if (!merged && top != null) {
          findings.add(alias(file, alias, anchors.get(alias.getAnchor()), path, atKey));
        }
      } else if (event instanceof ScalarEvent scalar) {
        boolean plain = scalar.isPlain() && scalar.getTag() == null;
        if (top != null && tagged(scalar.getTag(), STR)) {
          findings.add(tag(file, event, atKey ? key(top, scalar.getValue()) : value(stack)));
        } else if (atKey) {
          String path = key(top, scalar.getValue());
          if (plain && scalar.getValue().equals("<<")) {
            top.mergeValue = true;
            findings.add(merge(file, scalar, path, top.path));
          } else if (plain) {
            findings.addAll(key(file, scalar, path));
          }
        } else {
          String path = value(stack);
          if (plain && top != null) {
            findings.addAll(value(file, scalar, path, ours));
          }
        }
      }
      if (event instanceof NodeEvent node
          && node.getAnchor() != null
          && !(node instanceof AliasEvent)) {
        anchors.put(node.getAnchor(), event.getStartMark());
      }
    }
    return all;
  }

  /** Enters the value of a key: its path. */
  private static String key(Frame mapping, String key) {
    mapping.key = mapping.path.isEmpty() ? "." + key : mapping.path + "." + key;
    mapping.expectKey = false;
    return mapping.key;
  }

  /** The path of the value that comes next, and moves on past it. */
  private static String value(Deque<Frame> stack) {
    Frame top = stack.peek();
    if (top == null) {
      return "";
    }
    if (top.mapping) {
      top.expectKey = true;
      top.mergeValue = false;
      return top.key;
    }
    return top.path + "[" + top.index++ + "]";
  }

  private static List<Finding> value(
      String file, ScalarEvent scalar, String path, OurReading ours) {
    String text = scalar.getValue();
    HelmScalars.Value helm = HelmScalars.value(text);
    JsonNode ourReading = ours.of(text, scalar.getStartMark());
    JsonNode yaml12 = yaml12(text);
    if (helm.json() != null && same(helm.json(), ourReading) && same(helm.json(), yaml12)) {
      return List.of();
    }
    String shown = Problem.echo(text);
    String message;
    String hint;
    if (helm.json() == null) {
      message = "Helm cannot read " + shown + ": " + helm.why();
      hint = "write a number, or quote it if you mean text";
    } else if (helm.json().isNull()) {
      message =
          "Helm reads an empty value as null, which drops the chart's default for this key;"
              + " this check reads it as empty text";
      hint = "write the value, \"\" for empty text, or null to drop the default";
    } else if (helm.json().isTextual()) {
      message =
          "Helm reads "
              + shown
              + " as text"
              + (ourReading == null
                  ? "; this check cannot read it"
                  : ourReading.isTextual() ? "" : ", this check as " + HelmScalars.show(ourReading))
              + (yaml12.isTextual() ? "" : ", YAML 1.2 tools as " + HelmScalars.show(yaml12));
      hint = "quote it to make it text to every reader";
    } else {
      String helmValue = HelmScalars.show(helm.json());
      message = "Helm reads " + shown + " as " + helmValue + " (" + helm.why() + ")";
      hint =
          helm.why().equals(HelmScalars.PRECISION)
              ? "quote it if you mean text; Helm cannot hold this number exactly"
              : "write " + helmValue + ", or quote it if you mean text";
    }
    return List.of(finding(file, scalar.getStartMark(), path, message, hint, path));
  }

  /** A plain key: Jackson takes its text as it is; Helm makes a string of what go-yaml read. */
  private static List<Finding> key(String file, ScalarEvent scalar, String path) {
    String text = scalar.getValue();
    HelmScalars.Key helm = HelmScalars.key(text);
    if (text.equals(helm.name())) {
      return List.of();
    }
    String shown = Problem.echo(text);
    String message =
        helm.name() == null
            ? "Helm cannot read the key " + shown + ": " + helm.why()
            : "Helm reads the key "
                + shown
                + " as '"
                + Problem.echo(helm.name())
                + "' ("
                + helm.why()
                + ")";
    return List.of(
        finding(
            file,
            scalar.getStartMark(),
            path,
            message,
            "quote the key to keep it as written",
            path));
  }

  private static Finding alias(
      String file, AliasEvent alias, Mark anchor, String path, boolean atKey) {
    String where = anchor == null ? "" : " at line " + (anchor.getLine() + 1);
    return finding(
        file,
        alias.getStartMark(),
        path,
        "Helm reads "
            + (atKey ? "the key " : "")
            + "*"
            + alias.getAnchor()
            + " as the value anchored"
            + where
            + "; this check cannot follow aliases and would read it as the text '"
            + alias.getAnchor()
            + "'",
        "write the value out instead of the alias",
        path);
  }

  /** An explicit tag other than the one the node has anyway (!!str, !!map, !!seq). */
  private static boolean tagged(String tag, String plainTag) {
    return tag != null && !tag.equals(plainTag);
  }

  /**
   * A tagged node: go-yaml and Jackson read tags their own ways ({@code !!binary} is decoded text
   * to Helm and base64 here, {@code !!null ''} null and empty text, {@code ! 010} text and 8), and
   * a values file does not need them.
   */
  private static Finding tag(String file, Event event, String path) {
    return finding(
        file,
        event.getStartMark(),
        path,
        "Helm and this check read YAML tags (!!binary, !!null, !…) differently; this check cannot"
            + " tell what Helm makes of this one",
        "write the value without the tag, quoted if it is text",
        path);
  }

  private static Finding merge(String file, ScalarEvent scalar, String path, String mapping) {
    return finding(
        file,
        scalar.getStartMark(),
        path,
        "Helm merges the mapping given to '<<' into this one; this check cannot follow merge keys"
            + " and would read '<<' as a key",
        "write the keys out instead of merging",
        mapping);
  }

  private static Finding finding(
      String file, Mark at, String path, String message, String hint, String covered) {
    return new Finding(
        new Problem(
            new Location(file, at.getLine() + 1, at.getColumn() + 1),
            path,
            message,
            hint,
            Check.VALUES_READING.id()),
        covered);
  }

  /** The YAML 1.2 core schema's reading of a plain scalar (yq, editors, most newer libraries). */
  static JsonNode yaml12(String text) {
    switch (text) {
      case "", "~", "null", "Null", "NULL":
        return NullNode.instance;
      case "true", "True", "TRUE":
        return BooleanNode.TRUE;
      case "false", "False", "FALSE":
        return BooleanNode.FALSE;
      default:
        break;
    }
    if (YAML12_INT.matcher(text).matches()) {
      return BigIntegerNode.valueOf(new BigInteger(text));
    }
    if (YAML12_OCTAL.matcher(text).matches()) {
      return BigIntegerNode.valueOf(new BigInteger(text.substring(2), 8));
    }
    if (YAML12_HEX.matcher(text).matches()) {
      return BigIntegerNode.valueOf(new BigInteger(text.substring(2), 16));
    }
    if (YAML12_FLOAT.matcher(text).matches()) {
      return DoubleNode.valueOf(Double.parseDouble(text));
    }
    if (YAML12_INFINITY.matcher(text).matches()) {
      return DoubleNode.valueOf(
          text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (YAML12_NAN.matcher(text).matches()) {
      return DoubleNode.valueOf(Double.NaN);
    }
    return TextNode.valueOf(text);
  }

  /** The same value: numbers compared exactly, whatever their Java type. */
  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.isNumber() && b.isNumber()) {
      BigDecimal x = decimal(a);
      BigDecimal y = decimal(b);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    if (a.isTextual() || a.isBoolean()) {
      return a.equals(b);
    }
    return a.isNull() && b.isNull();
  }

  private static BigDecimal decimal(JsonNode number) {
    if (number.isIntegralNumber()) {
      return new BigDecimal(number.bigIntegerValue());
    }
    double d = number.doubleValue();
    return Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(d);
  }
}
