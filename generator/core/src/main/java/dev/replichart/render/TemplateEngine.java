package dev.replichart.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.tree.Node;
import dev.replichart.plan.TemplateTree;
import dev.replichart.problem.Location;
import dev.replichart.problem.Problem;
import dev.replichart.problem.ProblemsException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders the templates under {@value TemplateTree#ROOT} on the class path. Strict: an unknown
 * variable, tag or filter is an error located at the template's file and line.
 */
public final class TemplateEngine {
  static final String ROOT = TemplateTree.ROOT;

  private final JinjavaConfig config;
  private final Jinjava jinjava;

  public TemplateEngine() {
    config =
        JinjavaConfig.newBuilder()
            .withFailOnUnknownTokens(true)
            // What a template prints is never read again as a template: a spec string such as
            // "[[ 7*7 ]]" or "[% raw %]" is data, printed as it is.
            .withNestedInterpretationEnabled(false)
            .withTrimBlocks(true)
            .withLstripBlocks(true)
            .withTokenScannerSymbols(new BracketSymbols())
            .build();
    this.jinjava = new Jinjava(config);
    jinjava.getGlobalContext().registerFilter(new YamlStringFilter());
  }

  /**
   * Template text by name, read from the class path once per engine: the class path does not change
   * while the process runs, and each read inflates the entry again out of a large jar.
   */
  private final Map<String, String> sources = new ConcurrentHashMap<>();

  /** Renders one template with the given context; every error is collected. */
  public String render(String template, Map<String, Object> context) throws ProblemsException {
    String source = sources.get(template);
    if (source == null) {
      source = load(template);
      sources.putIfAbsent(template, source);
    }
    RenderResult result = renderForResult(source, context);
    List<Problem> problems = new ArrayList<>();
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL
          || error.getSeverity() == TemplateError.ErrorType.WARNING) {
        problems.add(
            new Problem(
                new Location(ROOT + template, Math.max(error.getLineno(), 0), 0),
                error.getFieldName() == null ? "" : error.getFieldName(),
                error.getMessage(),
                "",
                "TEMPLATE-" + error.getReason()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ProblemsException(problems);
    }
    return result.getOutput();
  }

  /**
   * Jinjava's {@code renderForResult}, results and errors alike, without its copy of the global
   * context on every call: a new parentless context registers every built-in filter, tag, function
   * and test again, which took about half the render time of a small template and, in a new JVM,
   * tens of milliseconds over a chart's templates. Here the global context is the parent itself;
   * what a render records in it (the resolved expressions and values) is reset after each render,
   * as Jinjava resets it, so renders of one engine take turns.
   */
  private synchronized RenderResult renderForResult(String source, Map<String, Object> bindings) {
    if (JinjavaInterpreter.getCurrent() != null) {
      // a render from inside a render (none today): Jinjava's own way, which copies the context
      return jinjava.renderForResult(source, bindings);
    }
    Context global = jinjava.getGlobalContext();
    JinjavaInterpreter interpreter =
        new JinjavaInterpreter(
            jinjava, new Context(global, bindings, config.getDisabled()), config);
    TemplateError fatal;
    try {
      String output = interpreter.render(tree(source, interpreter));
      if (!config.isKeepTrailingNewline() && output.endsWith("\n")) {
        output = output.substring(0, output.length() - 1);
      }
      return new RenderResult(output, interpreter.getContext(), interpreter.getErrorsCopy());
    } catch (InterpretException e) {
      fatal =
          e instanceof TemplateSyntaxException syntax
              ? TemplateError.fromException(syntax)
              : TemplateError.fromSyntaxError(e);
    } catch (InvalidArgumentException e) {
      fatal = TemplateError.fromInvalidArgumentException(e);
    } catch (InvalidInputException e) {
      fatal = TemplateError.fromInvalidInputException(e);
    } catch (Exception e) {
      fatal = TemplateError.fromException(e);
    } finally {
      global.reset();
      // looking a macro up creates an empty macro map in the scope it reaches: keep none there
      global.getScope().remove(Context.GLOBAL_MACROS_SCOPE_KEY);
    }
    return new RenderResult(fatal, interpreter.getContext(), interpreter.getErrorsCopy());
  }

  /**
   * Parsed templates by source text, for renders of this engine (which take turns): Jinjava parses
   * a template again on every render, a third of the render time of the scripts. A tree is only
   * read while it renders (Jinjava's maintainers suggest this reuse: HubSpot/jinjava#1073); a
   * template that does not parse is parsed again on each render, so each reports its errors.
   */
  private final Map<String, Node> trees = new HashMap<>();

  private Node tree(String source, JinjavaInterpreter interpreter) {
    Node tree = trees.get(source);
    if (tree == null) {
      tree = interpreter.parse(source);
      if (interpreter.getErrorsCopy().isEmpty()) {
        trees.put(source, tree);
      }
    }
    return tree;
  }

  private static String load(String template) throws ProblemsException {
    try (InputStream in =
        TemplateEngine.class.getClassLoader().getResourceAsStream(ROOT + template)) {
      if (in == null) {
        throw new ProblemsException(
            List.of(
                new Problem(
                    Location.ofFile(ROOT + template),
                    "",
                    "template not found on the class path",
                    "",
                    "TEMPLATE-MISSING")));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProblemsException(
          List.of(
              new Problem(
                  Location.ofFile(ROOT + template),
                  "",
                  "cannot read template: " + e.getMessage(),
                  "",
                  "TEMPLATE-IO")));
    }
  }
}
