package dev.replichart.fuzz;

import dev.replichart.Directories;
import dev.replichart.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code make fuzz}: hostile specs and values files through the real CLI, in process. Each spec
 * case mutates a bundled example (a scalar replaced by a string from a hostile alphabet, a key
 * deleted or duplicated, a value of the wrong type, tabs, deep nesting, aliases, binary bytes, a
 * huge value) and runs {@code generate} into a directory that holds the previous good chart; each
 * values case does the same to a values file and runs {@code validate}. Every case must end in exit
 * 0 or 1, with no internal error or stack trace, every problem line located ({@code file:line:col:
 * …} or at least {@code file: …}), and on failure the previous chart untouched.
 *
 * <p>Arguments: number of cases (default 10000), seed (default 1).
 */
public final class Fuzz {
  private static final Pattern LOCATED = Pattern.compile("^[^:\\s][^:]*:(\\d+:\\d+:)? .+");
  private static final String[] HOSTILE = {
    "[[ 7*7 ]]",
    "[% raw %]",
    "{{ .Release.Name }}",
    "{{/* */}}",
    "#",
    ":",
    "- x",
    "\n",
    "\r",
    "\u2028",
    "\u2029",
    "\u0000",
    "'",
    "\"",
    "\\",
    "$(id)",
    "`id`",
    ";",
    "|",
    "&",
    "*a",
    "&a",
    "!!str",
    "%",
    "yes",
    "on",
    "~",
    "null",
    "0x1F",
    "1e400",
    "99999999999999999999",
    "-1",
    "",
    " ",
    "\t",
    "é",
    "../..",
    "/"
  };

  private Fuzz() {}

  /** What one run found. */
  private static final class Tally {
    int cases;
    int accepted;
    int rejected;
    int internalErrors;
    int unlocated;
    int touched;
    long slowestNanos;
    String slowest = "";
    final List<String> failures = new ArrayList<>();

    void fail(String what, String detail) {
      if (failures.size() < 20) {
        failures.add(what + ": " + detail.replace("\n", "\\n"));
      }
    }
  }

