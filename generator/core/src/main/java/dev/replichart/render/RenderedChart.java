package dev.replichart.render;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A chart in memory: chart-relative path → file text, sorted by path.
 *
 * @param name the chart name (the directory name when packaged)
 * @param version the chart version
 */
public record RenderedChart(String name, String version, SortedMap<String, String> files) {
  public RenderedChart {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }
}
