/**
 * Plan → files. A strict jinjava engine whose delimiters ({@code [[ ]]}, {@code [% %]}, {@code [#
 * #]}) leave Helm's {@code {{ }}} untouched; the renderer that prints every planned file; and the
 * writer that builds the chart in a temporary directory and moves it into place only once it all
 * validated.
 */
package dev.replichart.render;
