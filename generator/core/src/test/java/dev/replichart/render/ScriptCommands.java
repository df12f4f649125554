package dev.replichart.render;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The programs a POSIX sh script runs: every word in command position, with quoted strings, awk
 * programs, comments, redirections and assignments passed over, {@code $(…)} followed into, and a
 * command given as {@code "$VAR"} resolved through the chart's own {@code VAR=value} lines. Not a
 * shell parser: enough for the style the chart's scripts keep (no here-documents, no backticks, no
 * case statement inside {@code $(…)}), and it fails loudly on the first two rather than guess.
 */
final class ScriptCommands {
  /** Shell keywords and the built-ins of dash and busybox sh that need no program. */
  static final Set<String> BUILTINS =
      Set.of(
          "if",
          "then",
          "else",
          "elif",
          "fi",
          "case",
          "esac",
          "for",
          "while",
          "until",
          "do",
          "done",
          "in",
          "{",
          "}",
          "!",
          ".",
          ":",
          "[",
          "break",
          "cd",
          "command",
          "continue",
          "echo",
          "eval",
          "exec",
          "exit",
          "export",
          "false",
          "kill",
          "local",
          "printf",
          "pwd",
          "read",
          "readonly",
          "return",
          "set",
          "shift",
          "test",
          "trap",
          "true",
          "umask",
          "unset",
          "wait");

  private static final Pattern FUNCTION =
      Pattern.compile("(?m)^\\s*([A-Za-z_][A-Za-z0-9_]*)\\(\\)");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final Pattern VARIABLE = Pattern.compile("^\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?$");

  private ScriptCommands() {}

  /** Names of the functions a script defines. */
  static Set<String> functions(String script) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = FUNCTION.matcher(script);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The command words of a script, {@code "$VAR"} resolved through {@code variables} (an unknown
   * variable stays as {@code $VAR}, so that the caller sees it).
   */
  static Set<String> commands(String script, Map<String, String> variables) {
    String code = script.replaceAll("(?m)^\\s*#.*$", "");
    if (code.contains("<<") || code.replace("\\`", "").contains("`")) {
      throw new IllegalArgumentException("here-documents and backticks are not followed");
    }
    Set<String> commands = new LinkedHashSet<>();
    // One entry per open $( … ): the outer word and whether the outer next word is a command.
    Deque<boolean[]> contexts = new ArrayDeque<>();
    Deque<StringBuilder> outerWords = new ArrayDeque<>();
    boolean[] context = {true};
    StringBuilder word = new StringBuilder();
    boolean quotedWord = false;
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '\\' && i + 1 < n) {
        if (script.charAt(i + 1) != '\n') {
          word.append(script.charAt(i + 1));
        }
        i += 2;
        continue;
      }
      if (c == '\'') {
        int end = script.indexOf('\'', i + 1);
        word.append("'…'");
        quotedWord = true;
        i = end < 0 ? n : end + 1;
        continue;
      }
      if (c == '"') {
        i = doubleQuoted(script, i + 1, word, commands, variables);
        quotedWord = true;
        continue;
      }
      if (c == '$' && script.startsWith("$((", i)) {
        i = script.indexOf("))", i) + 2;
        word.append("$((…))");
        continue;
      }
      if (c == '$' && script.startsWith("${", i)) {
        int end = script.indexOf('}', i);
        word.append(script, i, end + 1);
        i = end + 1;
        continue;
      }
      if (c == '$' && script.startsWith("$(", i)) {
        contexts.push(context);
        outerWords.push(word.append("$(…)"));
        context = new boolean[] {true};
        word = new StringBuilder();
        i += 2;
        continue;
      }
      if (c == '#' && word.length() == 0) {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end;
        continue;
      }
      boolean redirect = word.length() > 0 && "<>".indexOf(word.charAt(word.length() - 1)) >= 0;
      boolean separator = c == ';' || c == '|' || (c == '&' && !redirect) || c == '\n';
      boolean close = c == ')' && !contexts.isEmpty();
      if (Character.isWhitespace(c) || separator || close || c == '(') {
        end(word, quotedWord, context, commands, variables);
        word.setLength(0);
        quotedWord = false;
        if (separator || c == '(') {
          context[0] = true;
        }
        if (close) {
          context = contexts.pop();
          word = outerWords.pop();
          quotedWord = false;
        }
        i++;
        continue;
      }
      word.append(c);
      i++;
    }
    end(word, quotedWord, context, commands, variables);
    return commands;
  }

  /**
   * Reads a double-quoted string from {@code i}, following $( … ) inside; returns the index after.
   */
  private static int doubleQuoted(
      String script, int i, StringBuilder word, Set<String> commands, Map<String, String> vars) {
    int n = script.length();
    StringBuilder text = new StringBuilder();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '\\' && i + 1 < n) {
        text.append(script.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '"') {
        word.append(text);
        return i + 1;
      }
      if (c == '$' && script.startsWith("$(", i) && !script.startsWith("$((", i)) {
        int end = matching(script, i + 1);
        commands.addAll(commands(script.substring(i + 2, end), vars));
        text.append("$(…)");
        i = end + 1;
        continue;
      }
      text.append(c);
      i++;
    }
    throw new IllegalArgumentException("unterminated double quote");
  }

  /** The index of the ')' that closes the '(' at {@code open}, skipping quotes. */
  private static int matching(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        i = s.indexOf('\'', i + 1);
      } else if (c == '"') {
        i = closingQuote(s, i + 1);
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced $( at " + open);
  }

  private static int closingQuote(String s, int i) {
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '$' && s.startsWith("$(", i)) {
        i = matching(s, i + 1);
      } else if (c == '"') {
        return i;
      }
    }
    throw new IllegalArgumentException("unterminated double quote");
  }

  private static void end(
      StringBuilder word,
      boolean quoted,
      boolean[] context,
      Set<String> commands,
      Map<String, String> variables) {
    if (word.length() == 0 || !context[0]) {
      return;
    }
    String w = word.toString();
    if (w.startsWith(">") || w.startsWith("<") || w.matches("\\d[<>].*")) {
      return; // a redirection: the command word may still follow
    }
    if (ASSIGNMENT.matcher(w).matches()) {
      return; // NAME=value before a command, or alone
    }
    if (w.endsWith(")") && !w.startsWith("$(")) {
      return; // a case pattern (a function definition's name() is caught here too)
    }
    if (w.equals("'…'") || w.startsWith("$(")) {
      context[0] = false; // a quoted pattern before '|', or a substitution used as a value
      return;
    }
    Matcher v = VARIABLE.matcher(w);
    String command = v.matches() ? variables.getOrDefault(v.group(1), w) : w;
    commands.add(command);
    // After these the next word is a command again; after any other, arguments follow.
    context[0] =
        Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "{", "exec", "command")
            .contains(command);
  }
}