  public static void main(String[] args) throws Exception {
    int cases = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
    Path repo = Path.of("").toAbsolutePath();
    Path work = Files.createTempDirectory("replichart-fuzz");
    List<String> examples = new ArrayList<>();
    try (Stream<Path> files = Files.list(repo.resolve("examples"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        examples.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    List<String> values = new ArrayList<>();
    try (Stream<Path> files = Files.list(repo.resolve("values"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        values.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    Path out = work.resolve("out");
    Path chart = repo.resolve("chart");
    if (run(List.of(
                "generate", repo.resolve("examples/sdnc-db.yaml").toString(), "-o", out.toString()))
            .code
        != 0) {
      throw new IllegalStateException("the bundled example does not generate");
    }
    String good = digest(out);
    Random random = new Random(seed);
    Tally tally = new Tally();
    for (int i = 0; i < cases; i++) {
      boolean spec = random.nextInt(4) != 0;
      String base =
          spec
              ? examples.get(random.nextInt(examples.size()))
              : values.get(random.nextInt(values.size()));
      byte[] mutated = mutate(base, random);
      Path input = work.resolve(spec ? "case.yaml" : "values-case.yaml");
      Files.write(input, mutated);
      List<String> command =
          spec
              ? List.of("generate", input.toString(), "-o", out.toString())
              : List.of("validate", chart.toString(), "-f", input.toString());
      long start = System.nanoTime();
      Result r = run(command);
      long took = System.nanoTime() - start;
      tally.cases++;
      if (took > tally.slowestNanos) {
        tally.slowestNanos = took;
        tally.slowest = (spec ? "spec " : "values ") + "case " + i;
      }
      String text = r.out + r.err;
      if (r.code != 0 && r.code != 1
          || text.contains("internal error")
          || text.contains("Exception")
          || text.contains("\tat ")) {
        tally.internalErrors++;
        tally.fail("case " + i + " exit " + r.code, text);
      }
      if (r.code == 1) {
        tally.rejected++;
        for (String line : r.err.split("\n")) {
          if (line.isBlank()
              || line.matches("\\d+ problems? found")
              || line.startsWith("nothing ")) {
            continue;
          }
          if (!LOCATED.matcher(line).matches()) {
            tally.unlocated++;
            tally.fail("case " + i + " unlocated", line);
          }
        }
      } else if (r.code == 0) {
        tally.accepted++;
      }
      if (spec && r.code != 0 && !digest(out).equals(good)) {
        tally.touched++;
        tally.fail("case " + i + " touched the output", text);
      }
      if (spec && r.code == 0) {
        good = digest(out);
      }
      if ((i + 1) % 1000 == 0) {
        System.out.printf(
            "fuzz: %d/%d cases, %d failures so far%n",
            i + 1, cases, tally.internalErrors + tally.unlocated + tally.touched);
      }
    }
    System.out.printf(
        "fuzz: %d cases (seed %d): %d accepted, %d rejected; %d internal errors or stack traces,"
            + " %d unlocated lines, %d outputs touched on failure; slowest %s: %.2f s%n",
        tally.cases,
        seed,
        tally.accepted,
        tally.rejected,
        tally.internalErrors,
        tally.unlocated,
        tally.touched,
        tally.slowest,
        tally.slowestNanos / 1e9);
    tally.failures.forEach(f -> System.out.println("  " + f));
    Directories.deleteTree(work);
    int failures = tally.internalErrors + tally.unlocated + tally.touched;
    System.out.println((tally.cases - failures) + " passed, " + failures + " failed");
    System.exit(failures == 0 && tally.slowestNanos < 5_000_000_000L ? 0 : 1);
  }

  private record Result(int code, String out, String err) {}

  private static Result run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try {
      code =
          Main.run(
              new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new Result(99, "", "escaped the CLI: " + e);
    }
    return new Result(code, out.toString(), err.toString());
  }

  /** One random mutation of a YAML document. */
  static byte[] mutate(String yaml, Random random) {
    List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
    int at = random.nextInt(lines.size());
    String line = lines.get(at);
    switch (random.nextInt(12)) {
      case 0, 1, 2 -> {
        int colon = line.indexOf(": ");
        String hostile = hostile(random);
        String quoted = random.nextBoolean() ? json(hostile) : hostile;
        lines.set(at, colon > 0 ? line.substring(0, colon + 2) + quoted : line + quoted);
      }
      case 3 -> lines.remove(at);
      case 4 -> lines.add(at, line);
      case 5 -> lines.set(at, line.replaceFirst("^( *)", "$1\t"));
      case 6 -> {
        StringBuilder deep = new StringBuilder("deep: ");
        int depth = random.nextInt(3000);
        deep.append("[".repeat(depth)).append("]".repeat(depth));
        lines.add(at, deep.toString());
      }
      case 7 -> {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
          bomb.append("a").append(i).append(": &a").append(i).append(" [");
          bomb.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        lines.add(0, bomb.toString());
      }
      case 8 -> {
        byte[] bytes = new byte[random.nextInt(64) + 1];
        random.nextBytes(bytes);
        String text = String.join("\n", lines);
        byte[] head = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        return all;
      }
      case 9 -> {
        int colon = line.indexOf(": ");
        lines.set(
            at, (colon > 0 ? line.substring(0, colon + 2) : line + ": ") + "x".repeat(200_000));
      }
      case 10 -> {
        int colon = line.indexOf(": ");
        String[] types = {"[1, 2]", "{a: b}", "123456789012345678901234567890", "true", "~", "3.5"};
        lines.set(
            at,
            (colon > 0 ? line.substring(0, colon + 2) : line + ": ")
                + types[random.nextInt(types.length)]);
      }
      default -> lines.set(at, line + hostile(random));
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  private static String hostile(Random random) {
    StringBuilder s = new StringBuilder();
    int parts = 1 + random.nextInt(4);
    for (int i = 0; i < parts; i++) {
      s.append(HOSTILE[random.nextInt(HOSTILE.length)]);
    }
    return s.toString();
  }

  private static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /** sha256 over the paths and contents of a directory; "absent" when it does not exist. */
  static String digest(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return "absent";
    }
    TreeMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      files.forEach(
          (name, bytes) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update(bytes);
          });
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
