package dev.replichart.release;

import dev.replichart.problem.Problem;
import dev.replichart.render.RenderedChart;
import java.io.IOException;
import java.util.List;

/**
 * Changes between a released chart and its next version that {@code helm upgrade} would reject or
 * silently not apply (a StatefulSet's {@code volumeClaimTemplates}, {@code selector}, …). {@link
 * ReleaseCheck} asks it whenever a baseline exists; its problems join the version rule's.
 */
@FunctionalInterface
public interface UpgradeCheck {
  /** No upgrade check: the version rule only. */
  UpgradeCheck NONE = (baseline, next) -> List.of();

  /**
   * Problems upgrading from {@code baseline} to {@code next} would meet; empty when none.
   *
   * @throws IOException when the charts cannot be rendered for comparison
   */
  List<Problem> check(RenderedChart baseline, RenderedChart next) throws IOException;
}
