package dev.replichart.validate;

import dev.replichart.problem.Problem;
import java.util.List;

/**
 * One validation layer: it reads what it needs from the chart under test and returns what it finds,
 * each problem naming its {@link Check}. Every layer has this one shape, so {@link ChartValidator}
 * runs them from a list; a layer keeps whatever it loads once (a schema) in its own fields.
 */
public interface Layer {
  /** The layers, in the order they run; each {@link Check} belongs to one. */
  enum Name {
    VALUES,
    HELM,
    OPENAPI,
    MODELS,
    POLICY
  }

  List<Problem> check(ChartUnderTest chart);
}
